/// A commit message read by the toolkit's one commit parser: either a
/// Conventional Commit or, for anything else, its subject and body, which
/// render-changelog lists under "Other" (or drops, as configured).
///
/// Parsing never fails and never traps: any `String` is accepted (invalid UTF-8
/// from git has already been decoded lossily), empty and whitespace-only messages
/// give `.other(subject: "", body: nil)`, and the cost is linear in the message's
/// length, so a 1 MB message is as safe as a one-liner.
///
/// Line endings may be `\n` or `\r\n`; the texts returned use `\n`.
public enum ParsedCommit: Sendable, Hashable {
    case conventional(ConventionalCommit)
    /// A message that does not follow Conventional Commits. `subject` is the first
    /// non-blank line, trimmed; `body` is everything after it (trailers included),
    /// with blank lines at either end dropped, or `nil` when there is nothing.
    case other(subject: String, body: String?)

    /// Parses a full commit message (what `git log --format=%B` prints).
    public init(message: String) {
        var message = message
        self = message.withUTF8 { Self.parse(MessageLines($0)) }
    }

    /// The conventional reading, or `nil` for other messages.
    public var conventional: ConventionalCommit? {
        if case .conventional(let commit) = self { return commit }
        return nil
    }

    /// The first line: a conventional commit's header, or an other message's subject.
    public var subject: String {
        switch self {
        case .conventional(let commit): commit.header
        case .other(let subject, _): subject
        }
    }

    /// A conventional commit's body (footers excluded), or an other message's body.
    public var body: String? {
        switch self {
        case .conventional(let commit): commit.body
        case .other(_, let body): body
        }
    }

    /// Whether this is a release commit made by bump-version or seed 001's
    /// scripts, `release: 1.2.0` or `release(core): 1.2.0`, which the changelog
    /// leaves out and guard-loop skips. See `ParsedCommit.isReleaseSubject(_:)`.
    public var isReleaseCommit: Bool { Self.isReleaseSubject(subject) }

    /// Whether `subject` matches `^release(\([^)]+\))?: `, exactly as release
    /// commits are written: lowercase `release`, an optional non-empty scope, then
    /// colon and space. Deliberately stricter than the conventional header (no
    /// `!`, no case folding) so that only the tool's own commits match.
    public static func isReleaseSubject(_ subject: String) -> Bool {
        var utf8 = subject.utf8[...]
        for byte in "release".utf8 {
            guard utf8.first == byte else { return false }
            utf8 = utf8.dropFirst()
        }
        if utf8.first == ASCII.openParen {
            utf8 = utf8.dropFirst()
            guard let close = utf8.firstIndex(of: ASCII.closeParen), close != utf8.startIndex,
                  !utf8[..<close].contains(ASCII.newline)
            else { return false }
            utf8 = utf8[utf8.index(after: close)...]
        }
        return utf8.starts(with: [ASCII.colon, ASCII.space])
    }

    static func parse(_ lines: MessageLines) -> ParsedCommit {
        var headerLine = 0
        while headerLine < lines.count, lines.isBlank(headerLine) { headerLine += 1 }
        guard headerLine < lines.count else { return .other(subject: "", body: nil) }
        let header = lines.ranges[headerLine]
        let rest = (headerLine + 1)..<lines.count

        if let quoted = RevertedCommit.gitRevertSubject(header, in: lines) {
            let section = FooterSection(lines, body: rest)
            let subject = lines.string(quoted)
            return .conventional(ConventionalCommit(
                header: lines.string(header),
                type: "revert",
                rawType: "Revert",
                description: subject,
                body: lines.joined(rest.lowerBound..<section.firstLine),
                footers: section.footers,
                revert: RevertedCommit(
                    subject: subject,
                    shas: RevertedCommit.shas(body: rest, footers: section.footers, in: lines)
                )
            ))
        }

        guard let parts = ConventionalHeader(line: header, in: lines) else {
            var start = header.lowerBound
            while start < header.upperBound, ASCII.isWhitespace(lines.bytes[start]) { start += 1 }
            return .other(subject: lines.string(start..<header.upperBound), body: lines.joined(rest))
        }

        let section = FooterSection(lines, body: rest)
        let type = lines.string(parts.type)
        let description = lines.string(parts.description)
        let isRevert = parts.type.count == 6
            && lines.bytes[parts.type].lazy.map(ASCII.lowercased).elementsEqual("revert".utf8)
        return .conventional(ConventionalCommit(
            header: lines.string(header),
            type: type,
            scope: parts.scope.map(lines.string),
            hasBreakingMarker: parts.hasBreakingMarker,
            description: description,
            body: lines.joined(rest.lowerBound..<section.firstLine),
            footers: section.footers,
            revert: isRevert
                ? RevertedCommit(
                    subject: description,
                    shas: RevertedCommit.shas(body: rest, footers: section.footers, in: lines))
                : nil
        ))
    }
}
