import Foundation
import GitHubAPI
import ReleaseKitCore

/// GitLab's Releases, release links and generic package registry APIs for one project,
/// over the same `HTTPTransport` and `RetryLoop` as the GitHub client: retries, the
/// rate-limit gate (GitLab's `RateLimit-*` and `Retry-After`), streamed bodies and the
/// redirect rule come with it.
///
/// The credential goes only in its own header (`PRIVATE-TOKEN` or `JOB-TOKEN`) of
/// requests to the API URL; the transport drops it on a redirect to another origin (a
/// package download served from object storage).
public struct GitLabClient: Sendable {
    /// `https://gitlab.example.com/api/v4` (`CI_API_V4_URL`), without a trailing slash.
    public let apiURL: URL
    public let project: GitLabProject
    /// When false, anything that could change something is refused before it is sent.
    public let allowsWrites: Bool
    private let credential: GitLabCredential?
    public let loop: RetryLoop

    public init(apiURL: URL, project: GitLabProject, credential: GitLabCredential?, transport: HTTPTransport,
                retry: RetryPolicy = RetryPolicy(), sleeper: Sleeper = TaskSleeper(),
                now: @escaping @Sendable () -> Date = Date.init, allowsWrites: Bool = true,
                gate: RateLimitGate? = nil, onRetry: @escaping @Sendable (String) -> Void = { _ in }) {
        self.apiURL = Pagination.base(apiURL)
        self.project = project
        self.credential = credential
        self.allowsWrites = allowsWrites
        self.loop = RetryLoop(transport: transport, retry: retry, sleeper: sleeper, now: now, gate: gate, onRetry: onRetry)
    }

    public var requestsSent: [String: Int] { loop.requestsSent }

    // MARK: Releases

    /// Every release of the project, newest first, following `Link: rel="next"`.
    public func listReleases() async throws -> [GitLabRelease] {
        try await listAll(projectURL("releases"), operation: "list the releases of \(project)", projectLevel: true)
    }

    /// The release for `tag`, or nil.
    public func release(tag: String) async throws -> GitLabRelease? {
        let result = try await send("GET", projectURL("releases/" + GitLabPath.segment(tag)),
                                    operation: "get the release for tag \(tag)", allow404: true)
        return result.status == 404 ? nil : try decode(GitLabRelease.self, result)
    }

    /// Creates the release. GitLab answers 409 when the tag already has one.
    public func createRelease(_ fields: GitLabReleaseFields) async throws -> GitLabRelease {
        let result = try await send("POST", projectURL("releases"), json: fields.jsonObject,
                                    operation: "create the release for \(fields.tagName ?? "?") in \(project)", projectLevel: true)
        return try decode(GitLabRelease.self, result)
    }

    public func updateRelease(tag: String, _ fields: GitLabReleaseFields) async throws -> GitLabRelease {
        var object = fields.jsonObject
        object.removeValue(forKey: "tag_name")
        object.removeValue(forKey: "ref")
        let result = try await send("PUT", projectURL("releases/" + GitLabPath.segment(tag)), json: object,
                                    operation: "update the release for tag \(tag) in \(project)")
        return try decode(GitLabRelease.self, result)
    }

    /// Deletes the release, never its tag. Already gone counts as done.
    public func deleteRelease(tag: String) async throws {
        try await send("DELETE", projectURL("releases/" + GitLabPath.segment(tag)), operation: "delete the release for tag \(tag) in \(project)",
                       allow404: true)
    }

    /// Whether the tag exists in the project's repository.
    public func tagExists(_ tag: String) async throws -> Bool {
        let result = try await send("GET", projectURL("repository/tags/" + GitLabPath.segment(tag)), operation: "look up tag \(tag)", allow404: true)
        return result.status != 404
    }

    /// The project's URL slug (`path`), the default package name when the project is
    /// given by numeric id (`CI_PROJECT_ID`).
    public func projectSlug() async throws -> String {
        struct Project: Decodable { var path: String }
        let result = try await send("GET", URL(string: apiURL.absoluteString + "/projects/" + project.pathSegment)!,
                                    operation: "read project \(project)", projectLevel: true)
        return try decode(Project.self, result).path
    }

    // MARK: Release links

    public func listLinks(tag: String) async throws -> [GitLabLink] {
        try await listAll(linksURL(tag), operation: "list the links of release \(tag)", projectLevel: false)
    }

    /// Attaches a link. GitLab refuses (400) a name, url or direct_asset_path another
    /// link of the release already has.
    public func createLink(tag: String, _ fields: GitLabLinkFields) async throws -> GitLabLink {
        let result = try await send("POST", linksURL(tag), json: fields.jsonObject, operation: "link \(fields.name) to release \(tag)")
        return try decode(GitLabLink.self, result)
    }

    public func updateLink(tag: String, id: Int, _ fields: GitLabLinkFields) async throws -> GitLabLink {
        let result = try await send("PUT", linksURL(tag, id: id), json: fields.jsonObject,
                                    operation: "re-point link \(fields.name) (\(id)) of release \(tag)")
        return try decode(GitLabLink.self, result)
    }

    /// Removes a link (never the package file). Already gone counts as done.
    public func deleteLink(tag: String, id: Int, name: String) async throws {
        try await send("DELETE", linksURL(tag, id: id), operation: "remove link \(name) (\(id)) of release \(tag)", allow404: true)
    }

    // MARK: Generic packages

    /// Uploads one file to the generic registry, streamed from `path` with its exact
    /// length, and returns the stored package file (`select=package_file`) with the
    /// registry's `file_sha256`. A retry sends the whole file again: with duplicates
    /// allowed (GitLab's default) the newest file of a name is the one served, so a
    /// retry after a 502 that did store is harmless; with duplicates refused, the
    /// caller sees `.duplicatePackage` and compares digests (`packageFile`).
    public func uploadPackageFile(_ coordinates: GenericPackageCoordinates, path: String, size: Int64) async throws -> GitLabPackageFile {
        let operation = "upload \(coordinates.fileName) to package \(coordinates.package) \(coordinates.version) in \(project)"
        let result = try await exchange(try uploadRequest(coordinates, path: path, size: size), to: nil, operation: operation,
                                        projectLevel: false, allow404: false)
        return try decode(GitLabPackageFile.self, result)
    }

    /// One upload attempt through the gate, its raw answer for a caller that retries
    /// itself (`AssetUploader`, which looks at the release before sending again).
    public func uploadPackageFileOnce(_ coordinates: GenericPackageCoordinates, path: String, size: Int64) async throws -> HTTPResult {
        try await loop.attempt(try uploadRequest(coordinates, path: path, size: size))
    }

    /// The stored package file an upload's 2xx answer describes.
    public func packageFile(from result: HTTPResult) throws -> GitLabPackageFile {
        try decode(GitLabPackageFile.self, result)
    }

    private func uploadRequest(_ coordinates: GenericPackageCoordinates, path: String, size: Int64) throws -> HTTPRequestSpec {
        guard allowsWrites else { throw DryRunViolation(method: "PUT", target: "upload \(coordinates.fileName)") }
        var headers = baseHeaders()
        headers["Content-Type"] = "application/octet-stream"
        headers["Content-Length"] = String(size)
        let url = URL(string: projectURL(coordinates.path).absoluteString + "?select=package_file")!
        return HTTPRequestSpec(method: "PUT", url: url, headers: headers, body: .file(path: path, length: size))
    }

    /// The address a release link points at: the registry's download of the newest
    /// file of that name.
    public func packageFileURL(_ coordinates: GenericPackageCoordinates) -> URL {
        projectURL(coordinates.path)
    }

    /// Generic packages named exactly `name` at exactly `version`. GitLab's
    /// `package_name` filter is a fuzzy search, so the answer is filtered here too.
    public func packages(name: String, version: String) async throws -> [GitLabPackage] {
        let query = "package_type=generic&package_name=\(GitLabPath.segment(name))&package_version=\(GitLabPath.segment(version))"
        let all: [GitLabPackage] = try await listAll(projectURL("packages"), query: query,
                                                     operation: "list packages \(name) \(version) of \(project)", projectLevel: true)
        return all.filter { $0.name == name && $0.version == version }
    }

    public func packageFiles(packageID: Int) async throws -> [GitLabPackageFile] {
        try await listAll(projectURL("packages/\(packageID)/package_files"), operation: "list the files of package \(packageID)", projectLevel: false)
    }

    /// The file the registry serves for these coordinates: of every file of that name in
    /// the package version, the newest (highest id), or nil when there is none.
    public func packageFile(_ coordinates: GenericPackageCoordinates) async throws -> GitLabPackageFile? {
        try await packageFiles(coordinates).last
    }

    /// Every file of that name in the package version, oldest first (duplicates are
    /// allowed by default; the newest is the one served).
    public func packageFiles(_ coordinates: GenericPackageCoordinates) async throws -> [GitLabPackageFile] {
        var all: [GitLabPackageFile] = []
        for package in try await packages(name: coordinates.package, version: coordinates.version) {
            all += try await packageFiles(packageID: package.id).filter { $0.fileName == coordinates.fileName }
        }
        return all.sorted { $0.id < $1.id }
    }

    /// Removes one stored file (the one this run uploaded, when it must not be served).
    /// Already gone counts as done.
    public func deletePackageFile(_ file: GitLabPackageFile) async throws {
        guard let packageID = file.packageID else { return }
        try await send("DELETE", projectURL("packages/\(packageID)/package_files/\(file.id)"),
                       operation: "delete package file \(file.fileName) (\(file.id))", allow404: true)
    }

    /// Downloads a file's bytes to `destination`. GitLab may redirect to object
    /// storage; the credential header is not carried there.
    public func download(_ url: URL, to destination: String, name: String) async throws {
        try await exchange(HTTPRequestSpec(method: "GET", url: url, headers: baseHeaders()), to: destination,
                           operation: "download \(name)", projectLevel: false, allow404: false)
    }

    // MARK: Plumbing

    private func projectURL(_ suffix: String) -> URL {
        URL(string: apiURL.absoluteString + "/projects/" + project.pathSegment + "/" + suffix)!
    }

    private func linksURL(_ tag: String, id: Int? = nil) -> URL {
        projectURL("releases/" + GitLabPath.segment(tag) + "/assets/links" + (id.map { "/\($0)" } ?? ""))
    }

    private func baseHeaders() -> [String: String] {
        var headers = ["Accept": "application/json", "User-Agent": "releasekit/\(ToolkitVersion.current)"]
        if let credential { headers[credential.headerName] = credential.token }
        return headers
    }

    private func listAll<T: Decodable>(_ url: URL, query: String? = nil, operation: String, projectLevel: Bool) async throws -> [T] {
        let first = URL(string: url.absoluteString + "?" + (query.map { $0 + "&" } ?? "") + "per_page=100")!
        return try await Pagination.collect(from: first, origin: apiURL, page: { page in
            let result = try await send("GET", page, operation: operation, projectLevel: projectLevel)
            return (try decode([T].self, result), result)
        }, offOrigin: { link, result in
            GitLabAPIError(reason: .unexpected, status: result.status, operation: operation,
                           detail: "the next page is on another host (\(link.host ?? "?")); not sending the token there", project: project.reference)
        })
    }

    @discardableResult
    private func send(_ method: String, _ url: URL, json: [String: Any]? = nil, operation: String,
                      projectLevel: Bool = false, allow404: Bool = false) async throws -> HTTPResult {
        if method != "GET" && !allowsWrites { throw DryRunViolation(method: method, target: url.path) }
        var headers = baseHeaders()
        var body = RequestBody.empty
        if let json {
            body = .data(try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
            headers["Content-Type"] = "application/json"
        }
        return try await exchange(HTTPRequestSpec(method: method, url: url, headers: headers, body: body), to: nil,
                                  operation: operation, projectLevel: projectLevel, allow404: allow404)
    }

    @discardableResult
    private func exchange(_ request: HTTPRequestSpec, to destination: String?, operation: String,
                          projectLevel: Bool, allow404: Bool) async throws -> HTTPResult {
        let reference = project.reference
        return try await loop.send(request, to: destination, operation: operation,
                                   accepts: { (200..<300).contains($0.status) || (allow404 && $0.status == 404) },
                                   refused: { GitLabAPIError(result: $0, operation: operation, project: reference, projectLevel: projectLevel) },
                                   unanswered: { GitLabAPIError(reason: .noResponse, status: nil, operation: operation, detail: $0.message, project: reference) })
    }

    private func decode<T: Decodable>(_ type: T.Type, _ result: HTTPResult) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: result.body)
        } catch {
            throw GitLabAPIError(reason: .unexpected, status: result.status, operation: "read GitLab's answer",
                                 detail: "the response is not the JSON expected (\(T.self))", project: project.reference)
        }
    }
}
