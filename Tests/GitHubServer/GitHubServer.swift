import FlyingFox
import FlyingSocks
import ArtifactFiles
import Foundation
import GitHubAPI

/// A local stand-in for GitHub's Releases API, on 127.0.0.1, for tests, the benchmark
/// and the demo.
///
/// Three listeners play GitHub's three hosts: the API, the upload host the
/// `upload_url` points at, and a storage host the asset download redirects (302) to,
/// named `localhost` rather than `127.0.0.1` so a client that keeps `Authorization`
/// across the redirect is caught (`authorizationReachedDownloadHost`). Uploads are read
/// as a stream and hashed as they arrive, so a 1 GiB upload costs a few buffers.
public final class GitHubServer: Sendable {
    public let urls: ServerURLs
    let state: ServerState
    private let listeners: LocalListeners

    public var apiURL: URL { URL(string: urls.api)! }
    public var repository: String { get async { await state.options.repository } }

    private init(urls: ServerURLs, state: ServerState, listeners: LocalListeners) {
        self.urls = urls
        self.state = state
        self.listeners = listeners
    }

    /// Starts the three listeners on free ports of 127.0.0.1.
    public static func start(_ options: ServerOptions = ServerOptions(),
                             clock: @escaping @Sendable () -> Date = Date.init) async throws -> GitHubServer {
        let state = ServerState(options: options, clock: clock)
        let router = Router(state: state)
        let listeners = try await LocalListeners.start([.api, .uploads, .downloads], name: "GitHub") { request, host in
            await router.handle(request, on: host)
        }
        let ports = listeners.ports
        let urls = ServerURLs(api: "http://127.0.0.1:\(ports[0])", uploads: "http://127.0.0.1:\(ports[1])",
                              downloads: "http://localhost:\(ports[2])")
        await state.setURLs(urls)
        return GitHubServer(urls: urls, state: state, listeners: listeners)
    }

    public func stop() async { await listeners.stop() }

    // MARK: Control

    /// Makes the next `times` requests to `route` (any route when nil) fail with `fault`.
    public func inject(_ fault: Fault, on route: Route? = nil, times: Int = 1) async {
        await state.inject(fault, on: route, times: times)
    }

    /// Makes the requests to `route` with these ordinals (1-based, counted from the
    /// server's start) fail with `fault`: "drop uploads 2, 5 and 8".
    public func schedule(_ fault: Fault, on route: Route, at ordinals: [Int]) async {
        await state.schedule(fault, on: route, at: ordinals)
    }

    public func clearFaults() async { await state.clearFaults() }

    /// Requests sent inside an announced rate-limit window.
    public func rateLimitViolations() async -> [RecordedRequest] {
        await state.requests.filter(\.violatedRateLimit)
    }

    public func addTag(_ tag: String) async { await state.addTag(tag) }

    /// A release put there directly, as if made earlier (by a person or a previous run).
    @discardableResult
    public func seedRelease(tag: String, draft: Bool = false, prerelease: Bool = false, name: String? = nil,
                            body: String? = nil) async -> Int {
        await state.seedRelease(tag: tag, draft: draft, prerelease: prerelease, name: name, body: body)
    }

    /// An asset put there directly: `state: "starter"` is what an interrupted upload leaves behind.
    @discardableResult
    public func seedAsset(releaseID: Int, name: String, content: Data, state assetState: String = "uploaded",
                          digest: Bool = true, age: TimeInterval = 0) async -> Int {
        await state.seedAsset(releaseID: releaseID, name: name, content: content, state: assetState, digest: digest, age: age)
    }

    /// Deletes a release as the API does: an immutable one burns its tag.
    public func deleteRelease(_ id: Int) async { _ = await state.deleteRelease(id) }

    public func releases() async -> [StoredRelease] { await state.releasesNewestFirst() }
    public func assets(ofRelease id: Int) async -> [StoredAsset] { await state.assetsOf(id) }
    public func requests() async -> [RecordedRequest] { await state.requests }
    public func tags() async -> Set<String> { await state.options.tags }

    /// True when any request reached the storage host carrying `Authorization`.
    public func authorizationReachedDownloadHost() async -> Bool {
        await state.requests.contains { $0.host == .downloads && $0.hadAuthorization }
    }

    public func setOption(_ change: @Sendable (inout ServerOptions) -> Void) async { await state.change(change) }
}

extension ServerState {
    func addTag(_ tag: String) { options.tags.insert(tag) }
    func change(_ body: @Sendable (inout ServerOptions) -> Void) { body(&options) }

    func seedRelease(tag: String, draft: Bool, prerelease: Bool, name: String?, body: String?) -> Int {
        let now = clock()
        let release = StoredRelease(id: newID(), tagName: tag, targetCommitish: "main", name: name, body: body, draft: draft,
                                    prerelease: prerelease, makeLatest: nil, discussionCategory: nil, createdAt: now,
                                    publishedAt: draft ? nil : now, immutable: !draft && options.immutableReleases, publishCount: draft ? 0 : 1)
        releases[release.id] = release
        if !draft { options.tags.insert(tag) }
        return release.id
    }

    func seedAsset(releaseID: Int, name: String, content: Data, state: String, digest: Bool, age: TimeInterval) -> Int {
        let when = clock().addingTimeInterval(-age)
        let uploaded = state == "uploaded"
        let asset = StoredAsset(id: newID(), releaseID: releaseID, name: AssetName.sanitized(name), label: nil, state: state,
                                size: Int64(content.count), contentType: ContentType.forFile(named: name),
                                digest: uploaded && digest ? "sha256:" + StreamingSHA256.hexDigest(of: content) : nil,
                                content: uploaded ? content : nil, createdAt: when, updatedAt: when)
        assets[asset.id] = asset
        return asset.id
    }
}
