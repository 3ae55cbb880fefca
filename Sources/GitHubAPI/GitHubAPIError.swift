import Foundation
import ReleaseKitCore

/// GitHub's error document: `{"message": …, "errors": [{resource, code, field, message}]}`.
public struct GitHubErrorBody: Sendable, Decodable, Equatable {
    public struct FieldError: Sendable, Decodable, Equatable {
        public var resource: String?
        public var code: String?
        public var field: String?
        public var message: String?
    }

    public var message: String
    public var errors: [FieldError]

    enum CodingKeys: String, CodingKey { case message, errors }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
        // `errors` is sometimes a list of strings; keep what decodes.
        errors = (try? c.decodeIfPresent([FieldError].self, forKey: .errors)) ?? []
    }

    public static func decode(_ data: Data) -> GitHubErrorBody? {
        try? JSONDecoder().decode(GitHubErrorBody.self, from: data)
    }

    public func hasCode(_ code: String, resource: String? = nil) -> Bool {
        errors.contains { $0.code == code && (resource == nil || $0.resource == resource) }
    }

    /// All the text GitHub gave, for matching phrases such as "immutable release".
    public var allText: String {
        ([message] + errors.compactMap(\.message)).joined(separator: " ")
    }
}

/// A request GitHub refused or that never got an answer, turned into a message that
/// says what to do. It never holds the token: it is built from the status, GitHub's
/// message and what we were doing.
public struct GitHubAPIError: ReleaseKitError, Equatable {
    public enum Reason: Sendable, Equatable {
        case badCredentials
        case notAccessibleByIntegration
        case forbidden
        case repositoryNotFound
        case notFound
        case alreadyExists(resource: String)
        case immutableRelease
        /// The tag belonged to an immutable release that was deleted: it can never be reused.
        case tagUsedByImmutableRelease
        case validation
        case rateLimited
        case server
        case noResponse
        case unexpected
    }

    public let reason: Reason
    /// The HTTP status, or nil when no response came.
    public let status: Int?
    /// What we were doing, e.g. "create the release for v1.2.0 in octo/app".
    public let operation: String
    /// GitHub's own words (untrusted text; the log escapes it).
    public let detail: String
    public let repository: String
    /// The service that answered, as messages name it (Gitea's client shares this type).
    public var service = "GitHub"

    public var kind: FailureKind { .operationFailed }

    /// The same error, naming `service` as the one that answered.
    public func from(_ service: String) -> GitHubAPIError {
        var copy = self
        copy.service = service
        return copy
    }

    public init(reason: Reason, status: Int?, operation: String, detail: String, repository: String) {
        self.reason = reason
        self.status = status
        self.operation = operation
        self.detail = detail
        self.repository = repository
    }

    /// Classifies a final (non-retried) error response.
    public init(result: HTTPResult, operation: String, repository: String, repositoryLevel: Bool) {
        let body = GitHubErrorBody.decode(result.body)
        // Redact before cutting: a token straddling the cut would not match afterwards.
        let message = body?.message ?? Redaction.beforeTruncating(String(decoding: result.body, as: UTF8.self)).utf8Prefix(300)
        let text = (body?.allText ?? message).lowercased()
        var detail = message
        if let errors = body?.errors, !errors.isEmpty {
            detail += " (" + errors.map { [$0.resource, $0.field, $0.code, $0.message].compactMap { $0 }.joined(separator: " ") }
                .joined(separator: "; ") + ")"
        }
        let reason: Reason
        switch result.status {
        case 401: reason = .badCredentials
        case 403:
            if text.contains("resource not accessible by integration") || text.contains("resource not accessible by personal access token") {
                reason = .notAccessibleByIntegration
            } else if RetryPolicy.retryReason(result) != nil {
                reason = .rateLimited
            } else if text.contains("immutable") {
                reason = .immutableRelease
            } else {
                reason = .forbidden
            }
        case 404: reason = repositoryLevel ? .repositoryNotFound : .notFound
        case 422:
            if text.contains("used by an immutable release") {
                reason = .tagUsedByImmutableRelease
            } else if text.contains("immutable") {
                reason = .immutableRelease
            } else if let existing = body?.errors.first(where: { $0.code == "already_exists" }) {
                reason = .alreadyExists(resource: existing.resource ?? "")
            } else {
                reason = .validation
            }
        case 429: reason = .rateLimited
        case 500...599: reason = .server
        default: reason = .unexpected
        }
        self.init(reason: reason, status: result.status, operation: operation, detail: detail, repository: repository)
    }

    public var description: String {
        let answered = status.map { "\(service) answered \($0) (\(detail))" } ?? "no answer from \(service) (\(detail))"
        let head = "could not \(operation): \(answered)"
        switch reason {
        case .badCredentials:
            return head + ". The token was rejected: it is missing, mistyped, expired or revoked. Check the secret given to the step (a GITHUB_TOKEN is only valid while its job runs), or pass another with --token-env NAME."
        case .notAccessibleByIntegration:
            return head + ". The token may read but not write releases: give the workflow or job `permissions: contents: write` in the workflow file, under the job or at its top level. GITHUB_TOKEN is read-only by default in many repositories (Settings → Actions → General → Workflow permissions) and always for pull requests from forks; a `permissions:` block grants it for its job all the same. Or pass a token with contents write access to \(repository) with --token-env."
        case .forbidden:
            return head + ". The token is not allowed to do this in \(repository): give the workflow or job `permissions: contents: write` (in the workflow file, under the job or at its top level), and no tag protection rule or ruleset may forbid the tag."
        case .repositoryNotFound:
            return head + ". Either the repository name is wrong (check --repository or GITHUB_REPOSITORY: \(repository)) or the token cannot see it (a GITHUB_TOKEN only reaches the repository of its own workflow; a private repository needs a token with access to it)."
        case .notFound:
            return head + ". It may have been deleted meanwhile (another job, or a person): run again to converge."
        case .alreadyExists(let resource):
            return head + ". The \(resource.isEmpty ? "resource" : resource) already exists."
        case .immutableRelease:
            return head + ". The release is immutable: once published, its assets and tag can no longer change. What can still be done: edit its title and notes; publish the files in a new release with a new tag; and for the next release, create it with --draft, upload from every job, and publish it once at the end (immutability starts at publishing)."
        case .tagUsedByImmutableRelease:
            return head + ". The tag belonged to an immutable release that was deleted: GitHub never lets it be used for a release again. Cut a new version."
        case .validation:
            return head + ". Check the values given (tag, target, discussion category, asset name)."
        case .rateLimited:
            return head + ". The API rate limit was still exhausted after the retries (--max-attempts); run again later or lower --concurrency."
        case .server:
            return head + ". GitHub kept failing after the retries (--max-attempts); see https://www.githubstatus.com and run again: the run converges on what is already there."
        case .noResponse:
            return head + ". Check the API URL (--api-url or GITHUB_API_URL) and the network; the run converges when run again."
        case .unexpected:
            return head + "."
        }
    }
}
