import ArtifactFiles
import Foundation
import GitHubAPI

/// The Gitea server's repository: releases (one per tag, drafts included, as Gitea's
/// unique index on the tag has it) and their attachments (names not unique: Gitea
/// stores a second attachment of the same name). An attachment gets its id when its
/// bytes are stored, as Gitea inserts the row after saving the file.
actor GiteaState {
    var options: ServerOptions
    var releases: [Int: StoredRelease] = [:]
    var attachments: [Int: StoredAsset] = [:]
    var nextID = 100
    let clock: @Sendable () -> Date
    var urls = ServerURLs(api: "", uploads: "", downloads: "")
    /// Fault injection, request records and rate-limit windows: the GitHub server's.
    nonisolated let faults: ServerState

    init(options: ServerOptions, clock: @escaping @Sendable () -> Date) {
        self.options = options
        self.clock = clock
        faults = ServerState(options: options, clock: clock)
    }

    func setURLs(_ urls: ServerURLs) { self.urls = urls }
    func addTag(_ tag: String) { options.tags.insert(tag) }

    private func newID() -> Int {
        nextID += 1
        return nextID
    }

    /// nil when allowed. Gitea reads `Authorization: token …` (ReleaseKit sends that form).
    func authorize(_ authorization: String?, owner: String, repo: String, write: Bool) -> Reply? {
        guard let authorization, authorization.hasPrefix("token "), authorization.count > 6 else {
            return Self.error(401, "token is required")
        }
        let token = String(authorization.dropFirst(6))
        if options.acceptedTokens.map({ !$0.contains(token) }) ?? false { return Self.error(401, "user does not exist") }
        guard "\(owner)/\(repo)".lowercased() == options.repository.lowercased() else { return Self.notFound }
        if write && options.readOnlyTokens.contains(token) { return Self.error(403, "user should have a permission to write to a repo") }
        return nil
    }

    // MARK: Releases

    func allReleases() -> [StoredRelease] { releases.values.sorted { $0.id > $1.id } }

    func seedRelease(tag: String, draft: Bool, prerelease: Bool) -> Int {
        let now = clock()
        let release = StoredRelease(id: newID(), tagName: tag, targetCommitish: "main", name: tag, body: "", draft: draft,
                                    prerelease: prerelease, makeLatest: nil, discussionCategory: nil, createdAt: now,
                                    publishedAt: draft ? nil : now, immutable: false, publishCount: draft ? 0 : 1)
        releases[release.id] = release
        if !draft { options.tags.insert(tag) }
        return release.id
    }

    /// `GET /releases?page=&limit=`, newest first, with a `Link` header as Gitea sends.
    func list(page: Int, limit: Int, path: String) -> Reply {
        let items = allReleases().map(releaseJSON)
        let limit = min(max(1, limit), options.maxPerPage)
        let start = min(items.count, (max(1, page) - 1) * limit)
        let slice = Array(items[start..<min(items.count, start + limit)])
        var headers = ["x-total-count": String(items.count)]
        if start + limit < items.count {
            headers["link"] = "<\(urls.api)\(path)?limit=\(limit)&page=\(max(1, page) + 1)>; rel=\"next\""
        }
        return .json(200, slice, headers: headers)
    }

    func get(_ id: Int) -> Reply {
        guard let release = releases[id] else { return Self.notFound }
        return .json(200, releaseJSON(release))
    }

    func byTag(_ tag: String) -> Reply {
        guard let release = releases.values.first(where: { $0.tagName == tag }) else { return Self.notFound }
        return .json(200, releaseJSON(release))
    }

    func create(_ object: [String: Any]) -> Reply {
        guard let tag = object["tag_name"] as? String, !tag.isEmpty else { return Self.error(422, "TagName: Required") }
        if releases.values.contains(where: { $0.tagName == tag }) { return Self.error(409, "Release is has no Tag") }
        let draft = object["draft"] as? Bool ?? false
        let now = clock()
        let release = StoredRelease(id: newID(), tagName: tag, targetCommitish: object["target_commitish"] as? String ?? "main",
                                    name: object["name"] as? String, body: object["body"] as? String, draft: draft,
                                    prerelease: object["prerelease"] as? Bool ?? false, makeLatest: nil, discussionCategory: nil,
                                    createdAt: now, publishedAt: draft ? nil : now, immutable: false, publishCount: draft ? 0 : 1)
        releases[release.id] = release
        if !draft { options.tags.insert(tag) }
        return .json(201, releaseJSON(release))
    }

    func edit(_ id: Int, _ object: [String: Any]) -> Reply {
        guard var release = releases[id] else { return Self.notFound }
        for key in object.keys where !["tag_name", "target_commitish", "name", "body", "draft", "prerelease", "hide_archive_links"].contains(key) {
            return Self.error(422, "unknown field \(key)")
        }
        if let name = object["name"] as? String { release.name = name }
        if let body = object["body"] as? String { release.body = body }
        if let prerelease = object["prerelease"] as? Bool { release.prerelease = prerelease }
        if let draft = object["draft"] as? Bool {
            if release.draft && !draft {
                release.publishedAt = clock()
                release.publishCount += 1
                options.tags.insert(release.tagName)
            }
            release.draft = draft
        }
        releases[id] = release
        return .json(200, releaseJSON(release))
    }

    func delete(_ id: Int) -> Reply {
        guard releases.removeValue(forKey: id) != nil else { return Self.notFound }
        attachments = attachments.filter { $0.value.releaseID != id }
        return Reply(status: 204)
    }

    func tag(_ name: String) -> Reply {
        options.tags.contains(name) ? .json(200, ["name": name, "id": name]) : Self.notFound
    }

    // MARK: Attachments

    func attachments(of releaseID: Int) -> [StoredAsset] {
        attachments.values.filter { $0.releaseID == releaseID }.sorted { $0.id < $1.id }
    }

    func listAttachments(_ releaseID: Int) -> Reply {
        guard releases[releaseID] != nil else { return Self.notFound }
        return .json(200, attachments(of: releaseID).map(attachmentJSON))
    }

    func releaseExists(_ id: Int) -> Bool { releases[id] != nil }

    /// Stores a finished upload (or a seeded file) and numbers it now.
    @discardableResult
    func store(releaseID: Int, name: String, content: Data?, size: Int64? = nil, sha256: String? = nil) -> Int {
        let now = clock()
        let length = size ?? Int64(content?.count ?? 0)
        let digest = sha256 ?? content.map { StreamingSHA256.hexDigest(of: $0) }
        let attachment = StoredAsset(id: newID(), releaseID: releaseID, name: name, label: nil, state: "uploaded", size: length,
                                     contentType: "application/octet-stream", digest: digest.map { "sha256:" + $0 },
                                     content: content.flatMap { $0.count <= options.keepContentUpTo ? $0 : nil }, createdAt: now, updatedAt: now)
        attachments[attachment.id] = attachment
        return attachment.id
    }

    func attachmentReply(_ id: Int, status: Int) -> Reply {
        guard let attachment = attachments[id] else { return Self.notFound }
        return .json(status, attachmentJSON(attachment))
    }

    func rename(_ id: Int, releaseID: Int, _ object: [String: Any]) -> Reply {
        guard var attachment = attachments[id], attachment.releaseID == releaseID else { return Self.notFound }
        if let name = object["name"] as? String, !name.isEmpty { attachment.name = name }
        attachment.updatedAt = clock()
        attachments[id] = attachment
        return .json(201, attachmentJSON(attachment))
    }

    func deleteAttachment(_ id: Int, releaseID: Int) -> Reply {
        guard let attachment = attachments[id], attachment.releaseID == releaseID else { return Self.notFound }
        attachments.removeValue(forKey: id)
        return Reply(status: 204)
    }

    func attachment(uuid: String) -> StoredAsset? {
        attachments.values.first { Self.uuid($0.id) == uuid }
    }

    // MARK: JSON, shaped as Gitea's `Release` and `Attachment`

    static func uuid(_ id: Int) -> String { String(format: "00000000-0000-4000-8000-%012d", id) }

    func releaseJSON(_ release: StoredRelease) -> [String: Any] {
        let repo = options.repository
        let api = "\(urls.api)/api/v1/repos/\(repo)/releases/\(release.id)"
        return [
            "id": release.id, "tag_name": release.tagName, "target_commitish": release.targetCommitish,
            "name": release.name ?? "", "body": release.body ?? "", "url": api,
            "html_url": "\(urls.api)/\(repo)/releases/tag/\(release.tagName)",
            "tarball_url": "\(urls.api)/\(repo)/archive/\(release.tagName).tar.gz",
            "zipball_url": "\(urls.api)/\(repo)/archive/\(release.tagName).zip",
            "upload_url": api + "/assets", "draft": release.draft, "prerelease": release.prerelease,
            "created_at": GitHubDate.format(release.createdAt),
            "published_at": GitHubDate.format(release.publishedAt ?? release.createdAt),
            "author": ["id": 1, "login": "releaser"],
            "assets": attachments(of: release.id).map(attachmentJSON),
        ]
    }

    func attachmentJSON(_ attachment: StoredAsset) -> [String: Any] {
        [
            "id": attachment.id, "name": attachment.name, "size": attachment.size, "download_count": 0,
            "created_at": GitHubDate.format(attachment.createdAt), "uuid": Self.uuid(attachment.id),
            "browser_download_url": "\(urls.api)/attachments/\(Self.uuid(attachment.id))",
        ]
    }

    /// Gitea's error document: `{"message": …, "url": …}`.
    static func error(_ status: Int, _ message: String, headers: [String: String] = [:]) -> Reply {
        .json(status, ["message": message, "url": "https://gitea.com/api/swagger"], headers: headers)
    }

    static let notFound = error(404, "The target couldn't be found.")
}
