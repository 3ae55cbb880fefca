import ArtifactFiles
import Foundation
import GitHubAPI
import GitHubServer
import GitLabAPI

/// Everything the local GitLab knows, behind one actor so concurrent requests see one
/// consistent project.
actor GitLabServerState {
    var options: GitLabServerOptions
    var releases: [String: GitLabStoredRelease] = [:]
    var packages: [Int: GitLabStoredPackage] = [:]
    var files: [Int: GitLabStoredFile] = [:]
    var faults = FaultQueue<GitLabRoute>()
    var window = RateLimitWindow()
    var requests: [GitLabRequestRecord] = []
    var nextID = 100
    let clock: @Sendable () -> Date
    var apiURL = ""
    var storageURL = ""

    init(options: GitLabServerOptions, clock: @escaping @Sendable () -> Date) {
        self.options = options
        self.clock = clock
    }

    func setURLs(api: String, storage: String) {
        apiURL = api
        storageURL = storage
    }

    func newID() -> Int {
        nextID += 1
        return nextID
    }

    func change(_ body: @Sendable (inout GitLabServerOptions) -> Void) { body(&options) }
    func record(_ request: GitLabRequestRecord) { requests.append(request) }
    func takeFault(for route: GitLabRoute) -> Fault? { faults.take(for: route) }
    func inject(_ fault: Fault, on route: GitLabRoute?, times: Int) { faults.inject(fault, on: route, times: times) }
    func schedule(_ fault: Fault, on route: GitLabRoute, at ordinals: [Int]) { faults.schedule(fault, on: route, at: ordinals) }
    func clearFaults() { faults.clear() }
    func announceWindow(until: Date) { window.announce(until: until, now: clock()) }
    func violation(at arrival: Date) -> Double? { window.violation(at: arrival) }

    // MARK: Auth and project

    enum Access { case read, write }

    /// nil when allowed; otherwise GitLab's refusal. Only `PRIVATE-TOKEN` and
    /// `JOB-TOKEN` authenticate, each for its own kind of token.
    func authorize(privateToken: String?, jobToken: String?, project: String, access: Access) -> Reply? {
        let presented: (String, GitLabCredential.Kind)? =
            if let privateToken, !privateToken.isEmpty { (privateToken, .privateToken) }
            else if let jobToken, !jobToken.isEmpty { (jobToken, .jobToken) }
            else { nil }
        guard let (token, kind) = presented else { return .gitlab(401, "401 Unauthorized") }
        if let tokens = options.tokens, tokens[token] != kind { return .gitlab(401, "401 Unauthorized") }
        guard project == String(options.projectID) || project.lowercased() == options.projectPath.lowercased() else {
            return .gitlab(404, "404 Project Not Found")
        }
        if access == .write && options.readOnlyTokens.contains(token) { return .gitlab(403, "403 Forbidden") }
        return nil
    }

    var webProjectURL: String {
        String(apiURL.dropLast("/api/v4".count)) + "/" + options.projectPath
    }

    // MARK: Releases

    func releasesNewestFirst() -> [GitLabStoredRelease] {
        releases.values.sorted { ($0.releasedAt, $0.tagName) > ($1.releasedAt, $1.tagName) }
    }

    func release(_ tag: String) -> Reply {
        guard let release = releases[tag] else { return .gitlab(404, "404 Not Found") }
        return .json(200, releaseJSON(release))
    }

    func createRelease(_ object: [String: Any]) -> Reply {
        guard let tag = object["tag_name"] as? String, !tag.isEmpty else { return .gitlabError(400, "tag_name is missing") }
        guard releases[tag] == nil else { return .gitlab(409, "Release already exists") }
        if !options.tags.contains(tag) {
            guard let ref = object["ref"] as? String, !ref.isEmpty else { return .gitlab(422, "Ref is not specified") }
            options.tags.insert(tag)
        }
        let now = clock()
        let releasedAt = (object["released_at"] as? String).flatMap(GitHubDate.parse)
        if object["released_at"] != nil && releasedAt == nil { return .gitlabError(400, "released_at is invalid") }
        let release = GitLabStoredRelease(tagName: tag, name: object["name"] as? String ?? tag,
                                          description: object["description"] as? String, createdAt: now,
                                          releasedAt: releasedAt ?? now, links: [])
        releases[tag] = release
        return .json(201, releaseJSON(release))
    }

    func updateRelease(_ tag: String, _ object: [String: Any]) -> Reply {
        guard var release = releases[tag] else { return .gitlab(404, "404 Not Found") }
        if let name = object["name"] as? String { release.name = name }
        if let description = object["description"] as? String { release.description = description }
        if let text = object["released_at"] as? String {
            guard let date = GitHubDate.parse(text) else { return .gitlabError(400, "released_at is invalid") }
            release.releasedAt = date
        }
        releases[tag] = release
        return .json(200, releaseJSON(release))
    }

    /// Deleting a release keeps its tag, as GitLab does.
    func deleteRelease(_ tag: String) -> Reply {
        guard let release = releases.removeValue(forKey: tag) else { return .gitlab(404, "404 Not Found") }
        return .json(200, releaseJSON(release))
    }

    func projectReply() -> Reply {
        .json(200, ["id": options.projectID, "path": options.projectPath.split(separator: "/").last.map(String.init) ?? "",
                    "path_with_namespace": options.projectPath, "web_url": webProjectURL])
    }

    func releaseJSON(_ release: GitLabStoredRelease) -> [String: Any] {
        [
            "tag_name": release.tagName, "name": release.name ?? NSNull(), "description": release.description ?? NSNull(),
            "created_at": GitHubDate.format(release.createdAt), "released_at": GitHubDate.format(release.releasedAt),
            "upcoming_release": release.releasedAt > clock(),
            "_links": ["self": webProjectURL + "/-/releases/" + release.tagName],
            "assets": ["count": release.links.count, "sources": [], "links": release.links.map { linkJSON($0, tag: release.tagName) }],
        ]
    }

    // MARK: Links

    func links(_ tag: String) -> [GitLabStoredLink]? { releases[tag]?.links }

    func link(_ tag: String, id: Int) -> Reply {
        guard let link = releases[tag]?.links.first(where: { $0.id == id }) else { return .gitlab(404, "404 Not Found") }
        return .json(200, linkJSON(link, tag: tag))
    }

    /// Creates or (with `id`) updates a link, refusing what GitLab refuses: a missing
    /// name or url, a url that is not http(s)/ftp, a path without its leading `/`, an
    /// unknown type, and a name, url or path another link of the release has (400).
    func saveLink(_ tag: String, id: Int?, _ object: [String: Any]) -> Reply {
        guard var release = releases[tag] else { return .gitlab(404, "404 Not Found") }
        let existing = id.flatMap { id in release.links.first { $0.id == id } }
        if id != nil && existing == nil { return .gitlab(404, "404 Not Found") }
        let name = object["name"] as? String ?? existing?.name
        let url = object["url"] as? String ?? existing?.url
        guard let name, !name.isEmpty else { return .gitlabError(400, "name is missing") }
        guard let url, !url.isEmpty else { return .gitlabError(400, "url is missing") }
        guard let scheme = URL(string: url)?.scheme?.lowercased(), ["http", "https", "ftp"].contains(scheme) else {
            return .gitlab(400, ["url": ["is blocked: Only allowed schemes are http, https, ftp"]])
        }
        let path = object["direct_asset_path"] as? String ?? object["filepath"] as? String ?? existing?.directAssetPath
        if let path, !path.hasPrefix("/") { return .gitlab(400, ["filepath": ["is in an invalid format"]]) }
        let type = object["link_type"] as? String ?? existing?.linkType ?? "other"
        guard GitLabLinkType(rawValue: type) != nil else { return .gitlabError(400, "link_type does not have a valid value") }
        var taken: [String] = []
        let others = release.links.filter { $0.id != id }
        if others.contains(where: { $0.url == url }) { taken.append("Url has already been taken") }
        if others.contains(where: { $0.name == name }) { taken.append("Name has already been taken") }
        if let path, others.contains(where: { $0.directAssetPath == path }) { taken.append("Filepath has already been taken") }
        if !taken.isEmpty { return .gitlab(400, taken) }
        let link = GitLabStoredLink(id: id ?? newID(), name: name, url: url, directAssetPath: path, linkType: type)
        if let index = release.links.firstIndex(where: { $0.id == link.id }) {
            release.links[index] = link
        } else {
            release.links.append(link)
        }
        releases[tag] = release
        return .json(id == nil ? 201 : 200, linkJSON(link, tag: tag))
    }

    func deleteLink(_ tag: String, id: Int) -> Reply {
        guard var release = releases[tag], let index = release.links.firstIndex(where: { $0.id == id }) else {
            return .gitlab(404, "404 Not Found")
        }
        let link = release.links.remove(at: index)
        releases[tag] = release
        return .json(200, linkJSON(link, tag: tag))
    }

    func linkJSON(_ link: GitLabStoredLink, tag: String) -> [String: Any] {
        let direct = link.directAssetPath.map { webProjectURL + "/-/releases/" + tag + "/downloads" + $0 } ?? link.url
        return ["id": link.id, "name": link.name, "url": link.url, "direct_asset_url": direct, "link_type": link.linkType]
    }

    // MARK: Packages

    /// A new file for the package version, created with the package when it is new.
    /// With duplicates refused, a second file of the same name is 403.
    func beginUpload(package: String, version: String, fileName: String) -> Result<Int, Refusal> {
        let existing = packages.values.first { $0.name == package && $0.version == version }
        if let existing, !options.allowDuplicates,
           files.values.contains(where: { $0.packageID == existing.id && $0.fileName == fileName }) {
            return .failure(Refusal(reply: .gitlab(403, "403 Forbidden - Duplicate package is not allowed")))
        }
        let packageID = existing?.id ?? newID()
        if existing == nil { packages[packageID] = GitLabStoredPackage(id: packageID, name: package, version: version, createdAt: clock()) }
        return .success(packageID)
    }

    struct Refusal: Error { let reply: Reply }

    func finishUpload(packageID: Int, fileName: String, size: Int64, sha256: String, content: Data?) -> GitLabStoredFile {
        let file = GitLabStoredFile(id: newID(), packageID: packageID, fileName: fileName, size: size, sha256: sha256,
                                    content: content, createdAt: clock())
        files[file.id] = file
        return file
    }

    /// `package_name` is a fuzzy (substring) match, as GitLab's is; version and type exact.
    func listPackages(name: String?, version: String?, type: String?) -> [[String: Any]] {
        packages.values.sorted { $0.id < $1.id }
            .filter { name.map($0.name.contains) ?? true }
            .filter { version.map($0.version.elementsEqual) ?? true }
            .filter { _ in type.map { $0 == "generic" } ?? true }
            .map { ["id": $0.id, "name": $0.name, "version": $0.version, "package_type": "generic", "status": "default",
                    "created_at": GitHubDate.format($0.createdAt)] }
    }

    func packageFiles(_ packageID: Int) -> [[String: Any]]? {
        guard packages[packageID] != nil else { return nil }
        return files.values.filter { $0.packageID == packageID }.sorted { $0.id < $1.id }.map(fileJSON)
    }

    func fileJSON(_ file: GitLabStoredFile) -> [String: Any] {
        ["id": file.id, "package_id": file.packageID, "file_name": file.fileName, "size": file.size,
         "file_sha256": file.sha256, "file_md5": NSNull(), "file_sha1": NSNull(), "created_at": GitHubDate.format(file.createdAt)]
    }

    /// The newest file of that name in the package version: what GitLab serves.
    func newestFile(package: String, version: String, fileName: String) -> GitLabStoredFile? {
        guard let owner = packages.values.first(where: { $0.name == package && $0.version == version }) else { return nil }
        return files.values.filter { $0.packageID == owner.id && $0.fileName == fileName }.max { $0.id < $1.id }
    }

    func file(_ id: Int) -> GitLabStoredFile? { files[id] }

    /// 204, as GitLab answers; 404 for a file not in that package.
    func deleteFile(packageID: Int, fileID: Int) -> Reply {
        guard files[fileID]?.packageID == packageID else { return .gitlab(404, "404 Not Found") }
        files.removeValue(forKey: fileID)
        return Reply(status: 204)
    }

    func fileReply(_ file: GitLabStoredFile) -> Reply { .json(201, fileJSON(file)) }

    // MARK: Lists

    enum Listing: Sendable {
        case releases
        case links(tag: String)
        case packages(name: String?, version: String?, type: String?)
        case packageFiles(Int)
    }

    /// One page of a list, with GitLab's offset pagination headers: `Link` (next,
    /// prev, first, last), `X-Page`, `X-Per-Page`, `X-Next-Page`, `X-Total`, `X-Total-Pages`.
    func page(_ listing: Listing, page requested: Int, perPage asked: Int, path: String, query: [(String, String)]) -> Reply {
        let items: [[String: Any]]
        switch listing {
        case .releases: items = releasesNewestFirst().map(releaseJSON)
        case .links(let tag):
            guard let links = links(tag) else { return .gitlab(404, "404 Not Found") }
            items = links.map { linkJSON($0, tag: tag) }
        case .packages(let name, let version, let type): items = listPackages(name: name, version: version, type: type)
        case .packageFiles(let id):
            guard let files = packageFiles(id) else { return .gitlab(404, "404 Not Found") }
            items = files
        }
        let perPage = min(max(1, asked), options.maxPerPage)
        let pages = max(1, (items.count + perPage - 1) / perPage)
        let page = max(1, requested)
        let start = min(items.count, (page - 1) * perPage)
        let slice = Array(items[start..<min(items.count, start + perPage)])
        let base = String(apiURL.dropLast("/api/v4".count)) + path
        let others = query.filter { $0.0 != "page" && $0.0 != "per_page" }
            .map { $0.0 + "=" + ($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        func link(_ number: Int, _ rel: String) -> String {
            "<\(base)?\((others + ["page=\(number)", "per_page=\(perPage)"]).joined(separator: "&"))>; rel=\"\(rel)\""
        }
        var links: [String] = []
        if page < pages { links.append(link(page + 1, "next")) }
        if page > 1 { links.append(link(page - 1, "prev")) }
        links.append(link(1, "first"))
        links.append(link(pages, "last"))
        return .json(200, slice, headers: [
            "link": links.joined(separator: ", "), "x-page": String(page), "x-per-page": String(perPage),
            "x-next-page": page < pages ? String(page + 1) : "", "x-total": String(items.count), "x-total-pages": String(pages),
        ])
    }
}

extension Reply {
    /// GitLab's usual error document: `{"message": …}` (a string, a list or a map).
    static func gitlab(_ status: Int, _ message: Any, headers: [String: String] = [:]) -> Reply {
        .json(status, ["message": message], headers: headers)
    }

    /// GitLab's parameter errors: `{"error": "tag_name is missing"}`.
    static func gitlabError(_ status: Int, _ error: String) -> Reply {
        .json(status, ["error": error])
    }
}
