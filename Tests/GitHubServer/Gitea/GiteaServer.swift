import Foundation
import GitHubAPI

/// A strict local stand-in for Gitea's (and Forgejo's) releases API, `/api/v1`, on
/// 127.0.0.1, written from the published swagger (`templates/swagger/v1_json.tmpl`):
/// releases, releases by tag, attachments under their release, tags.
///
/// Strict where the real service refuses: a request without `Authorization: token …`
/// is 401; a JSON write without `Content-Type: application/json` is 415; an upload
/// that is not `multipart/form-data` with one `attachment` part, has no
/// Content-Length, or whose length does not match the body, is 400/411; an unknown
/// path is 404. Uploads are parsed as a stream and hashed as they arrive. Downloads of
/// attachments redirect (302) to a second listener named `localhost` (Gitea with
/// `SERVE_DIRECT` storage), so a client that keeps the token across hosts is caught.
/// Faults come from the GitHub server's `Fault` list, on the same routes; Gitea sends
/// no rate-limit headers, so a 429 here states no wait.
public final class GiteaServer: Sendable {
    public let urls: ServerURLs
    let state: GiteaState
    private let listeners: LocalListeners

    /// `http://127.0.0.1:PORT/api/v1`.
    public var apiURL: URL { URL(string: urls.api + "/api/v1")! }
    /// What a runner sets as `GITHUB_SERVER_URL`.
    public var serverURL: String { urls.api }

    private init(urls: ServerURLs, state: GiteaState, listeners: LocalListeners) {
        self.urls = urls
        self.state = state
        self.listeners = listeners
    }

    public static func start(_ options: ServerOptions = ServerOptions(),
                             clock: @escaping @Sendable () -> Date = Date.init) async throws -> GiteaServer {
        let state = GiteaState(options: options, clock: clock)
        let router = GiteaRouter(state: state)
        let listeners = try await LocalListeners.start([.api, .downloads], name: "Gitea") { request, host in
            await router.handle(request, on: host)
        }
        let ports = listeners.ports
        let urls = ServerURLs(api: "http://127.0.0.1:\(ports[0])", uploads: "http://127.0.0.1:\(ports[0])",
                              downloads: "http://localhost:\(ports[1])")
        await state.setURLs(urls)
        return GiteaServer(urls: urls, state: state, listeners: listeners)
    }

    public func stop() async { await listeners.stop() }

    public func inject(_ fault: Fault, on route: Route? = nil, times: Int = 1) async {
        await state.faults.inject(fault, on: route, times: times)
    }

    public func schedule(_ fault: Fault, on route: Route, at ordinals: [Int]) async {
        await state.faults.schedule(fault, on: route, at: ordinals)
    }

    @discardableResult
    public func seedRelease(tag: String, draft: Bool = false, prerelease: Bool = false) async -> Int {
        await state.seedRelease(tag: tag, draft: draft, prerelease: prerelease)
    }

    @discardableResult
    public func seedAsset(releaseID: Int, name: String, content: Data) async -> Int {
        await state.store(releaseID: releaseID, name: name, content: content)
    }

    public func addTag(_ tag: String) async { await state.addTag(tag) }
    public func releases() async -> [StoredRelease] { await state.allReleases() }
    public func assets(ofRelease id: Int) async -> [StoredAsset] { await state.attachments(of: id) }
    public func requests() async -> [RecordedRequest] { await state.faults.requests }

    /// True when any request reached the storage host carrying `Authorization`.
    public func authorizationReachedDownloadHost() async -> Bool {
        await state.faults.requests.contains { $0.host == .downloads && $0.hadAuthorization }
    }
}
