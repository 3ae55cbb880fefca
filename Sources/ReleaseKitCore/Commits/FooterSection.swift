/// Finds where a message's footers begin and reads them.
///
/// Conventional Commits puts footers "one blank line after the body", and git puts
/// trailers in the last paragraph, so the footers are a run of paragraphs at the
/// end of the message. The rule used here:
///
/// - The footer section is the longest run of trailing paragraphs whose first
///   paragraph starts with a footer line (see `CommitFooter` for the grammar).
/// - Every later paragraph must also start with a footer line, with one exception:
///   a paragraph that follows a `BREAKING CHANGE` footer continues that footer's
///   note, so a note may have several paragraphs (a migration guide after the
///   summary).
/// - Inside the section, lines that do not start a footer continue the value of
///   the footer above them.
///
/// So `Note: this matters.` followed by a plain paragraph is body text, not a
/// footer: a footer-looking line is only a footer when nothing but footers follows.
///
/// Linear: every body line is tested once for a footer start, paragraphs are
/// walked once forwards and once backwards.
struct FooterSection {
    /// The first line of the footer section; the body ends before it.
    /// Equals `lines.upperBound` of the input when there are no footers.
    let firstLine: Int
    let footers: [CommitFooter]

    init(_ lines: MessageLines, body: Range<Int>) {
        // A footer start for each line of the body, and the first line of each paragraph.
        var starts: [FooterStart?] = []
        starts.reserveCapacity(body.count)
        var paragraphs: [Int] = []
        // Whether the last footer line before each paragraph is a breaking one.
        var continuesBreaking: [Bool] = []
        var lastStartIsBreaking = false
        for line in body {
            if lines.isBlank(line) {
                starts.append(nil)
                continue
            }
            if line == body.lowerBound || lines.isBlank(line - 1) {
                paragraphs.append(line)
                continuesBreaking.append(lastStartIsBreaking)
            }
            let start = FooterStart(line: line, in: lines)
            if let start { lastStartIsBreaking = start.isBreakingChange }
            starts.append(start)
        }

        var first: Int?
        for paragraph in paragraphs.indices.reversed() {
            if starts[paragraphs[paragraph] - body.lowerBound] != nil {
                first = paragraph
            } else if !continuesBreaking[paragraph] {
                break
            }
        }
        guard let first else {
            firstLine = body.upperBound
            footers = []
            return
        }

        firstLine = paragraphs[first]
        var footers: [CommitFooter] = []
        var current: (start: FooterStart, line: Int)?
        for line in firstLine..<body.upperBound {
            guard let start = starts[line - body.lowerBound] else { continue }
            if let current {
                footers.append(Self.footer(current.start, lines: current.line..<line, in: lines))
            }
            current = (start, line)
        }
        if let current {
            footers.append(Self.footer(current.start, lines: current.line..<body.upperBound, in: lines))
        }
        self.footers = footers
    }

    /// Builds one footer from its first line and its continuation lines, dropping
    /// blank lines at either end of the value.
    private static func footer(_ start: FooterStart, lines range: Range<Int>, in lines: MessageLines) -> CommitFooter {
        let firstLineEnd = lines.ranges[range.lowerBound].upperBound
        var value = [UInt8](UnsafeBufferPointer(rebasing: lines.bytes[start.valueStart..<firstLineEnd]))
        var lower = range.lowerBound + 1
        var upper = range.upperBound
        while upper > lower, lines.isBlank(upper - 1) { upper -= 1 }
        if value.isEmpty {
            while lower < upper, lines.isBlank(lower) { lower += 1 }
        }
        lines.append(lower..<upper, to: &value)
        return CommitFooter(
            token: lines.string(start.token),
            separator: start.separator,
            value: String(decoding: value, as: UTF8.self)
        )
    }
}
