import Foundation
import ReleaseKitCore

/// The Releases REST API of one repository, over an `HTTPTransport`.
///
/// Every call but the upload retries transient failures itself (see `RetryPolicy`).
/// Uploads are not blindly re-sent: a 502 may have stored the file, so the caller
/// lists the assets first (`AssetUploader`). Every attempt of every kind passes the
/// one `RateLimitGate` first, so a limit one request meets holds back all of them.
/// The token is only ever put in the `Authorization` header of requests to the API
/// and upload hosts.
public struct GitHubClient: Sendable {
    public let apiURL: URL
    /// `owner/name`.
    public let repository: String
    /// When false, any request that could change something is refused before it is
    /// sent: `--dry-run` relies on this rather than on every call site remembering.
    public let allowsWrites: Bool
    private let token: String?
    /// Retries, the rate-limit gate and the request count: shared with every forge client.
    public let loop: RetryLoop
    public var retry: RetryPolicy { loop.retry }
    /// Shared by every copy of this client and every client given the same gate.
    public var gate: RateLimitGate { loop.gate }
    /// How requests name themselves and carry the token: GitHub's, or Gitea's when
    /// `GiteaClient` sends through this client's retry loop.
    let dialect: APIDialect

    public init(apiURL: URL, repository: String, token: String?, transport: HTTPTransport,
                retry: RetryPolicy = RetryPolicy(), sleeper: Sleeper = TaskSleeper(),
                now: @escaping @Sendable () -> Date = Date.init, allowsWrites: Bool = true,
                gate: RateLimitGate? = nil,
                onRetry: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(apiURL: apiURL, repository: repository, token: token, transport: transport, retry: retry, sleeper: sleeper,
                  now: now, allowsWrites: allowsWrites, gate: gate, dialect: .github, onRetry: onRetry)
    }

    init(apiURL: URL, repository: String, token: String?, transport: HTTPTransport, retry: RetryPolicy, sleeper: Sleeper,
         now: @escaping @Sendable () -> Date, allowsWrites: Bool, gate: RateLimitGate?, dialect: APIDialect,
         onRetry: @escaping @Sendable (String) -> Void) {
        self.dialect = dialect
        self.apiURL = Pagination.base(apiURL)
        self.repository = repository
        self.token = token
        self.allowsWrites = allowsWrites
        self.loop = RetryLoop(transport: transport, retry: retry, sleeper: sleeper, now: now, gate: gate, onRetry: onRetry)
    }

    /// Requests sent so far (each attempt counts), by method.
    public var requestsSent: [String: Int] { loop.requestsSent }

    // MARK: Releases

    /// Every release of the repository, drafts included (they are visible to tokens
    /// with push access), following `Link: rel="next"`. A 404 here means the
    /// repository is wrong or out of the token's reach.
    public func listReleases() async throws -> [Release] {
        try await listAll(repoPath("releases"), operation: "list the releases of \(repository)", repositoryLevel: true)
    }

    /// The published release for `tag`, or nil. Drafts are never returned here.
    public func releaseByTag(_ tag: String) async throws -> Release? {
        let result = try await send("GET", url: repoURL("releases/tags/" + Self.segment(tag)),
                                    operation: "get the release for tag \(tag)", allow404: true)
        return result.status == 404 ? nil : try decode(Release.self, result)
    }

    public func release(id: Int) async throws -> Release? {
        let result = try await send("GET", url: repoURL("releases/\(id)"), operation: "get release \(id)", allow404: true)
        return result.status == 404 ? nil : try decode(Release.self, result)
    }

    public func latestRelease() async throws -> Release? {
        let result = try await send("GET", url: repoURL("releases/latest"), operation: "get the latest release", allow404: true)
        return result.status == 404 ? nil : try decode(Release.self, result)
    }

    public func createRelease(_ fields: ReleaseFields) async throws -> Release {
        let result = try await send("POST", url: repoURL("releases"), json: fields.jsonObject,
                                    operation: "create the release for \(fields.tagName ?? "?") in \(repository)", repositoryLevel: true)
        return try decode(Release.self, result)
    }

    public func updateRelease(id: Int, _ fields: ReleaseFields) async throws -> Release {
        let result = try await send("PATCH", url: repoURL("releases/\(id)"), json: fields.jsonObject,
                                    operation: "update release \(id) in \(repository)")
        return try decode(Release.self, result)
    }

    /// Deletes a release (never its tag). Already gone counts as done.
    public func deleteRelease(id: Int) async throws {
        _ = try await send("DELETE", url: repoURL("releases/\(id)"), operation: "delete release \(id) in \(repository)", allow404: true)
    }

    /// Asks GitHub to write notes from the merged pull requests; saves nothing.
    public func generateNotes(tag: String, target: String?, previousTag: String?) async throws -> GeneratedNotes {
        var object: [String: Any] = ["tag_name": tag]
        if let target { object["target_commitish"] = target }
        if let previousTag { object["previous_tag_name"] = previousTag }
        let result = try await send("POST", url: repoURL("releases/generate-notes"), json: object, readOnly: true,
                                    operation: "generate release notes for \(tag)", repositoryLevel: true)
        return try decode(GeneratedNotes.self, result)
    }

    /// Whether `refs/tags/<tag>` exists in the repository.
    public func tagExists(_ tag: String) async throws -> Bool {
        let path = tag.split(separator: "/", omittingEmptySubsequences: false).map { Self.segment(String($0)) }.joined(separator: "/")
        let result = try await send("GET", url: repoURL("git/ref/tags/" + path), operation: "look up tag \(tag)", allow404: true)
        return result.status != 404
    }

    /// The repository's immutable-releases setting. GitHub answers 404 when it is off;
    /// reading it needs administration: read, which a workflow's GITHUB_TOKEN never has
    /// (403): nil then, and the release objects' `immutable` is all there is to go by.
    public func immutableReleasesSetting() async throws -> ImmutableReleasesSetting? {
        let result: HTTPResult
        do {
            result = try await send("GET", url: repoURL("immutable-releases"),
                                    operation: "read the immutable-releases setting of \(repository)", allow404: true)
        } catch let error as GitHubAPIError where error.status == 403 && error.reason != .rateLimited {
            return nil
        }
        return result.status == 404 ? ImmutableReleasesSetting(enabled: false) : try decode(ImmutableReleasesSetting.self, result)
    }

    // MARK: Assets

    public func listAssets(releaseID: Int) async throws -> [ReleaseAsset] {
        try await listAll(repoPath("releases/\(releaseID)/assets"), operation: "list the assets of release \(releaseID)", repositoryLevel: false)
    }

    public func updateAsset(id: Int, name: String, label: String?) async throws -> ReleaseAsset {
        var object: [String: Any] = ["name": name]
        if let label { object["label"] = label }
        let result = try await send("PATCH", url: repoURL("releases/assets/\(id)"), json: object, operation: "rename asset \(id) to \(name)")
        return try decode(ReleaseAsset.self, result)
    }

    /// Deletes an asset. Already gone counts as done.
    public func deleteAsset(id: Int, name: String) async throws {
        _ = try await send("DELETE", url: repoURL("releases/assets/\(id)"), operation: "delete asset \(name) (\(id))", allow404: true)
    }

    /// One upload attempt, streamed from `path`. Returns the raw result so the caller
    /// can tell a clash (422) or a transient failure (and then look before retrying).
    public func uploadAssetOnce(uploadURL template: String, name: String, label: String?, path: String,
                                size: Int64, contentType: String) async throws -> HTTPResult {
        guard allowsWrites else { throw DryRunViolation(method: "POST", target: "upload \(name)") }
        guard let url = Self.expandUploadURL(template, name: name, label: label) else {
            throw GitHubAPIError(reason: .unexpected, status: nil, operation: "upload \(name)",
                                 detail: "the release's upload_url is not a URL", repository: repository)
        }
        var headers = baseHeaders()
        headers["Content-Type"] = contentType
        headers["Content-Length"] = String(size)
        return try await attempt(HTTPRequestSpec(method: "POST", url: url, headers: headers, body: .file(path: path, length: size)))
    }

    /// Downloads an asset's bytes to `destination`. The API answers with a 302 to a
    /// storage host; the transport drops `Authorization` when the redirect leaves the
    /// API host, so the token never reaches it.
    public func downloadAsset(_ asset: ReleaseAsset, to destination: String) async throws {
        guard let url = URL(string: asset.url) else {
            throw GitHubAPIError(reason: .unexpected, status: nil, operation: "download \(asset.name)", detail: "the asset url is not a URL", repository: repository)
        }
        var headers = baseHeaders()
        headers["Accept"] = "application/octet-stream"
        try await exchange(HTTPRequestSpec(method: "GET", url: url, headers: headers), to: destination,
                           operation: "download \(asset.name)", repositoryLevel: false, allow404: false)
    }

    /// `https://uploads…/assets{?name,label}` with the query filled in.
    public static func expandUploadURL(_ template: String, name: String, label: String?) -> URL? {
        var base = template
        if let brace = base.firstIndex(of: "{") { base = String(base[..<brace]) }
        guard var components = URLComponents(string: base) else { return nil }
        var items = components.queryItems ?? []
        items.append(URLQueryItem(name: "name", value: name))
        if let label, !label.isEmpty { items.append(URLQueryItem(name: "label", value: label)) }
        components.percentEncodedQuery = items.map { item in
            item.name + "=" + (item.value ?? "").addingPercentEncoding(withAllowedCharacters: .queryValueAllowed)!
        }.joined(separator: "&")
        return components.url
    }

    // MARK: Plumbing

    /// Waits before a retry, saying why (never with the token: only method, path and reason).
    public func wait(_ seconds: Double, reason: String, what: String, attempt: Int) async throws {
        try await loop.wait(seconds, reason: reason, what: what, attempt: attempt)
    }

    func repoPath(_ suffix: String) -> String { "/repos/\(repository)/\(suffix)" }

    func repoURL(_ suffix: String) -> URL {
        URL(string: apiURL.absoluteString + repoPath(suffix))!
    }

    func baseHeaders() -> [String: String] {
        var headers = dialect.headers
        headers["User-Agent"] = "releasekit/\(ToolkitVersion.current)"
        if let token { headers["Authorization"] = dialect.authorizationScheme + " " + token }
        return headers
    }

    func listAll<T: Decodable>(_ path: String, operation: String, repositoryLevel: Bool) async throws -> [T] {
        try await Pagination.collect(from: URL(string: apiURL.absoluteString + path + "?" + dialect.firstPageQuery)!, origin: apiURL, page: { url in
            let result = try await send("GET", url: url, operation: operation, repositoryLevel: repositoryLevel)
            return (try decode([T].self, result), result)
        }, offOrigin: { link, result in
            GitHubAPIError(reason: .unexpected, status: result.status, operation: operation,
                           detail: "the next page is on another host (\(link.host ?? "?")); not sending the token there", repository: repository)
        })
    }

    /// Sends with retries. A final error response becomes a `GitHubAPIError`; with
    /// `allow404` a 404 is returned for the caller to read as "absent".
    @discardableResult
    func send(_ method: String, url: URL, json: [String: Any]? = nil, readOnly: Bool = false,
                      operation: String, repositoryLevel: Bool = false, allow404: Bool = false) async throws -> HTTPResult {
        if method != "GET" && !readOnly && !allowsWrites {
            throw DryRunViolation(method: method, target: url.path)
        }
        var headers = baseHeaders()
        var body = RequestBody.empty
        if let json {
            body = .data(try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
            headers["Content-Type"] = "application/json"
        }
        return try await exchange(HTTPRequestSpec(method: method, url: url, headers: headers, body: body), to: nil,
                                  operation: operation, repositoryLevel: repositoryLevel, allow404: allow404)
    }

    /// Sends through the one retry loop; a final error response becomes a `GitHubAPIError`.
    @discardableResult
    func exchange(_ request: HTTPRequestSpec, to destination: String?, operation: String,
                          repositoryLevel: Bool, allow404: Bool) async throws -> HTTPResult {
        try await loop.send(request, to: destination, operation: operation,
                            accepts: { (200..<300).contains($0.status) || (allow404 && $0.status == 404) },
                            refused: {
                                GitHubAPIError(result: $0, operation: operation, repository: repository, repositoryLevel: repositoryLevel)
                                    .from(dialect.service)
                            },
                            unanswered: {
                                GitHubAPIError(reason: .noResponse, status: nil, operation: operation, detail: $0.message, repository: repository)
                                    .from(dialect.service)
                            })
    }

    /// One attempt of any kind, through the gate (see `RetryLoop.attempt`).
    public func attempt(_ request: HTTPRequestSpec, to destination: String? = nil) async throws -> HTTPResult {
        try await loop.attempt(request, to: destination)
    }

    /// What to do after an error response (see `RetryLoop.judge`).
    public func judge(_ result: HTTPResult, attempt: Int) async -> RetryPolicy.Decision {
        await loop.judge(result, attempt: attempt)
    }

    /// Says why nothing is sent for a while (the gate does the waiting).
    public func announce(until: Date, reason: String, what: String, attempt: Int) {
        loop.announce(until: until, reason: reason, what: what, attempt: attempt)
    }

    func decode<T: Decodable>(_ type: T.Type, _ result: HTTPResult) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: result.body)
        } catch {
            throw GitHubAPIError(reason: .unexpected, status: result.status, operation: "read \(dialect.service)'s answer",
                                 detail: "the response is not the JSON expected (\(T.self))", repository: repository)
        }
    }

    /// One path segment, percent-encoded (a `/` in a tag becomes `%2F`).
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .pathSegmentAllowed) ?? text
    }
}

/// A write attempted in `--dry-run`: a bug, reported loudly instead of sent.
public struct DryRunViolation: ReleaseKitError {
    public let method: String
    public let target: String
    public var kind: FailureKind { .operationFailed }
    public var description: String { "internal error: --dry-run tried to send \(method) \(target); nothing was sent" }

    public init(method: String, target: String) {
        self.method = method
        self.target = target
    }
}

extension CharacterSet {
    static let pathSegmentAllowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+@")
    static let queryValueAllowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
