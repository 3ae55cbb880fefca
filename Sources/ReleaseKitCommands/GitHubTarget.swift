import Foundation
import ReleaseKitCore
import ReleaseKitRuntime

/// Which repository and API a tool talks to, by the rules every API-using tool
/// shares: the flag, else `GITHUB_REPOSITORY` / `GITHUB_API_URL`, else github.com.
/// GitHub Enterprise works by pointing the API URL at `https://HOST/api/v3`.
public struct GitHubTarget: Sendable, Equatable {
    public var repository: String
    public var apiURL: URL

    public static func resolve(repository flag: String?, apiURL apiFlag: String?, in context: ToolContext) throws -> GitHubTarget {
        guard let repository = flag ?? context.ci.value("GITHUB_REPOSITORY") else {
            throw InputError("no repository: pass --repository OWNER/REPO or set GITHUB_REPOSITORY")
        }
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.contains(where: { $0 == " " }) }) else {
            throw InputError("repository \"\(repository)\" is not OWNER/REPO")
        }
        let apiText = apiFlag ?? context.ci.apiURL ?? "https://api.github.com"
        guard let apiURL = URL(string: apiText), let scheme = apiURL.scheme, ["http", "https"].contains(scheme), apiURL.host != nil else {
            throw InputError("API URL \"\(apiText)\" is not an http(s) URL; expected e.g. https://api.github.com or https://HOST/api/v3")
        }
        return GitHubTarget(repository: repository, apiURL: apiURL)
    }

    /// The token (masked as it is read), or an input error naming where it was looked for.
    public static func token(preferring name: String?, in context: ToolContext) throws -> String {
        if let token = context.readToken(preferring: name) { return token }
        let names = (name.map { [$0] } ?? []) + ["GITHUB_TOKEN", "GH_TOKEN"]
        throw InputError("no API token: set \(names.joined(separator: ", then ")) (in Actions: env: GITHUB_TOKEN: ${{ github.token }}, with permissions: contents: write); tokens are never taken from flags")
    }
}
