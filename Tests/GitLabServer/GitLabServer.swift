import ArtifactFiles
import FlyingFox
import FlyingSocks
import Foundation
import GitHubAPI
import GitHubServer

/// A local stand-in for GitLab's Releases, release links and generic package registry
/// APIs, on 127.0.0.1, written from GitLab's REST documentation, for tests.
///
/// Two listeners: the API (`…/api/v4`), and a storage host package downloads redirect
/// (302) to, named `localhost` rather than `127.0.0.1` so a client that carries its
/// `PRIVATE-TOKEN`/`JOB-TOKEN` across the redirect is caught (`credentialReachedStorage`).
/// Uploads are read as a stream and hashed as they arrive.
public final class GitLabServer: Sendable {
    /// `http://127.0.0.1:PORT/api/v4`, what `CI_API_V4_URL` holds.
    public let apiURL: URL
    let state: GitLabServerState
    private let servers: [HTTPServer]
    private let tasks: [Task<Void, Never>]

    private init(apiURL: URL, state: GitLabServerState, servers: [HTTPServer], tasks: [Task<Void, Never>]) {
        self.apiURL = apiURL
        self.state = state
        self.servers = servers
        self.tasks = tasks
    }

    public static func start(_ options: GitLabServerOptions = GitLabServerOptions(),
                             clock: @escaping @Sendable () -> Date = Date.init) async throws -> GitLabServer {
        let state = GitLabServerState(options: options, clock: clock)
        let router = GitLabRouter(state: state)
        var servers: [HTTPServer] = []
        var tasks: [Task<Void, Never>] = []
        var ports: [UInt16] = []
        for onStorageHost in [false, true] {
            let config = HTTPServer.Configuration(
                address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 3600,
                sharedRequestBufferSize: 64 * 1024, sharedRequestReplaySize: 64 * 1024, logger: .disabled)
            let server = HTTPServer(config: config, handler: ClosureHTTPHandler { request in
                await router.handle(request, onStorageHost: onStorageHost)
            })
            tasks.append(Task { try? await server.run() })
            try await server.waitUntilListening(timeout: 10)
            guard case .ip4(_, let port)? = await server.listeningAddress else {
                throw TransportError("the local GitLab server could not listen")
            }
            servers.append(server)
            ports.append(port)
        }
        let api = "http://127.0.0.1:\(ports[0])/api/v4"
        await state.setURLs(api: api, storage: "http://localhost:\(ports[1])")
        return GitLabServer(apiURL: URL(string: api)!, state: state, servers: servers, tasks: tasks)
    }

    public func stop() async {
        for server in servers { await server.stop(timeout: 1) }
        for task in tasks { task.cancel() }
    }

    // MARK: Control

    /// Makes the next `times` requests to `route` (any route when nil) fail with `fault`.
    public func inject(_ fault: Fault, on route: GitLabRoute? = nil, times: Int = 1) async {
        await state.inject(fault, on: route, times: times)
    }

    /// Makes the requests to `route` with these ordinals (1-based) fail with `fault`.
    public func schedule(_ fault: Fault, on route: GitLabRoute, at ordinals: [Int]) async {
        await state.schedule(fault, on: route, at: ordinals)
    }

    public func clearFaults() async { await state.clearFaults() }
    public func setOption(_ change: @Sendable (inout GitLabServerOptions) -> Void) async { await state.change(change) }

    /// Requests sent inside an announced rate-limit window.
    public func rateLimitViolations() async -> [GitLabRequestRecord] { await state.requests.filter(\.violatedRateLimit) }
    public func requests() async -> [GitLabRequestRecord] { await state.requests }
    public func releases() async -> [GitLabStoredRelease] { await state.releasesNewestFirst() }
    public func release(_ tag: String) async -> GitLabStoredRelease? { await state.releases[tag] }
    public func packageFiles() async -> [GitLabStoredFile] { await state.files.values.sorted { $0.id < $1.id } }
    public func tags() async -> Set<String> { await state.options.tags }

    /// True when any request reached the storage host carrying a credential header.
    public func credentialReachedStorage() async -> Bool {
        await state.requests.contains { $0.onStorageHost && !$0.credentialHeaders.isEmpty }
    }

    /// A file put in the registry directly, as an earlier run or a person would have.
    @discardableResult
    public func seedPackageFile(package: String, version: String, fileName: String, content: Data) async -> Int {
        await state.seed(package: package, version: version, fileName: fileName, content: content)
    }

    /// A release put there directly, with links as given.
    public func seedRelease(tag: String, name: String? = nil, description: String? = nil,
                            links: [(name: String, url: String, path: String?)] = []) async {
        await state.seedRelease(tag: tag, name: name, description: description, links: links)
    }
}

extension GitLabServerState {
    func seed(package: String, version: String, fileName: String, content: Data) -> Int {
        guard case .success(let packageID) = beginUpload(package: package, version: version, fileName: fileName) else { return -1 }
        return finishUpload(packageID: packageID, fileName: fileName, size: Int64(content.count),
                            sha256: StreamingSHA256.hexDigest(of: content), content: content).id
    }

    func seedRelease(tag: String, name: String?, description: String?, links: [(name: String, url: String, path: String?)]) {
        let now = clock()
        options.tags.insert(tag)
        releases[tag] = GitLabStoredRelease(tagName: tag, name: name ?? tag, description: description, createdAt: now, releasedAt: now,
                                            links: links.map { GitLabStoredLink(id: newID(), name: $0.name, url: $0.url,
                                                                                directAssetPath: $0.path, linkType: "other") })
    }
}
