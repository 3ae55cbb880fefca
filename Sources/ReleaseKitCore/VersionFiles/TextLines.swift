/// A file's bytes cut into lines without copying: each line's range excludes its
/// `\n` and a `\r` before it, so CRLF files are read like LF files and written back
/// with their endings untouched.
struct TextLines {
    let bytes: [UInt8]
    /// Content ranges, one per line.
    let ranges: [Range<Int>]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var ranges: [Range<Int>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            ranges.append(start..<(index > start && bytes[index - 1] == UInt8(ascii: "\r") ? index - 1 : index))
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        self.ranges = ranges
    }

    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// The first non-blank byte at or after `index`, up to `end`.
    func skipBlanks(_ index: Int, _ end: Int) -> Int {
        var index = index
        while index < end, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        return index
    }

    /// `range` without trailing blanks.
    func trimmingTrailingBlanks(_ range: Range<Int>) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return range.lowerBound..<end
    }

    func starts(_ index: Int, with text: String, end: Int) -> Bool {
        let utf8 = Array(text.utf8)
        return index + utf8.count <= end && bytes[index..<(index + utf8.count)].elementsEqual(utf8)
    }

    func location(_ range: Range<Int>, field: String, line: Int) -> VersionLocation {
        VersionLocation(range: range, value: string(range), field: field, line: line + 1)
    }

    /// The closing quote of a quoted value starting at `open` on a line ending at
    /// `end`; basic (`"`) strings skip backslash escapes, literal (`'`) ones do not,
    /// and YAML's `''` inside single quotes is an escaped quote.
    func closingQuote(from open: Int, end: Int, doubledQuoteEscapes: Bool = false) -> Int? {
        let quote = bytes[open]
        var index = open + 1
        while index < end {
            let byte = bytes[index]
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") { index += 2; continue }
            if byte == quote {
                if doubledQuoteEscapes, index + 1 < end, bytes[index + 1] == quote { index += 2; continue }
                return index
            }
            index += 1
        }
        return nil
    }
}

enum ASCIIByte {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
}
