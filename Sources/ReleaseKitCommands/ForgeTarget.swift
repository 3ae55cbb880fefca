import Foundation
import ReleaseKitCore
import ReleaseKitRuntime

/// Which repository and API a tool talks to, by the rules every API-using tool
/// shares: the flag, else the forge's CI variables, else the forge's public service.
/// - GitHub: `GITHUB_REPOSITORY` / `GITHUB_API_URL`, else api.github.com (GitHub
///   Enterprise: point the API URL at `https://HOST/api/v3`).
/// - Gitea, Forgejo: `GITHUB_REPOSITORY` and `GITHUB_SERVER_URL` + `/api/v1`, which
///   their runners set (there is no public default: every instance is its own).
/// - GitLab: a project path (`group/sub/project`) or numeric id, else `CI_PROJECT_ID`;
///   `CI_API_V4_URL`, else gitlab.com.
public struct ForgeTarget: Sendable, Equatable {
    public var forge: ForgeKind
    /// `owner/repo`; on GitLab the project path or id.
    public var repository: String
    public var apiURL: URL

    public static func resolve(forge: ForgeKind = .github, repository flag: String?, apiURL apiFlag: String?,
                               in context: ToolContext) throws -> ForgeTarget {
        let ci = context.ci
        let repository: String
        let apiText: String
        switch forge {
        case .github:
            guard let found = flag ?? ci.value("GITHUB_REPOSITORY") else {
                throw InputError("no repository: pass --repository OWNER/REPO or set GITHUB_REPOSITORY")
            }
            repository = try ownerRepo(found)
            apiText = apiFlag ?? ci.apiURL ?? "https://api.github.com"
        case .gitea, .forgejo:
            guard let found = flag ?? ci.value("GITHUB_REPOSITORY") else {
                throw InputError("no repository: pass --repository OWNER/REPO or set GITHUB_REPOSITORY (\(forge.displayName) Actions sets it)")
            }
            repository = try ownerRepo(found)
            guard let text = apiFlag ?? ci.value("GITHUB_SERVER_URL").map({ Self.trimmed($0) + "/api/v1" }) else {
                throw InputError("no \(forge.displayName) API URL: pass --api-url https://HOST/api/v1 or set GITHUB_SERVER_URL (\(forge.displayName) Actions sets it)")
            }
            apiText = text
        case .gitlab:
            guard let found = flag ?? ci.value("CI_PROJECT_ID", "CI_PROJECT_PATH") else {
                throw InputError("no GitLab project: pass --repository GROUP/PROJECT (or the numeric project id) or set CI_PROJECT_ID")
            }
            let parts = found.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
                throw InputError("repository \"\(found)\" is not a GitLab project path (GROUP/PROJECT) or numeric id")
            }
            repository = found
            apiText = apiFlag ?? ci.value("CI_API_V4_URL") ?? "https://gitlab.com/api/v4"
        }
        guard let apiURL = URL(string: apiText), let scheme = apiURL.scheme, ["http", "https"].contains(scheme), apiURL.host != nil else {
            throw InputError("API URL \"\(apiText)\" is not an http(s) URL; expected e.g. \(Self.example(forge))")
        }
        return ForgeTarget(forge: forge, repository: repository, apiURL: apiURL)
    }

    /// The token (masked as it is read) and the variable it came from, or an input
    /// error naming where it was looked for.
    public static func credential(forge: ForgeKind = .github, preferring name: String?,
                                  in context: ToolContext) throws -> (variable: String, value: String) {
        if let token = context.readCredential(preferring: name, forge: forge) { return token }
        let names = (name.map { [$0] } ?? []) + forge.tokenVariables
        let hint = switch forge {
        case .github: " (in Actions: env: GITHUB_TOKEN: ${{ github.token }}, with permissions: contents: write)"
        case .gitlab: " (in GitLab CI the job's CI_JOB_TOKEN is set for you; a project or personal token with the api scope goes in GITLAB_TOKEN)"
        case .gitea, .forgejo: " (in \(forge.displayName) Actions: env: GITHUB_TOKEN: ${{ github.token }}, or a token with write:repository in \(forge.tokenVariables[0]))"
        }
        throw InputError("no API token: set \(names.joined(separator: ", then "))\(hint); tokens are never taken from flags")
    }

    /// The token alone (GitHub and Gitea send every token the same way).
    public static func token(forge: ForgeKind = .github, preferring name: String?, in context: ToolContext) throws -> String {
        try credential(forge: forge, preferring: name, in: context).value
    }

    private static func ownerRepo(_ repository: String) throws -> String {
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.contains(where: { $0 == " " }) }) else {
            throw InputError("repository \"\(repository)\" is not OWNER/REPO")
        }
        return repository
    }

    private static func trimmed(_ url: String) -> String {
        var text = url
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    private static func example(_ forge: ForgeKind) -> String {
        switch forge {
        case .github: "https://api.github.com or https://HOST/api/v3"
        case .gitlab: "https://gitlab.com/api/v4"
        case .gitea, .forgejo: "https://codeberg.org/api/v1"
        }
    }
}
