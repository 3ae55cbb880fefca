import Foundation
import GitHubAPI
import ReleaseKitCore

/// GitLab behind `ReleaseForge`, so create-release's one flow (resolver, uploader,
/// plan) and verify-artifacts `--against-release` run on it unchanged.
///
/// How GitLab's model maps onto the shared one:
/// - A release is keyed by its tag; its `id` here is a number derived from the tag
///   (GitLab gives releases none), remembered so later calls find the tag again.
/// - GitLab has no drafts: a release is visible from its creation; `draft` is ignored
///   and publishing is a no-op. A prerelease is told by its name only: ` (prerelease)`
///   is appended (GitLab has no prerelease flag; the notes are left as written).
/// - An asset is a release link to a file of the generic package registry (package =
///   the tag's component, else the project's slug; version = the tag's version); its
///   size and `sha256:` digest are the registry's for the newest file of that name.
///   A link pointing elsewhere is listed with size -1, so a local file never matches it.
/// - An upload stores the file in the registry, then attaches the link; an overwrite
///   uploads first, then re-points the existing link.
public struct GitLabForge: ReleaseForge {
    public let client: GitLabClient
    private let publisher: GitLabAssetPublisher
    private let memory = Memory()

    public init(client: GitLabClient, digests: DigestCache = DigestCache(), log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.client = client
        self.publisher = GitLabAssetPublisher(client: client, digests: digests, log: log)
    }

    public var kind: ForgeKind { .gitlab }
    public var repository: String { client.project.reference }
    public var retry: RetryPolicy { client.loop.retry }
    public var requestsSent: [String: Int] { client.requestsSent }

    // MARK: Releases

    public func releases(taggedWith tag: String) async throws -> [Release] {
        guard let found = try await client.release(tag: tag) else { return [] }
        return [release(found)]
    }

    public func createRelease(_ fields: ReleaseFields) async throws -> Release {
        guard let tag = fields.tagName else { throw OperationError("internal error: a GitLab release needs a tag") }
        let gitlab = GitLabReleaseFields(tagName: tag, name: Self.name(fields.name ?? tag, prerelease: fields.prerelease ?? false),
                                         description: fields.body, ref: fields.targetCommitish)
        do {
            return release(try await client.createRelease(gitlab))
        } catch let error as GitLabAPIError where error.reason == .alreadyExists {
            // The resolver's signal that a racing job created it first.
            throw GitHubAPIError(reason: .alreadyExists(resource: "Release"), status: error.status, operation: error.operation,
                                 detail: error.detail, repository: repository).from(kind.displayName)
        }
    }

    public func updateRelease(id: Int, _ fields: ReleaseFields) async throws -> Release {
        let tag = try tag(of: id)
        guard fields.name != nil || fields.body != nil || fields.prerelease != nil else {
            // Publishing (`draft: false`) or the latest choice: nothing GitLab has.
            guard let current = try await client.release(tag: tag) else {
                throw GitLabAPIError(reason: .notFound, status: 404, operation: "get the release for tag \(tag)", detail: "404 Not Found", project: repository)
            }
            return release(current)
        }
        var name = fields.name
        if let prerelease = fields.prerelease {
            var base = name ?? tag
            if name == nil, let current = try await client.release(tag: tag) { base = current.name ?? tag }
            name = Self.name(base, prerelease: prerelease)
        }
        return release(try await client.updateRelease(tag: tag, GitLabReleaseFields(name: name, description: fields.body)))
    }

    public func deleteRelease(id: Int) async throws { try await client.deleteRelease(tag: try tag(of: id)) }
    public func tagExists(_ tag: String) async throws -> Bool { try await client.tagExists(tag) }

    public func generateNotes(tag: String, target: String?, previousTag: String?) async throws -> GeneratedNotes {
        throw OperationError("GitLab does not write release notes (--generate-notes is GitHub's); pass --notes or --notes-file")
    }

    public func immutableReleasesSetting() async throws -> ImmutableReleasesSetting? { nil }

    /// The name a release gets: a prerelease says so, as GitLab has no flag for it.
    public static func name(_ name: String, prerelease: Bool) -> String {
        let base = baseName(name)
        return prerelease ? base + prereleaseSuffix : base
    }

    static let prereleaseSuffix = " (prerelease)"
    static func baseName(_ name: String) -> String {
        name.hasSuffix(prereleaseSuffix) ? String(name.dropLast(prereleaseSuffix.count)) : name
    }

    // MARK: Assets

    public func listAssets(releaseID: Int) async throws -> [ReleaseAsset] {
        let tag = try tag(of: releaseID)
        let links = try await client.listLinks(tag: tag)
        guard !links.isEmpty else { return [] }
        let (package, version) = try await packageAndVersion(tag: tag)
        var newest: [String: GitLabPackageFile] = [:]
        for found in try await client.packages(name: package, version: version) {
            for file in try await client.packageFiles(packageID: found.id) where newest[file.fileName].map({ file.id > $0.id }) ?? true {
                newest[file.fileName] = file
            }
        }
        return links.map { link in
            guard let coordinates = try? GenericPackageCoordinates(package: package, version: version, fileName: link.name),
                  link.url == client.packageFileURL(coordinates).absoluteString else {
                return ReleaseAsset(id: link.id, name: link.name, state: "uploaded", size: -1, digest: nil, url: link.url,
                                    browserDownloadURL: link.directAssetURL)
            }
            guard let file = newest[link.name] else {
                // The link is there, its file is not (deleted, or an upload that failed after linking).
                return ReleaseAsset(id: link.id, name: link.name, state: "starter", size: 0, digest: nil, url: link.url)
            }
            return asset(link, file)
        }
    }

    /// Stores the file in the registry (one attempt), then attaches the link. A link of
    /// that name already attached by someone else answers as GitHub's 422 would, so
    /// `AssetUploader` looks and compares: same content adopted, other content a conflict.
    public func uploadAssetOnce(_ local: LocalAsset, as name: String, label: String?, to release: Release) async throws -> HTTPResult {
        let coordinates = try await coordinates(tag: release.tagName, fileName: name)
        let result = try await client.uploadPackageFileOnce(coordinates, path: local.path, size: local.size)
        guard (200..<300).contains(result.status) else { return result }
        let stored = try client.packageFile(from: result)
        let outcome: GitLabAssetPublisher.Outcome
        do {
            outcome = try await publisher.attach(stored, local: local, at: coordinates, tag: release.tagName, replacing: nil)
        } catch is GitLabAssetPublisher.Conflict {
            return Self.alreadyLinked
        }
        switch outcome {
        case .uploaded(let link):
            return HTTPResult(status: 201, headers: [:], body: try JSONEncoder().encode(asset(link, stored)))
        case .adopted:
            return Self.alreadyLinked
        }
    }

    static let alreadyLinked = HTTPResult(status: 409, headers: [:], body: Data(#"{"message":"Link already exists"}"#.utf8))

    public func replaceAsset(_ old: ReleaseAsset, with local: LocalAsset, label: String?, in release: Release,
                             uploader: AssetUploader) async throws -> ReleaseAsset {
        let coordinates = try await coordinates(tag: release.tagName, fileName: local.name)
        let link = GitLabLink(id: old.id, name: old.name, url: old.url, directAssetURL: old.browserDownloadURL, linkType: nil)
        switch try await publisher.publish(local, at: coordinates, tag: release.tagName, replacing: link) {
        case .uploaded(let link), .adopted(let link):
            return ReleaseAsset(id: link.id, name: link.name, state: "uploaded", size: local.size, digest: nil, url: link.url)
        }
    }

    public func renameAsset(id: Int, name: String, label: String?, releaseID: Int) async throws -> ReleaseAsset {
        let tag = try tag(of: releaseID)
        guard let link = try await client.listLinks(tag: tag).first(where: { $0.id == id }) else {
            throw GitLabAPIError(reason: .notFound, status: 404, operation: "rename link \(id)", detail: "404 Not Found", project: repository)
        }
        let fields = GitLabLinkFields(name: name, url: link.url, directAssetPath: "/" + name,
                                      linkType: GitLabLinkType(rawValue: link.linkType ?? "") ?? .forFile(named: name))
        let renamed = try await client.updateLink(tag: tag, id: id, fields)
        return ReleaseAsset(id: renamed.id, name: renamed.name, state: "uploaded", size: 0, digest: nil, url: renamed.url)
    }

    /// Removes the link; the registry file stays (GitLab keeps packages apart from releases).
    public func deleteAsset(id: Int, name: String, releaseID: Int) async throws {
        try await client.deleteLink(tag: try tag(of: releaseID), id: id, name: name)
    }

    public func downloadAsset(_ asset: ReleaseAsset, to destination: String) async throws {
        guard let url = URL(string: asset.url) else {
            throw GitLabAPIError(reason: .unexpected, status: nil, operation: "download \(asset.name)", detail: "the link is not a URL", project: repository)
        }
        try await client.download(url, to: destination, name: asset.name)
    }

    /// The registry lists every file's SHA-256.
    public func withContentDigest(_ asset: ReleaseAsset) async throws -> ReleaseAsset { asset }

    // MARK: The retry loop's parts

    /// GitLab's refusal in the shape `AssetUploader` reads (`.alreadyExists` for a
    /// name, url or path another link has).
    public func apiError(_ result: HTTPResult, operation: String) -> GitHubAPIError {
        let gitlab = GitLabAPIError(result: result, operation: operation, project: repository, projectLevel: false)
        let reason: GitHubAPIError.Reason = switch gitlab.reason {
        case .badCredentials: .badCredentials
        case .forbidden, .duplicatePackage: .forbidden
        case .projectNotFound: .repositoryNotFound
        case .notFound: .notFound
        case .alreadyExists: .alreadyExists(resource: "ReleaseAsset")
        case .validation: .validation
        case .rateLimited: .rateLimited
        case .server: .server
        case .noResponse: .noResponse
        case .unexpected: .unexpected
        }
        return GitHubAPIError(reason: reason, status: result.status, operation: operation, detail: gitlab.detail, repository: repository)
            .from(kind.displayName)
    }

    public func judge(_ result: HTTPResult, attempt: Int) async -> RetryPolicy.Decision { await client.loop.judge(result, attempt: attempt) }
    public func announce(until: Date, reason: String, what: String, attempt: Int) {
        client.loop.announce(until: until, reason: reason, what: what, attempt: attempt)
    }
    public func wait(_ seconds: Double, reason: String, what: String, attempt: Int) async throws {
        try await client.loop.wait(seconds, reason: reason, what: what, attempt: attempt)
    }

    // MARK: Mapping

    private func release(_ gitlab: GitLabRelease) -> Release {
        let id = memory.id(for: gitlab.tagName)
        return Release(id: id, tagName: gitlab.tagName, name: gitlab.name, body: gitlab.description,
                       prerelease: gitlab.name?.hasSuffix(Self.prereleaseSuffix) ?? false, htmlURL: gitlab.webURL ?? "",
                       createdAt: gitlab.createdAt)
    }

    private func asset(_ link: GitLabLink, _ file: GitLabPackageFile) -> ReleaseAsset {
        ReleaseAsset(id: link.id, name: link.name, state: "uploaded", size: file.size, digest: file.fileSHA256.map { "sha256:" + $0.lowercased() },
                     url: link.url, browserDownloadURL: link.directAssetURL, createdAt: file.createdAt)
    }

    /// The `id` a GitLab release is known by here: a stable number per tag (FNV-1a,
    /// 52 bits), the same in every job and in the `id` output.
    public static func releaseID(forTag tag: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in tag.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(hash & 0xF_FFFF_FFFF_FFFF) + 1
    }

    private func tag(of id: Int) throws -> String {
        guard let tag = memory.tag(for: id) else { throw OperationError("internal error: GitLab release \(id) was never looked up") }
        return tag
    }

    /// Package = the tag's component, else the project's slug; version = the tag's version.
    func packageAndVersion(tag: String) async throws -> (String, String) {
        let parsed = try? TagName(parsing: tag)
        let version = parsed?.versionText ?? tag
        if let component = parsed?.component, !component.isEmpty { return (component, version) }
        if let name = client.project.name { return (name, version) }
        if let slug = memory.slug { return (slug, version) }
        let slug = try await client.projectSlug()
        memory.slug = slug
        return (slug, version)
    }

    func coordinates(tag: String, fileName: String) async throws -> GenericPackageCoordinates {
        let (package, version) = try await packageAndVersion(tag: tag)
        return try GenericPackageCoordinates(package: package, version: version, fileName: fileName)
    }

    /// Tags by the ids handed out for them, and the project slug once read.
    final class Memory: @unchecked Sendable {
        private let lock = NSLock()
        private var tags: [Int: String] = [:]
        private var storedSlug: String?

        func id(for tag: String) -> Int {
            let id = GitLabForge.releaseID(forTag: tag)
            lock.withLock { tags[id] = tag }
            return id
        }

        func tag(for id: Int) -> String? { lock.withLock { tags[id] } }

        var slug: String? {
            get { lock.withLock { storedSlug } }
            set { lock.withLock { storedSlug = newValue } }
        }
    }
}
