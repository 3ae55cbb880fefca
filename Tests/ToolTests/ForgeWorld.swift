import Foundation
import GitHubAPI
import GitHubServer
import GitLabServer
import ReleaseKitCore

/// One forge's strict local server as the shared create-release scenarios
/// (`ForgeScenarioTests`) drive it: the same table runs against every forge. A new
/// forge adds its server (a `LocalForgeServer`) and a case in `start`.
struct ForgeWorld: Sendable {
    let forge: ForgeKind
    let server: any LocalForgeServer
    /// `--api-url`.
    let apiURL: String
    /// What the forge answers when it rate-limits a request.
    let rateLimitFault: Fault
    /// The variables a runner of this forge sets, besides the token.
    let runner: [String: String]

    /// The forges the scenario table runs against.
    static let all: [ForgeKind] = [.github, .gitlab, .gitea, .forgejo]

    static func start(_ forge: ForgeKind, tags: Set<String>, clock: @escaping @Sendable () -> Date) async throws -> ForgeWorld {
        switch forge {
        case .github:
            let server = try await GitHubServer.start(ServerOptions(tags: tags), clock: clock)
            return ForgeWorld(forge: forge, server: server, apiURL: server.urls.api, rateLimitFault: .tooManyRequests(retryAfter: 3),
                              runner: ["GITHUB_REPOSITORY": "octo-org/octo-repo"])
        case .gitea, .forgejo:
            let server = try await GiteaServer.start(ServerOptions(maxPerPage: 50, tags: tags), clock: clock)
            // Gitea states no wait: a bare 429, which the client backs off from.
            return ForgeWorld(forge: forge, server: server, apiURL: server.apiURL.absoluteString,
                              rateLimitFault: .status(429, message: "rate limited"),
                              runner: ["GITHUB_REPOSITORY": "octo-org/octo-repo", "GITHUB_SERVER_URL": server.serverURL,
                                       forge == .forgejo ? "FORGEJO_ACTIONS" : "GITEA_ACTIONS": "true"])
        case .gitlab:
            let server = try await GitLabServer.start(GitLabServerOptions(tags: tags), clock: clock)
            // The runner gives the project by numeric id: the package name comes from the project's own path.
            return ForgeWorld(forge: forge, server: server, apiURL: server.apiURL.absoluteString,
                              rateLimitFault: .tooManyRequests(retryAfter: 3),
                              runner: ["GITLAB_CI": "true", "CI_API_V4_URL": server.apiURL.absoluteString, "CI_PROJECT_ID": "42",
                                       "CI_PROJECT_PATH": "group/project"])
        }
    }

    /// The runner's variables with the token in the forge's first token variable.
    func environment(token: String) -> [String: String] {
        runner.merging([forge.tokenVariables[0]: token]) { _, new in new }
    }
}
