/// A commit message that follows Conventional Commits 1.0.0:
///
/// ```
/// type[(scope)][!]: description
///
/// [body]
///
/// [footers]
/// ```
///
/// This is the toolkit's one reading of commit messages: bump-version derives the
/// release level from it and render-changelog groups and prints it, so both tools
/// always agree on what a commit means. Parse with `ParsedCommit(message:)`, which
/// also keeps non-conventional messages, or with `ConventionalCommit(message:)`.
///
/// The header grammar, where the specification leaves room, is:
/// - `type` starts with an ASCII letter, then letters, digits, `-` or `_`
///   (`feat`, `ci`, `build-deps`). Starting with a letter keeps numbered notes
///   (`1: fix typo`) and times (`12:30 deploy`) out. It is case-insensitive:
///   `type` is lowercased, `rawType` keeps the spelling.
/// - `(scope)` directly follows the type and is any text without `)`; surrounding
///   whitespace is trimmed and an empty scope, `feat(): x`, counts as no scope
///   (the author plainly meant a feature, so it is not demoted to "Other"). A
///   scope cannot contain `)`, so nested parentheses such as `feat(a(b)): x`
///   make the message non-conventional.
/// - `!` directly before the colon marks a breaking change.
/// - The colon is followed by a space (`fix:x` is not conventional) and directly
///   follows the type, scope or `!` (`feat : x` is not conventional).
/// - The description is the rest of the line, trimmed, and must not be empty.
/// - The header must start at the first character of the line: leading blank
///   lines are skipped (git does the same), leading spaces are not.
///
/// Beyond the specification: git's `Revert "…"` subjects are read as commits of
/// type `revert` whose description is the quoted subject (see `revert`), so both
/// revert spellings group and bump alike; `header` keeps what was written.
public struct ConventionalCommit: Sendable, Hashable {
    /// The first line as written, without trailing whitespace.
    public let header: String
    /// The type, lowercased: `Feat(API): X` has type `feat`.
    public let type: String
    /// The type as written (`Feat`), or `Revert` for a git revert subject.
    public let rawType: String
    /// The scope as written, trimmed; `nil` when absent or empty.
    public let scope: String?
    /// Whether the header has `!` before the colon.
    public let hasBreakingMarker: Bool
    /// The text after `: `, trimmed.
    public let description: String
    /// The paragraphs between the header and the footers, with `\n` line endings
    /// and trailing whitespace removed from each line; `nil` when there are none.
    ///
    /// The specification wants one blank line after the header; a body that starts
    /// on the very next line is accepted all the same, since rejecting the whole
    /// commit would lose a perfectly clear type.
    public let body: String?
    /// The footers in message order.
    public let footers: [CommitFooter]
    /// What the commit reverts, for commits of type `revert` (either spelling).
    public let revert: RevertedCommit?

    public init(
        header: String? = nil,
        type: String,
        rawType: String? = nil,
        scope: String? = nil,
        hasBreakingMarker: Bool = false,
        description: String,
        body: String? = nil,
        footers: [CommitFooter] = [],
        revert: RevertedCommit? = nil
    ) {
        let rawType = rawType ?? type
        self.type = String(decoding: rawType.utf8.map(ASCII.lowercased), as: UTF8.self)
        self.rawType = rawType
        self.scope = scope
        self.hasBreakingMarker = hasBreakingMarker
        self.description = description
        self.header = header
            ?? rawType + (scope.map { "(\($0))" } ?? "") + (hasBreakingMarker ? "!" : "") + ": " + description
        self.body = body
        self.footers = footers
        self.revert = revert
    }

    /// Parses `message`; `nil` when it does not follow Conventional Commits.
    /// Use `ParsedCommit(message:)` to keep the subject and body of those too.
    public init?(message: String) {
        guard case .conventional(let commit) = ParsedCommit(message: message) else { return nil }
        self = commit
    }

    /// Whether the commit is a breaking change: `!` in the header, or a
    /// `BREAKING CHANGE` / `BREAKING-CHANGE` footer (uppercase, as the
    /// specification requires).
    public var isBreaking: Bool {
        hasBreakingMarker || footers.contains { $0.isBreakingChange }
    }

    /// What render-changelog prints under "Breaking Changes": the breaking footers'
    /// values (several are joined by a blank line), or the description when the
    /// change is marked only by `!` or its footers are empty. `nil` when not breaking.
    public var breakingNote: String? {
        let notes = footers.filter { $0.isBreakingChange && !$0.value.isEmpty }.map(\.value)
        if !notes.isEmpty { return notes.joined(separator: "\n\n") }
        return isBreaking ? description : nil
    }

    /// The footers whose token is `token`, ignoring ASCII case.
    public func footers(withToken token: String) -> [CommitFooter] {
        footers.filter { $0.hasToken(token) }
    }
}

/// The parts of a conventional header, as byte ranges of its line.
struct ConventionalHeader {
    let type: Range<Int>
    let scope: Range<Int>?
    let hasBreakingMarker: Bool
    let description: Range<Int>

    /// Reads `line` as `type[(scope)][!]: description`, or returns `nil`.
    /// One forward scan, no backtracking.
    init?(line range: Range<Int>, in lines: MessageLines) {
        let bytes = lines.bytes
        let end = range.upperBound
        var index = range.lowerBound
        guard index < end, ASCII.isLetter(bytes[index]) else { return nil }
        index += 1
        while index < end {
            let byte = bytes[index]
            guard ASCII.isLetter(byte) || ASCII.isDigit(byte) || byte == ASCII.hyphen || byte == ASCII.underscore
            else { break }
            index += 1
        }
        type = range.lowerBound..<index

        var scope: Range<Int>?
        if index < end, bytes[index] == ASCII.openParen {
            var close = index + 1
            while close < end, bytes[close] != ASCII.closeParen { close += 1 }
            guard close < end else { return nil }
            var lower = index + 1
            var upper = close
            while lower < upper, ASCII.isWhitespace(bytes[lower]) { lower += 1 }
            while upper > lower, ASCII.isWhitespace(bytes[upper - 1]) { upper -= 1 }
            scope = lower < upper ? lower..<upper : nil
            index = close + 1
        }
        self.scope = scope

        hasBreakingMarker = index < end && bytes[index] == ASCII.bang
        if hasBreakingMarker { index += 1 }

        guard index + 1 < end, bytes[index] == ASCII.colon, bytes[index + 1] == ASCII.space else { return nil }
        index += 2
        while index < end, ASCII.isWhitespace(bytes[index]) { index += 1 }
        // The line's range excludes trailing whitespace, so anything left is text.
        guard index < end else { return nil }
        description = index..<end
    }
}
