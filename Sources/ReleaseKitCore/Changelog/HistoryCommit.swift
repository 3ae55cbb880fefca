/// One commit as read from `git log`: what the changelog needs to place it in a
/// release and print it. The message is kept whole and parsed by `ParsedCommit`,
/// the toolkit's one reading of commit messages.
public struct HistoryCommit: Sendable, Hashable {
    /// The full object name.
    public let sha: String
    /// Parent object names; two or more make a merge commit.
    public let parents: [String]
    public let authorName: String
    public let authorEmail: String
    /// The author date, `YYYY-MM-DD`.
    public let date: String
    /// The raw message (invalid UTF-8 already replaced by U+FFFD).
    public let message: String

    public init(sha: String, parents: [String] = [], authorName: String = "", authorEmail: String = "",
                date: String = "", message: String) {
        self.sha = sha
        self.parents = parents
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.date = date
        self.message = message
    }

    public var isMerge: Bool { parents.count > 1 }

    /// The first seven digits, as git abbreviates by default in small repositories
    /// and as changelog links show them.
    public var shortSHA: String { String(sha.prefix(7)) }
}

/// A tag with the commit it marks, as `git for-each-ref` lists it.
public struct TagReference: Sendable, Hashable {
    public let name: String
    /// The commit the tag points at, annotated tags peeled.
    public let commit: String
    /// The tag's creation date, `YYYY-MM-DD` (the tagger date of an annotated tag,
    /// the commit date of a lightweight one).
    public let date: String

    public init(name: String, commit: String, date: String = "") {
        self.name = name
        self.commit = commit
        self.date = date
    }
}
