import Foundation

/// How a request proves who sends it. GitLab takes a personal, project or group access
/// token in `PRIVATE-TOKEN` and a CI job's token in `JOB-TOKEN`; which one applies is
/// the caller's choice (forge selection reads `GITLAB_TOKEN`, else `CI_JOB_TOKEN`).
public struct GitLabCredential: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case privateToken = "PRIVATE-TOKEN"
        case jobToken = "JOB-TOKEN"
    }

    public let kind: Kind
    public let token: String

    public init(_ kind: Kind, token: String) {
        self.kind = kind
        self.token = token
    }

    /// The header's name; the transport never carries it to another origin
    /// (`RedirectRule.credentialHeaders`).
    public var headerName: String { kind.rawValue }
}
