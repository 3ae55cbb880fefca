import ArtifactFiles
import Foundation
import ReleaseKitCore

/// The releases of one Gitea or Forgejo repository (one API, two names), behind
/// `ReleaseForge`.
///
/// `/api/v1/repos/{owner}/{repo}/releases` mirrors GitHub's releases closely, so the
/// requests go through `GitHubClient`'s retry loop in Gitea's dialect (`token`
/// authorization, `limit` pages): the same retries, rate-limit gate, stall detection
/// and redirects without credentials. Gitea sends no rate-limit headers, so a 429
/// or 5xx backs off. What differs is here: attachments live under their release,
/// are uploaded as `multipart/form-data` (streamed, with an exact Content-Length),
/// and carry no digest, so comparing one costs a download (`withContentDigest`).
public struct GiteaClient: ReleaseForge {
    public let kind: ForgeKind
    let api: GitHubClient
    /// Where attachments are downloaded to be hashed, then deleted.
    let scratchDirectory: String
    private let digests = AttachmentDigests()

    public init(kind: ForgeKind = .gitea, apiURL: URL, repository: String, token: String?, transport: HTTPTransport,
                retry: RetryPolicy = RetryPolicy(), sleeper: Sleeper = TaskSleeper(),
                now: @escaping @Sendable () -> Date = Date.init, allowsWrites: Bool = true, gate: RateLimitGate? = nil,
                scratchDirectory: String = NSTemporaryDirectory(), onRetry: @escaping @Sendable (String) -> Void = { _ in }) {
        self.kind = kind
        self.scratchDirectory = scratchDirectory
        api = GitHubClient(apiURL: apiURL, repository: repository, token: token, transport: transport, retry: retry, sleeper: sleeper,
                           now: now, allowsWrites: allowsWrites, gate: gate, dialect: .gitea(kind.displayName), onRetry: onRetry)
    }

    public var repository: String { api.repository }
    public var retry: RetryPolicy { api.retry }
    public var requestsSent: [String: Int] { api.requestsSent }

    // MARK: Releases

    /// The list (drafts included for a token with write access) and get-by-tag, merged by id.
    public func releases(taggedWith tag: String) async throws -> [Release] {
        var byID: [Int: Release] = [:]
        let listed: [Release] = try await api.listAll(api.repoPath("releases"), operation: "list the releases of \(repository)",
                                                      repositoryLevel: true)
        for release in listed where release.tagName == tag { byID[release.id] = release }
        let result = try await api.send("GET", url: api.repoURL("releases/tags/" + GitHubClient.segment(tag)),
                                        operation: "get the release for tag \(tag)", allow404: true)
        if result.status != 404 { let release = try api.decode(Release.self, result); byID[release.id] = release }
        return Array(byID.values)
    }

    /// Gitea answers 409 when the tag already has a release (drafts too: one release per tag).
    public func createRelease(_ fields: ReleaseFields) async throws -> Release {
        let operation = "create the release for \(fields.tagName ?? "?") in \(repository)"
        do {
            let result = try await api.send("POST", url: api.repoURL("releases"), json: Self.object(fields), operation: operation,
                                            repositoryLevel: true)
            return try api.decode(Release.self, result)
        } catch let error as GitHubAPIError where error.status == 409 {
            throw GitHubAPIError(reason: .alreadyExists(resource: "Release"), status: 409, operation: operation,
                                 detail: error.detail, repository: repository).from(kind.displayName)
        }
    }

    public func updateRelease(id: Int, _ fields: ReleaseFields) async throws -> Release {
        let result = try await api.send("PATCH", url: api.repoURL("releases/\(id)"), json: Self.object(fields),
                                        operation: "update release \(id) in \(repository)")
        return try api.decode(Release.self, result)
    }

    public func deleteRelease(id: Int) async throws {
        try await api.send("DELETE", url: api.repoURL("releases/\(id)"), operation: "delete release \(id) in \(repository)", allow404: true)
    }

    public func tagExists(_ tag: String) async throws -> Bool {
        let result = try await api.send("GET", url: api.repoURL("tags/" + GitHubClient.segment(tag)), operation: "look up tag \(tag)",
                                        allow404: true)
        return result.status != 404
    }

    /// Never reached: the settings refuse `--generate-notes` on a forge that writes none.
    public func generateNotes(tag: String, target: String?, previousTag: String?) async throws -> GeneratedNotes {
        throw OperationError("\(kind.displayName) does not generate release notes")
    }

    public func immutableReleasesSetting() async throws -> ImmutableReleasesSetting? { nil }

    /// The fields Gitea's `CreateReleaseOption` / `EditReleaseOption` know; GitHub's
    /// `make_latest` and discussion category have no counterpart (the settings refuse
    /// them when asked for; `make_latest` from the defaults is dropped here).
    static func object(_ fields: ReleaseFields) -> [String: Any] {
        var object: [String: Any] = [:]
        if let tagName = fields.tagName { object["tag_name"] = tagName }
        if let target = fields.targetCommitish { object["target_commitish"] = target }
        if let name = fields.name { object["name"] = name }
        if let body = fields.body { object["body"] = body }
        if let draft = fields.draft { object["draft"] = draft }
        if let prerelease = fields.prerelease { object["prerelease"] = prerelease }
        return object
    }

    // MARK: Attachments

    public func listAssets(releaseID: Int) async throws -> [ReleaseAsset] {
        let result = try await api.send("GET", url: api.repoURL("releases/\(releaseID)/assets"),
                                        operation: "list the attachments of release \(releaseID)")
        return try api.decode([ReleaseAsset].self, result)
    }

    /// `POST …/releases/{id}/assets?name=` with one `attachment` part, the file
    /// streamed between the part's header and the closing boundary.
    public func uploadAssetOnce(_ local: LocalAsset, as name: String, label: String?, to release: Release) async throws -> HTTPResult {
        guard api.allowsWrites else { throw DryRunViolation(method: "POST", target: "upload \(name)") }
        var components = URLComponents(url: api.repoURL("releases/\(release.id)/assets"), resolvingAgainstBaseURL: false)!
        components.percentEncodedQuery = "name=" + name.addingPercentEncoding(withAllowedCharacters: .queryValueAllowed)!
        let form = MultipartFile(fieldName: "attachment", fileName: name, contentType: "application/octet-stream")
        var headers = api.baseHeaders()
        headers["Content-Type"] = form.contentType
        let body = RequestBody.framedFile(prefix: form.prefix, path: local.path, length: local.size, suffix: form.suffix)
        headers["Content-Length"] = String(body.length)
        return try await api.attempt(HTTPRequestSpec(method: "POST", url: components.url!, headers: headers, body: body))
    }

    public func renameAsset(id: Int, name: String, label: String?, releaseID: Int) async throws -> ReleaseAsset {
        let result = try await api.send("PATCH", url: api.repoURL("releases/\(releaseID)/assets/\(id)"), json: ["name": name],
                                        operation: "rename attachment \(id) to \(name)")
        return try api.decode(ReleaseAsset.self, result)
    }

    public func deleteAsset(id: Int, name: String, releaseID: Int) async throws {
        try await api.send("DELETE", url: api.repoURL("releases/\(releaseID)/assets/\(id)"),
                           operation: "delete attachment \(name) (\(id))", allow404: true)
    }

    /// The attachment's `browser_download_url`; the token goes only to the API's host
    /// (the transport drops it on a redirect elsewhere).
    public func downloadAsset(_ asset: ReleaseAsset, to destination: String) async throws {
        guard let url = URL(string: asset.browserDownloadURL ?? "") else {
            throw GitHubAPIError(reason: .unexpected, status: nil, operation: "download \(asset.name)",
                                 detail: "the attachment has no browser_download_url", repository: repository).from(kind.displayName)
        }
        var headers = api.baseHeaders()
        headers["Accept"] = "application/octet-stream"
        try await api.exchange(HTTPRequestSpec(method: "GET", url: url, headers: headers), to: destination,
                               operation: "download \(asset.name)", repositoryLevel: false, allow404: false)
    }

    /// Downloads the attachment (streamed to a scratch file, constant memory) and
    /// hashes it, once per attachment id.
    public func withContentDigest(_ asset: ReleaseAsset) async throws -> ReleaseAsset {
        var result = asset
        if let known = digests[asset.id] {
            result.digest = "sha256:" + known
            return result
        }
        let path = scratchDirectory + "/releasekit-attachment-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await downloadAsset(asset, to: path)
        let hex = try FileDigester.sha256Hex(ofFile: path)
        digests[asset.id] = hex
        result.digest = "sha256:" + hex
        return result
    }

    // MARK: The retry loop's parts

    public func apiError(_ result: HTTPResult, operation: String) -> GitHubAPIError {
        GitHubAPIError(result: result, operation: operation, repository: repository, repositoryLevel: false).from(kind.displayName)
    }

    public func judge(_ result: HTTPResult, attempt: Int) async -> RetryPolicy.Decision { await api.judge(result, attempt: attempt) }

    public func announce(until: Date, reason: String, what: String, attempt: Int) {
        api.announce(until: until, reason: reason, what: what, attempt: attempt)
    }

    public func wait(_ seconds: Double, reason: String, what: String, attempt: Int) async throws {
        try await api.wait(seconds, reason: reason, what: what, attempt: attempt)
    }
}

/// Digests of attachments already hashed, by id (an attachment's bytes never change).
final class AttachmentDigests: @unchecked Sendable {
    private let lock = NSLock()
    private var byID: [Int: String] = [:]
    subscript(id: Int) -> String? {
        get { lock.withLock { byID[id] } }
        set { lock.withLock { byID[id] = newValue } }
    }
}
