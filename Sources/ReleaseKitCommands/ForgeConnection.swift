import Foundation
import GitHubAPI
import GitLabAPI
import ReleaseKitCore
import ReleaseKitRuntime

/// The client for a target's forge, over the one transport the context opened: the
/// only place that knows which `ReleaseForge` implementation serves which forge.
struct ForgeConnection {
    var target: ForgeTarget
    /// The token and the variable it came from; nil: no request carries one (a dry run).
    var credential: (variable: String, value: String)?
    var retry = RetryPolicy()
    var sleeper: Sleeper = TaskSleeper()
    var now: @Sendable () -> Date = Date.init
    var allowsWrites = true
    var onRetry: @Sendable (String) -> Void = { _ in }

    /// Refuses (exit 2) a forge this build has no client for, before a token is read.
    static func checkAvailable(_ forge: ForgeKind, origin: String) throws {
        switch forge {
        case .github, .gitlab: return
        case .gitea, .forgejo: throw unavailable(forge, origin: origin)
        }
    }

    func client(transport: HTTPTransport) throws -> any ReleaseForge {
        switch target.forge {
        case .github:
            return GitHubClient(apiURL: target.apiURL, repository: target.repository, token: credential?.value, transport: transport,
                                retry: retry, sleeper: sleeper, now: now, allowsWrites: allowsWrites, onRetry: onRetry)
        case .gitlab:
            let client = GitLabClient(apiURL: target.apiURL, project: try GitLabProject(target.repository), credential: gitlabCredential,
                                      transport: transport, retry: retry, sleeper: sleeper, now: now, allowsWrites: allowsWrites,
                                      onRetry: onRetry)
            return GitLabForge(client: client, log: onRetry)
        case .gitea, .forgejo:
            throw Self.unavailable(target.forge, origin: "--forge")
        }
    }

    /// GitLab takes a CI job's token in `JOB-TOKEN` and every other token (personal,
    /// project, group: `GITLAB_TOKEN` or `--token-env`) in `PRIVATE-TOKEN`.
    private var gitlabCredential: GitLabCredential? {
        credential.map { GitLabCredential($0.variable == "CI_JOB_TOKEN" ? .jobToken : .privateToken, token: $0.value) }
    }

    private static func unavailable(_ forge: ForgeKind, origin: String) -> InputError {
        InputError("forge \(forge.rawValue) (from \(origin)) is not available in this build of ReleaseKit; pass --forge github, or use a release that supports \(forge.displayName)")
    }
}
