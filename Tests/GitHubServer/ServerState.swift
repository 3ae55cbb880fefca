import Foundation
import GitHubAPI

/// Everything the server knows, behind one actor so concurrent requests see one
/// consistent repository (ids are handed out in order, as GitHub's are).
actor ServerState {
    var options: ServerOptions
    var releases: [Int: StoredRelease] = [:]
    var assets: [Int: StoredAsset] = [:]
    var faults = FaultQueue<Route>()
    /// The rate-limit window the server last announced: no request belongs in it.
    var rateLimitWindow = RateLimitWindow()
    var requests: [RecordedRequest] = []
    var nextID = 1000
    var clock: @Sendable () -> Date
    var urls = ServerURLs(api: "", uploads: "", downloads: "")

    init(options: ServerOptions, clock: @escaping @Sendable () -> Date) {
        self.options = options
        self.clock = clock
    }

    func setURLs(_ urls: ServerURLs) { self.urls = urls }

    func newID() -> Int {
        nextID += 1
        return nextID
    }

    // MARK: Faults and records

    func inject(_ fault: Fault, on route: Route?, times: Int) { faults.inject(fault, on: route, times: times) }
    func schedule(_ fault: Fault, on route: Route, at ordinals: [Int]) { faults.schedule(fault, on: route, at: ordinals) }
    func takeFault(for route: Route) -> Fault? { faults.take(for: route) }
    func clearFaults() { faults.clear() }
    func announceWindow(until: Date) { rateLimitWindow.announce(until: until, now: clock()) }
    func violation(at arrival: Date) -> Double? { rateLimitWindow.violation(at: arrival) }

    func record(_ request: RecordedRequest) { requests.append(request) }

    // MARK: Auth

    enum Access { case read, write }

    /// nil when allowed; otherwise the refusal GitHub would send.
    func authorize(_ authorization: String?, owner: String, repo: String, access: Access) -> Reply? {
        guard let authorization, !authorization.isEmpty else {
            return .error(401, "Requires authentication")
        }
        let token = authorization.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
        if token.isEmpty || (options.acceptedTokens.map { !$0.contains(token) } ?? false) {
            return .error(401, "Bad credentials")
        }
        guard "\(owner)/\(repo)".lowercased() == options.repository.lowercased() else { return .notFound }
        if access == .write && options.readOnlyTokens.contains(token) {
            return .error(403, "Resource not accessible by integration")
        }
        return nil
    }

    // MARK: Releases

    func releasesNewestFirst() -> [StoredRelease] {
        releases.values.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    func listReleases(page: Int, perPage: Int, path: String) -> Reply {
        let all = releasesNewestFirst()
        return paginate(all.map(releaseJSON), page: page, perPage: perPage, path: path)
    }

    func paginate(_ items: [[String: Any]], page: Int, perPage requested: Int, path: String) -> Reply {
        let perPage = min(max(1, requested), options.maxPerPage)
        let pages = max(1, (items.count + perPage - 1) / perPage)
        let page = max(1, page)
        let start = min(items.count, (page - 1) * perPage)
        let slice = Array(items[start..<min(items.count, start + perPage)])
        var links: [String] = []
        func link(_ number: Int, _ rel: String) -> String {
            "<\(urls.api)\(path)?per_page=\(perPage)&page=\(number)>; rel=\"\(rel)\""
        }
        if page > 1 { links.append(link(page - 1, "prev")) }
        if page < pages { links.append(link(page + 1, "next")); links.append(link(pages, "last")) }
        if page > 1 { links.append(link(1, "first")) }
        return .json(200, slice, headers: links.isEmpty ? [:] : ["link": links.joined(separator: ", ")])
    }

    func releaseByTag(_ tag: String) -> Reply {
        // Drafts are invisible here, exactly as on GitHub.
        guard let release = releases.values.filter({ $0.tagName == tag && !$0.draft }).min(by: { $0.id < $1.id }) else {
            return .notFound
        }
        return .json(200, releaseJSON(release))
    }

    func latestRelease() -> Reply {
        let published = releases.values.filter { !$0.draft && !$0.prerelease && $0.makeLatest != "false" }
        guard let latest = published.max(by: { ($0.publishedAt ?? $0.createdAt, $0.id) < ($1.publishedAt ?? $1.createdAt, $1.id) }) else {
            return .notFound
        }
        return .json(200, releaseJSON(latest))
    }

    func getRelease(_ id: Int) -> Reply {
        guard let release = releases[id] else { return .notFound }
        return .json(200, releaseJSON(release))
    }

    func createRelease(_ object: [String: Any]) -> Reply {
        guard let tag = object["tag_name"] as? String, !tag.isEmpty else {
            return .error(422, "Validation Failed", errors: [["resource": "Release", "code": "missing_field", "field": "tag_name"]])
        }
        if let invalid = validate(object) { return invalid }
        if options.burnedTags.contains(tag) { return Self.burnedTag }
        let draft = object["draft"] as? Bool ?? false
        if !draft && publishedRelease(tag: tag) != nil {
            return .alreadyExists("Release", field: "tag_name")
        }
        let now = clock()
        var body = object["body"] as? String
        if object["generate_release_notes"] as? Bool == true {
            let generated = generatedNotes(tag: tag, previous: nil).body
            body = body.map { $0 + "\n\n" + generated } ?? generated
        }
        var release = StoredRelease(
            id: newID(), tagName: tag, targetCommitish: object["target_commitish"] as? String ?? "main",
            name: object["name"] as? String, body: body, draft: draft, prerelease: object["prerelease"] as? Bool ?? false,
            makeLatest: object["make_latest"] as? String, discussionCategory: object["discussion_category_name"] as? String,
            createdAt: now, publishedAt: nil, immutable: false, publishCount: 0)
        if !draft { publish(&release, at: now) }
        releases[release.id] = release
        return .json(201, releaseJSON(release), headers: ["location": "\(urls.api)/repos/\(options.repository)/releases/\(release.id)"])
    }

    func updateRelease(_ id: Int, _ object: [String: Any]) -> Reply {
        guard var release = releases[id] else { return .notFound }
        if let invalid = validate(object) { return invalid }
        if release.immutable, let tag = object["tag_name"] as? String, tag != release.tagName {
            return .error(422, "Validation Failed", errors: [["resource": "Release", "code": "custom", "field": "tag_name",
                                                             "message": "Cannot change the tag of an immutable release"]])
        }
        if let tag = object["tag_name"] as? String { release.tagName = tag }
        if let target = object["target_commitish"] as? String { release.targetCommitish = target }
        if let name = object["name"] as? String { release.name = name }
        if let body = object["body"] as? String { release.body = body }
        if let prerelease = object["prerelease"] as? Bool { release.prerelease = prerelease }
        if let latest = object["make_latest"] as? String { release.makeLatest = latest }
        if let category = object["discussion_category_name"] as? String { release.discussionCategory = category }
        if let draft = object["draft"] as? Bool {
            if !draft && release.draft {
                if options.burnedTags.contains(release.tagName) { return Self.burnedTag }
                if let other = publishedRelease(tag: release.tagName), other.id != id {
                    return .alreadyExists("Release", field: "tag_name")
                }
                publish(&release, at: clock())
            } else if draft && !release.draft {
                release.draft = true
                release.publishedAt = nil
            }
        }
        releases[id] = release
        return .json(200, releaseJSON(release))
    }

    func deleteRelease(_ id: Int) -> Reply {
        guard let removed = releases.removeValue(forKey: id) else { return .notFound }
        // The release goes; its tag can never serve another release.
        if removed.immutable { options.burnedTags.insert(removed.tagName) }
        assets = assets.filter { $0.value.releaseID != id }
        return Reply(status: 204)
    }

    /// GitHub's answer for a tag a deleted immutable release used: never again.
    static let burnedTag = Reply.error(422, "Validation Failed", errors: [["resource": "Release", "code": "custom", "field": "tag_name",
                                                                          "message": "tag_name was used by an immutable release"]])

    private func validate(_ object: [String: Any]) -> Reply? {
        if let body = object["body"] as? String, body.unicodeScalars.count > ServerLimits.maxBodyCharacters {
            return .error(422, "Validation Failed", errors: [["resource": "Release", "code": "custom", "field": "body",
                                                             "message": "body is too long (maximum is \(ServerLimits.maxBodyCharacters) characters)"]])
        }
        if let latest = object["make_latest"], !["true", "false", "legacy"].contains(latest as? String ?? "") {
            return .error(422, "Validation Failed", errors: [["resource": "Release", "code": "invalid", "field": "make_latest"]])
        }
        if let category = object["discussion_category_name"] as? String, !options.discussionCategories.contains(category) {
            return .error(422, "Validation Failed", errors: [["resource": "Release", "code": "invalid", "field": "discussion_category_name",
                                                             "message": "Discussion category '\(category)' does not exist"]])
        }
        return nil
    }

    private func publishedRelease(tag: String) -> StoredRelease? {
        releases.values.first { $0.tagName == tag && !$0.draft }
    }

    private func publish(_ release: inout StoredRelease, at date: Date) {
        release.draft = false
        release.publishedAt = date
        release.publishCount += 1
        release.immutable = options.immutableReleases
        // Publishing creates the tag from target_commitish when it does not exist.
        options.tags.insert(release.tagName)
    }

    func generatedNotes(tag: String, previous: String?) -> GeneratedNotes {
        let from = previous ?? "v0.0.0"
        let body = "## What's Changed\n* Add the feature by @octocat in https://github.com/\(options.repository)/pull/1\n\n"
            + "**Full Changelog**: https://github.com/\(options.repository)/compare/\(from)...\(tag)"
        return GeneratedNotes(name: tag, body: body)
    }

    func tagExists(_ tag: String) -> Reply {
        guard options.tags.contains(tag) else { return .notFound }
        let sha = String(repeating: "0", count: 39) + "1"
        return .json(200, ["ref": "refs/tags/\(tag)", "node_id": "MDA6RW50aXR5MQ==",
                           "url": "\(urls.api)/repos/\(options.repository)/git/refs/tags/\(tag)",
                           "object": ["sha": sha, "type": "commit", "url": "\(urls.api)/repos/\(options.repository)/git/commits/\(sha)"]])
    }

    /// `GET /repos/{o}/{r}/immutable-releases`: 200 when on, 404 when off; reading it
    /// needs administration: read, which a workflow's token lacks (403).
    func immutableReleasesSetting(_ authorization: String?) -> Reply {
        let token = authorization?.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
        if let readers = options.settingReaders, !readers.contains(token) {
            return .error(403, "Resource not accessible by integration")
        }
        guard options.immutableReleases else { return .notFound }
        return .json(200, ["enabled": true, "enforced_by_owner": false])
    }

    // MARK: Assets

    func listAssets(_ releaseID: Int, page: Int, perPage: Int, path: String) -> Reply {
        guard releases[releaseID] != nil else { return .notFound }
        return paginate(assetsOf(releaseID).map(assetJSON), page: page, perPage: perPage, path: path)
    }

    func assetsOf(_ releaseID: Int) -> [StoredAsset] {
        assets.values.filter { $0.releaseID == releaseID }.sorted { $0.id < $1.id }
    }

    func getAsset(_ id: Int, wantsBytes: Bool) -> Reply {
        guard let asset = assets[id] else { return .notFound }
        if wantsBytes {
            // GitHub answers with a pre-signed URL on its storage host.
            return Reply(status: 302, headers: ["location": "\(urls.downloads)/downloads/\(asset.id)/\(asset.name)?X-Signature=local"])
        }
        return .json(200, assetJSON(asset))
    }

    func updateAsset(_ id: Int, _ object: [String: Any]) -> Reply {
        guard var asset = assets[id] else { return .notFound }
        if let release = releases[asset.releaseID], release.immutable { return .error(422, "Cannot modify an asset of an immutable release") }
        if let name = object["name"] as? String {
            let clean = AssetName.sanitized(name)
            if assets.values.contains(where: { $0.releaseID == asset.releaseID && $0.name == clean && $0.id != id }) {
                return .alreadyExists("ReleaseAsset", field: "name")
            }
            asset.name = clean
        }
        if let label = object["label"] as? String { asset.label = label }
        asset.updatedAt = clock()
        assets[id] = asset
        return .json(200, assetJSON(asset))
    }

    func deleteAsset(_ id: Int) -> Reply {
        guard let asset = assets[id] else { return .notFound }
        if let release = releases[asset.releaseID], release.immutable { return .error(422, "Cannot delete an asset of an immutable release") }
        assets.removeValue(forKey: id)
        return Reply(status: 204)
    }

    /// The start of an upload: checks, then records a `starter` asset, as GitHub does
    /// (which is why an interrupted upload leaves one behind).
    func beginUpload(releaseID: Int, name: String?, label: String?, contentType: String?, length: Int64?) -> Result<Int, ReplyError> {
        guard let release = releases[releaseID] else { return .failure(ReplyError(.notFound)) }
        if release.immutable { return .failure(ReplyError(.error(422, "Cannot upload assets to an immutable release"))) }
        guard let name, !name.isEmpty else {
            return .failure(ReplyError(.error(422, "Validation Failed", errors: [["resource": "ReleaseAsset", "code": "missing_field", "field": "name"]])))
        }
        guard let contentType, !contentType.isEmpty else {
            return .failure(ReplyError(.error(422, "Validation Failed", errors: [["resource": "ReleaseAsset", "code": "missing_field", "field": "content_type"]])))
        }
        guard let length, length >= 0 else { return .failure(ReplyError(.error(411, "Length Required"))) }
        if length >= ServerLimits.maxAssetBytes {
            return .failure(ReplyError(.error(422, "Validation Failed", errors: [["resource": "ReleaseAsset", "code": "custom", "field": "size",
                                                                                  "message": "size must be less than 2 GiB"]])))
        }
        if assetsOf(releaseID).count >= ServerLimits.maxAssets {
            return .failure(ReplyError(.error(422, "Validation Failed", errors: [["resource": "ReleaseAsset", "code": "custom",
                                                                                  "message": "a release may have at most \(ServerLimits.maxAssets) assets"]])))
        }
        let clean = AssetName.sanitized(name)
        if assets.values.contains(where: { $0.releaseID == releaseID && $0.name == clean }) {
            return .failure(ReplyError(.alreadyExists("ReleaseAsset", field: "name")))
        }
        let now = clock()
        let asset = StoredAsset(id: newID(), releaseID: releaseID, name: clean, label: label, state: "starter", size: 0,
                                contentType: contentType, digest: nil, content: nil, createdAt: now, updatedAt: now)
        assets[asset.id] = asset
        return .success(asset.id)
    }

    /// The end of a complete upload. nil when the asset vanished meanwhile.
    func finishUpload(assetID: Int, size: Int64, sha256: String, content: Data?) -> StoredAsset? {
        guard var asset = assets[assetID] else { return nil }
        asset.state = "uploaded"
        asset.size = size
        asset.digest = options.computesDigests ? "sha256:" + sha256 : nil
        asset.content = content
        asset.updatedAt = clock()
        assets[assetID] = asset
        return asset
    }

    func partialUpload(assetID: Int, received: Int64) {
        guard var asset = assets[assetID] else { return }
        asset.size = received
        assets[assetID] = asset
    }

    func assetReply(_ id: Int, status: Int) -> Reply {
        guard let asset = assets[id] else { return .notFound }
        return .json(status, assetJSON(asset))
    }

    func content(ofAsset id: Int) -> StoredAsset? { assets[id] }

    // MARK: JSON, shaped like the recorded responses

    func releaseJSON(_ release: StoredRelease) -> [String: Any] {
        let repo = options.repository
        let base = "\(urls.api)/repos/\(repo)/releases/\(release.id)"
        let web = "\(urls.api)/\(repo)/releases/tag/\(release.draft ? "untagged-\(release.id)" : release.tagName)"
        var object: [String: Any] = [
            "url": base, "assets_url": base + "/assets",
            "upload_url": "\(urls.uploads)/repos/\(repo)/releases/\(release.id)/assets{?name,label}",
            "html_url": web, "id": release.id, "node_id": "MDc6UmVsZWFzZ\(release.id)",
            "author": ["login": "octokit-fixture-user-a", "id": 1000, "type": "User", "site_admin": false],
            "tag_name": release.tagName, "target_commitish": release.targetCommitish,
            "name": release.name ?? NSNull(), "draft": release.draft, "prerelease": release.prerelease,
            "immutable": release.immutable,
            "created_at": GitHubDate.format(release.createdAt),
            "published_at": release.publishedAt.map(GitHubDate.format) ?? NSNull(),
            "assets": assetsOf(release.id).map(assetJSON),
            "tarball_url": "\(urls.api)/repos/\(repo)/tarball/\(release.tagName)",
            "zipball_url": "\(urls.api)/repos/\(repo)/zipball/\(release.tagName)",
            "body": release.body ?? NSNull(),
        ]
        if let category = release.discussionCategory { object["discussion_url"] = "\(urls.api)/\(repo)/discussions/\(release.id)#\(category)" }
        return object
    }

    func assetJSON(_ asset: StoredAsset) -> [String: Any] {
        let repo = options.repository
        let tag = releases[asset.releaseID]?.tagName ?? ""
        return [
            "url": "\(urls.api)/repos/\(repo)/releases/assets/\(asset.id)", "id": asset.id,
            "node_id": "MDEyOlJlbGVhc2VBc3NldD\(asset.id)", "name": asset.name, "label": asset.label ?? NSNull(),
            "uploader": ["login": "octokit-fixture-user-a", "id": 1000, "type": "User", "site_admin": false],
            "content_type": asset.contentType, "state": asset.state, "size": asset.size,
            "digest": asset.digest ?? NSNull(), "download_count": 0,
            "created_at": GitHubDate.format(asset.createdAt), "updated_at": GitHubDate.format(asset.updatedAt),
            "browser_download_url": "\(urls.api)/\(repo)/releases/download/\(tag)/\(asset.name)",
        ]
    }
}

/// Where each of the server's three hosts listens.
public struct ServerURLs: Sendable, Equatable {
    public var api: String
    public var uploads: String
    public var downloads: String
}

struct ReplyError: Error {
    var reply: Reply
    init(_ reply: Reply) { self.reply = reply }
}
