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
    /// Where a forge without digests downloads an asset to hash it.
    var scratchDirectory = "/tmp"

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
            return GiteaClient(kind: target.forge, apiURL: target.apiURL, repository: target.repository, token: credential?.value,
                               transport: transport, retry: retry, sleeper: sleeper, now: now, allowsWrites: allowsWrites,
                               scratchDirectory: scratchDirectory, onRetry: onRetry)
        }
    }

    /// GitLab takes a CI job's token in `JOB-TOKEN` and every other token (personal,
    /// project, group: `GITLAB_TOKEN` or `--token-env`) in `PRIVATE-TOKEN`.
    private var gitlabCredential: GitLabCredential? {
        credential.map { GitLabCredential($0.variable == "CI_JOB_TOKEN" ? .jobToken : .privateToken, token: $0.value) }
    }
}
