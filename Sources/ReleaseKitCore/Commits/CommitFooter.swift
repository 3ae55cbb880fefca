/// One footer (git trailer) of a commit message: `Token: value` or `Token #value`.
///
/// Footers carry the machine-readable part of a message — `BREAKING CHANGE`,
/// `Refs #123`, `Release-As: 2.0.0`, `Signed-off-by`, `Co-authored-by` — so
/// bump-version and render-changelog read them as values instead of grepping bodies.
///
/// Grammar, following Conventional Commits 1.0.0 and git's trailer format:
/// - The token is an ASCII letter followed by letters, digits and `-` (words are
///   joined with `-`, as in `Co-authored-by`), or exactly `BREAKING CHANGE`, the
///   one token the specification allows to contain a space.
/// - The separator is `: ` (colon and space) or ` #` (space and hash). `Token:value`
///   without the space is not a footer, so URLs and `key:value` prose stay text.
/// - The value is not empty. Only the breaking tokens may end their line at the
///   colon (`BREAKING CHANGE:` with the note on the lines below), a layout older
///   Angular-style tooling accepted; for other tokens a bare `Steps:` line is far
///   more often prose than a footer.
/// - A value continues over the following lines until the next line that starts a
///   footer, so a multi-line `BREAKING CHANGE` note stays one footer.
public struct CommitFooter: Sendable, Hashable {
    /// How the token and the value are separated.
    public enum Separator: String, Sendable, Hashable, CaseIterable {
        /// `Token: value`
        case colon = ": "
        /// `Token #value`, used for issue references such as `Refs #123`.
        case hash = " #"
    }

    /// The token as written (`Signed-off-by`, `BREAKING CHANGE`).
    public let token: String
    public let separator: Separator
    /// The value with its lines joined by `\n`: trailing whitespace of each line is
    /// removed, continuation lines keep their indentation (a note may hold a code
    /// sample), blank lines at either end are dropped. For `.hash` the `#` is not
    /// part of the value: `Refs #123` has value `123`.
    public let value: String

    public init(token: String, separator: Separator = .colon, value: String) {
        self.token = token
        self.separator = separator
        self.value = value
    }

    /// Whether this footer announces a breaking change. The token must be exactly
    /// `BREAKING CHANGE` or `BREAKING-CHANGE`: the specification requires uppercase
    /// here, and `Breaking change: …` in prose must not trigger a major release.
    public var isBreakingChange: Bool {
        token == "BREAKING CHANGE" || token == "BREAKING-CHANGE"
    }

    /// Whether the token is `name`, ignoring ASCII case (tokens other than the
    /// breaking ones are case-insensitive: `Release-As` and `release-as` are the same).
    public func hasToken(_ name: String) -> Bool {
        token.utf8.count == name.utf8.count
            && zip(token.utf8, name.utf8).allSatisfy { ASCII.lowercased($0) == ASCII.lowercased($1) }
    }

    /// The footer as it would be written on one line of a message (`Refs #123`).
    public var text: String { token + separator.rawValue + value }
}

/// Where a footer starts on a line: the token and where its value begins.
struct FooterStart {
    let token: Range<Int>
    let separator: CommitFooter.Separator
    let valueStart: Int
    let isBreakingChange: Bool

    /// Recognises the start of a footer on `line`, or `nil` when the line is not
    /// one. Reads each byte of the token at most once, so it stays linear on
    /// arbitrarily long lines.
    init?(line: Int, in lines: MessageLines) {
        let range = lines.ranges[line]
        let bytes = lines.bytes
        let start = range.lowerBound
        let end = range.upperBound
        guard start < end, ASCII.isLetter(bytes[start]) else { return nil }

        var tokenEnd: Int
        let breaking: Bool
        if lines.matches("BREAKING CHANGE", at: start, before: end),
           start + 15 < end, bytes[start + 15] == ASCII.colon || bytes[start + 15] == ASCII.space {
            tokenEnd = start + 15
            breaking = true
        } else {
            tokenEnd = start + 1
            while tokenEnd < end,
                  ASCII.isLetter(bytes[tokenEnd]) || ASCII.isDigit(bytes[tokenEnd]) || bytes[tokenEnd] == ASCII.hyphen {
                tokenEnd += 1
            }
            breaking = lines.matches("BREAKING-CHANGE", at: start, before: end) && tokenEnd - start == 15
        }

        guard tokenEnd < end else { return nil }
        let next = tokenEnd + 1
        if bytes[tokenEnd] == ASCII.colon {
            if next == end {
                // `BREAKING CHANGE:` alone on its line; the note follows below.
                guard breaking else { return nil }
                separator = .colon
                valueStart = end
            } else {
                guard bytes[next] == ASCII.space else { return nil }
                var value = next
                while value < end, ASCII.isWhitespace(bytes[value]) { value += 1 }
                guard value < end || breaking else { return nil }
                separator = .colon
                valueStart = value
            }
        } else if bytes[tokenEnd] == ASCII.space {
            guard next < end, bytes[next] == ASCII.hash,
                  next + 1 < end, !ASCII.isWhitespace(bytes[next + 1]) else { return nil }
            separator = .hash
            valueStart = next + 1
        } else {
            return nil
        }
        token = start..<tokenEnd
        isBreakingChange = breaking
    }
}
