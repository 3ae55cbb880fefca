@testable import ReleaseKitCore

/// Builds changelog entries from messages with readable, fixed commit ids.
enum ChangelogSamples {
    static func entry(_ message: String, sha: String? = nil, author: String = "Ada",
                      email: String = "ada@example.com", parents: [String] = ["p"]) -> ChangelogEntry {
        let id = sha ?? String(repeating: String(message.utf8.count % 10), count: 40)
        return ChangelogEntry(commit: HistoryCommit(sha: id, parents: parents, authorName: author,
                                                    authorEmail: email, date: "2026-01-31", message: message))
    }

    static func release(_ entries: [ChangelogEntry], tag: String? = "v1.2.0", previous: String? = "v1.1.0") -> ChangelogRelease {
        ChangelogRelease(tag: tag, version: tag.map { String($0.dropFirst()) }, previousTag: previous,
                         date: tag == nil ? nil : "2026-01-31", isTagged: tag != nil, entries: entries)
    }

    static let links = RepositoryLinks(baseURL: "https://github.com/acme/widget", forge: .github)
}
