/// What a revert commit undoes.
///
/// Reverts arrive in two spellings and both must land in the changelog's Reverts
/// section and bump the patch level:
/// - git's own, from `git revert`: subject `Revert "feat: add x"`, body
///   `This reverts commit <sha>.`;
/// - the Conventional Commits FAQ's: `revert: feat: add x` with the reverted
///   commits listed in a `Refs:` footer (`Refs: 676104e, a215868`).
public struct RevertedCommit: Sendable, Hashable {
    /// The reverted commit's subject: the quoted text of git's subject, or the
    /// description of a `revert:` commit.
    public let subject: String
    /// The reverted commits' object names (full or abbreviated), in message order:
    /// every `This reverts commit <sha>` line first, then the hexadecimal names
    /// of at least 7 digits listed in `Refs` footers. Empty when the message names none.
    public let shas: [String]

    public init(subject: String, shas: [String] = []) {
        self.subject = subject
        self.shas = shas
    }

    /// The first reverted commit, which for `git revert` is the only one.
    public var sha: String? { shas.first }
}

extension RevertedCommit {
    /// The quoted subject in git's `Revert "…"` header, or `nil` when the header is
    /// not one. Only the outer quotes are removed, so reverting a revert gives
    /// `Revert "feat: x"` as the subject.
    static func gitRevertSubject(_ header: Range<Int>, in lines: MessageLines) -> Range<Int>? {
        let prefixLength = 8 // `Revert "`
        guard header.count > prefixLength + 1,
              lines.matches("Revert \"", at: header.lowerBound, before: header.upperBound),
              lines.bytes[header.upperBound - 1] == ASCII.quote
        else { return nil }
        return (header.lowerBound + prefixLength)..<(header.upperBound - 1)
    }

    /// The reverted commits named in the lines after the header and in the footers.
    static func shas(body: Range<Int>, footers: [CommitFooter], in lines: MessageLines) -> [String] {
        var shas: [String] = []
        let marker: StaticString = "This reverts commit "
        for line in body {
            let range = lines.ranges[line]
            guard lines.matches(marker, at: range.lowerBound, before: range.upperBound) else { continue }
            let start = range.lowerBound + marker.utf8CodeUnitCount
            var end = start
            while end < range.upperBound, ASCII.isHexDigit(lines.bytes[end]) { end += 1 }
            // git abbreviates to at least 4 digits; the name must end the word.
            if end - start >= 4, end == range.upperBound || !ASCII.isLetter(lines.bytes[end]) {
                shas.append(lines.string(start..<end))
            }
        }
        for footer in footers where footer.separator == .colon && footer.hasToken("Refs") {
            for item in footer.value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }) {
                if (7...64).contains(item.utf8.count), item.utf8.allSatisfy(ASCII.isHexDigit) {
                    shas.append(String(item))
                }
            }
        }
        return shas
    }
}
