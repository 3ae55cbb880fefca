import Foundation
import ReleaseKitCore

/// The `:id` of GitLab's project endpoints: a numeric id (`CI_PROJECT_ID`) or the
/// project's full path (`CI_PROJECT_PATH`, `group/subgroup/project`), which GitLab
/// wants URL-encoded as one path segment (`group%2Fsubgroup%2Fproject`).
public struct GitLabProject: Sendable, Equatable, CustomStringConvertible {
    /// As given: `1234` or `group/project`.
    public let reference: String

    /// Refuses what cannot name a project: empty, blanks, empty path parts.
    public init(_ reference: String) throws {
        let trimmed = reference.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard !trimmed.isEmpty, !trimmed.contains(where: \.isWhitespace),
              !trimmed.split(separator: "/", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
            throw InputError("GitLab project \"\(reference)\": expected a numeric project id or a path such as group/project")
        }
        self.reference = trimmed
    }

    /// The `:id` path segment, percent-encoded (every `/` becomes `%2F`).
    public var pathSegment: String { GitLabPath.segment(reference) }

    /// The last part of the path (the project's own name); nil for a numeric id.
    public var name: String? {
        reference.allSatisfy(\.isNumber) ? nil : reference.split(separator: "/").last.map(String.init)
    }

    public var description: String { reference }
}

/// Percent-encoding of one path segment: everything but RFC 3986's unreserved
/// characters, so `/` in a project path or a tag becomes `%2F`, and `.` stays (GitLab
/// routes `v1.2.3` and `tool-1.2.3.tar.gz` as they are).
enum GitLabPath {
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
