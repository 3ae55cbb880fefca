import Foundation
import GitHubAPI
import GitHubServer
import ReleaseKitCore

/// One forge's strict local server as the shared create-release scenarios
/// (`ForgeScenarioTests`) drive it: the same table runs against every forge. A new
/// forge adds a conforming world and a case in `ForgeWorlds.start`.
protocol ForgeWorld: Sendable {
    var forge: ForgeKind { get }
    /// `--api-url`.
    var apiURL: String { get }
    /// The variables a runner of this forge sets, token included.
    func environment(token: String) -> [String: String]
    /// What the forge answers when it rate-limits a request.
    var rateLimitFault: Fault { get }
    func releases() async -> [StoredRelease]
    func assets(ofRelease id: Int) async -> [StoredAsset]
    func requests() async -> [RecordedRequest]
    func inject(_ fault: Fault, on route: Route?, times: Int) async
    func schedule(_ fault: Fault, on route: Route, at ordinals: [Int]) async
    func authorizationReachedDownloadHost() async -> Bool
    func stop() async
}

enum ForgeWorlds {
    /// The forges the scenario table runs against.
    static let all: [ForgeKind] = [.github, .gitea, .forgejo]

    static func start(_ forge: ForgeKind, tags: Set<String>, clock: @escaping @Sendable () -> Date) async throws -> any ForgeWorld {
        switch forge {
        case .github: return GitHubWorld(server: try await GitHubServer.start(ServerOptions(tags: tags), clock: clock))
        case .gitea, .forgejo:
            return GiteaWorld(forge: forge, server: try await GiteaServer.start(ServerOptions(maxPerPage: 50, tags: tags), clock: clock))
        case .gitlab: throw OperationError("no GitLab world yet")
        }
    }
}

struct GitHubWorld: ForgeWorld {
    let server: GitHubServer
    var forge: ForgeKind { .github }
    var apiURL: String { server.urls.api }
    func environment(token: String) -> [String: String] { ["GITHUB_TOKEN": token, "GITHUB_REPOSITORY": "octo-org/octo-repo"] }
    var rateLimitFault: Fault { .tooManyRequests(retryAfter: 3) }
    func releases() async -> [StoredRelease] { await server.releases() }
    func assets(ofRelease id: Int) async -> [StoredAsset] { await server.assets(ofRelease: id) }
    func requests() async -> [RecordedRequest] { await server.requests() }
    func inject(_ fault: Fault, on route: Route?, times: Int) async { await server.inject(fault, on: route, times: times) }
    func schedule(_ fault: Fault, on route: Route, at ordinals: [Int]) async { await server.schedule(fault, on: route, at: ordinals) }
    func authorizationReachedDownloadHost() async -> Bool { await server.authorizationReachedDownloadHost() }
    func stop() async { await server.stop() }
}

/// Gitea and Forgejo: one server, the runner's variables under each name.
struct GiteaWorld: ForgeWorld {
    let forge: ForgeKind
    let server: GiteaServer
    var apiURL: String { server.apiURL.absoluteString }
    func environment(token: String) -> [String: String] {
        [forge == .forgejo ? "FORGEJO_TOKEN" : "GITEA_TOKEN": token, "GITHUB_REPOSITORY": "octo-org/octo-repo",
         "GITHUB_SERVER_URL": server.serverURL, forge == .forgejo ? "FORGEJO_ACTIONS" : "GITEA_ACTIONS": "true"]
    }
    /// Gitea states no wait: a bare 429, which the client backs off from.
    var rateLimitFault: Fault { .status(429, message: "rate limited") }
    func releases() async -> [StoredRelease] { await server.releases() }
    func assets(ofRelease id: Int) async -> [StoredAsset] { await server.assets(ofRelease: id) }
    func requests() async -> [RecordedRequest] { await server.requests() }
    func inject(_ fault: Fault, on route: Route?, times: Int) async { await server.inject(fault, on: route, times: times) }
    func schedule(_ fault: Fault, on route: Route, at ordinals: [Int]) async { await server.schedule(fault, on: route, at: ordinals) }
    func authorizationReachedDownloadHost() async -> Bool { await server.authorizationReachedDownloadHost() }
    func stop() async { await server.stop() }
}
