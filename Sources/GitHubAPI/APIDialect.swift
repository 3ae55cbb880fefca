/// What differs between the REST APIs that share `GitHubClient`'s retry loop: the
/// headers that name the API, how the token is sent, the first page's query. Gitea's
/// (and Forgejo's) API follows GitHub's shape closely enough that the loop, the
/// pagination by `Link` and the error mapping are the same.
struct APIDialect: Sendable {
    /// How error messages name the service.
    var service: String
    var headers: [String: String]
    /// `Authorization: <scheme> <token>`.
    var authorizationScheme: String
    var firstPageQuery: String

    static let github = APIDialect(service: "GitHub", headers: ["Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"],
                                   authorizationScheme: "Bearer", firstPageQuery: "per_page=100")
    /// Gitea caps a page at its `MAX_RESPONSE_ITEMS` (50 by default) and answers
    /// with `Link` headers like GitHub's.
    static func gitea(_ service: String) -> APIDialect {
        APIDialect(service: service, headers: ["Accept": "application/json"], authorizationScheme: "token", firstPageQuery: "limit=50")
    }
}
