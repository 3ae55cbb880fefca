import Foundation
import GitHubAPI
import ReleaseKitCore

/// A request GitLab refused or that never got an answer, with what to do about it.
/// Built from the status, GitLab's own words and what we were doing; never the token.
public struct GitLabAPIError: ReleaseKitError, Equatable {
    public enum Reason: Sendable, Equatable {
        case badCredentials
        case forbidden
        case projectNotFound
        case notFound
        /// 409 on a release for a tag that has one, 400 "has already been taken" on a link.
        case alreadyExists
        /// The registry refuses a second file of the same name ("Allow duplicates" off).
        case duplicatePackage
        case validation
        case rateLimited
        case server
        case noResponse
        case unexpected
    }

    public let reason: Reason
    public let status: Int?
    public let operation: String
    /// GitLab's words (untrusted text; the log escapes it).
    public let detail: String
    public let project: String

    public var kind: FailureKind { .operationFailed }

    public init(reason: Reason, status: Int?, operation: String, detail: String, project: String) {
        self.reason = reason
        self.status = status
        self.operation = operation
        self.detail = detail
        self.project = project
    }

    /// Classifies a final (non-retried) error response.
    public init(result: HTTPResult, operation: String, project: String, projectLevel: Bool) {
        let detail = GitLabErrorBody.text(result.body)
        let text = detail.lowercased()
        let reason: Reason
        switch result.status {
        case 401: reason = .badCredentials
        case 403: reason = text.contains("duplicate") ? .duplicatePackage : .forbidden
        case 404: reason = projectLevel || text.contains("project not found") ? .projectNotFound : .notFound
        case 409: reason = .alreadyExists
        case 400, 422: reason = text.contains("already been taken") || text.contains("already exists") ? .alreadyExists : .validation
        case 429: reason = .rateLimited
        case 500...599: reason = .server
        default: reason = .unexpected
        }
        self.init(reason: reason, status: result.status, operation: operation, detail: detail, project: project)
    }

    public var description: String {
        let answered = status.map { "GitLab answered \($0) (\(detail))" } ?? "no answer from GitLab (\(detail))"
        let head = "could not \(operation): \(answered)"
        switch reason {
        case .badCredentials:
            return head + ". The token was rejected: it is missing, mistyped, expired or revoked. GITLAB_TOKEN (sent as PRIVATE-TOKEN) needs the api scope; CI_JOB_TOKEN (sent as JOB-TOKEN) is valid only while its job runs."
        case .forbidden:
            return head + ". The token may not do this in \(project): releases need at least the Developer role (and the tag must not be protected against it); a job token also needs the project's CI/CD job token permissions to allow releases and packages."
        case .projectNotFound:
            return head + ". Either the project is wrong (check --repository or CI_PROJECT_PATH/CI_PROJECT_ID: \(project)) or the token cannot see it."
        case .notFound:
            return head + ". It may have been deleted meanwhile (another job, or a person): run again to converge."
        case .alreadyExists:
            return head + ". It already exists."
        case .duplicatePackage:
            return head + ". The project's package registry refuses duplicate files (Settings → Packages and registries → Allow duplicates)."
        case .validation:
            return head + ". Check the values given (tag, ref, asset name, version)."
        case .rateLimited:
            return head + ". GitLab's rate limit was still exhausted after the retries (--max-attempts); run again later or lower --concurrency."
        case .server:
            return head + ". GitLab kept failing after the retries (--max-attempts); run again: the run converges on what is already there."
        case .noResponse:
            return head + ". Check the API URL (--api-url or CI_API_V4_URL) and the network; the run converges when run again."
        case .unexpected:
            return head + "."
        }
    }
}

/// GitLab's error documents, as one line: `{"message": "404 Not Found"}`,
/// `{"message": {"tag_name": ["is missing"]}}`, `{"message": ["Name has already been
/// taken"]}` or `{"error": "…"}`; anything else as its first bytes, redacted.
enum GitLabErrorBody {
    static func text(_ data: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return Redaction.beforeTruncating(String(decoding: data, as: UTF8.self)).utf8Prefix(300)
        }
        let parts = [object["message"], object["error"]].compactMap { $0 }.map(flatten)
        return parts.joined(separator: "; ").utf8Prefix(600)
    }

    private static func flatten(_ value: Any) -> String {
        switch value {
        case let text as String: return text
        case let list as [Any]: return list.map(flatten).joined(separator: ", ")
        case let map as [String: Any]: return map.keys.sorted().map { "\($0) \(flatten(map[$0]!))" }.joined(separator: "; ")
        default: return "\(value)"
        }
    }
}
