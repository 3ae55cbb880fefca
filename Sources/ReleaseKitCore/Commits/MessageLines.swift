/// A commit message cut into lines, as byte ranges over its UTF-8.
///
/// Every commit-parsing step works on these ranges instead of on `String`
/// lines or regular expressions: render-changelog parses 100,000 messages per run,
/// and a hostile 1 MB message must cost one linear pass, not a backtracking search
/// per line. Cuts happen only at ASCII bytes, so every slice is still valid UTF-8
/// and turning one back into a `String` never fails or alters text.
///
/// Line endings are `\n` or `\r\n` (a lone `\r` stays part of the line, as git
/// treats it). Each range excludes its line ending and any trailing ASCII
/// whitespace, so a line is blank exactly when its range is empty.
struct MessageLines {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var ranges: [Range<Int>] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] == ASCII.newline {
                ranges.append(start..<trimmedEnd(start, index))
                start = index + 1
            }
            index += 1
        }
        if start < count {
            ranges.append(start..<trimmedEnd(start, count))
        }
    }

    private func trimmedEnd(_ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start, ASCII.isWhitespace(bytes[end - 1]) { end -= 1 }
        return end
    }

    var count: Int { ranges.count }

    func isBlank(_ line: Int) -> Bool { ranges[line].isEmpty }

    /// The text of a byte range, verbatim.
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Whether the bytes at `offset` spell `literal` (compared byte for byte).
    func matches(_ literal: StaticString, at offset: Int, before end: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard offset >= 0, end - offset >= length else { return false }
        let pattern = literal.utf8Start
        for index in 0..<length where bytes[offset + index] != pattern[index] {
            return false
        }
        return true
    }

    /// Lines `lines` joined with `\n`, after dropping blank lines at both ends;
    /// `nil` when nothing is left. Bodies are rebuilt this way, so CRLF messages
    /// come out with plain `\n` line endings.
    func joined(_ lines: Range<Int>) -> String? {
        var lower = lines.lowerBound
        var upper = lines.upperBound
        while lower < upper, isBlank(lower) { lower += 1 }
        while upper > lower, isBlank(upper - 1) { upper -= 1 }
        guard lower < upper else { return nil }
        var text: [UInt8] = []
        append(lower..<upper, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends lines to `text`, each after a `\n` unless `text` is still empty.
    func append(_ lines: Range<Int>, to text: inout [UInt8]) {
        for line in lines {
            if !text.isEmpty || line > lines.lowerBound { text.append(ASCII.newline) }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[ranges[line]]))
        }
    }
}

/// The few ASCII bytes the commit grammar is written in.
enum ASCII {
    static let newline: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let hyphen: UInt8 = 0x2D
    static let period: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A
    static let bang: UInt8 = 0x21
    static let underscore: UInt8 = 0x5F

    /// Space, tab, `\r`, vertical tab and form feed: what git itself trims.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
