/// Compact JSON text written straight into UTF-8 bytes, value by value: no tree of
/// values is built and nothing goes through Foundation, so a changelog of 100,000
/// commits costs one pass and one buffer. The toolkit's one JSON escaping rule
/// (`JSONValue.serialized` writes through it too).
///
/// Members are written in the order given; `JSONValue` sorts its keys, and
/// `ChangelogContext` lists them sorted, so both print sorted keys.
public struct JSONWriter: DocumentSink {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value or key follows another in the same container.
    private var needsComma = false
    /// Where each `reusing` key's value was written, to copy it the next time.
    private var written: [String: Range<Int>] = [:]

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Ends the text with a newline, as a JSON file or line of output ends: written
    /// here rather than appended to `text`, which would copy the whole document again.
    public mutating func endLine() { bytes.append(UInt8(ascii: "\n")) }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func key(_ name: StaticString) {
        separate()
        name.withUTF8Buffer { escape($0) }
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A member name that is not known in advance (`JSONValue`'s keys).
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { escape($0) }
        needsComma = true
    }

    public mutating func integer(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    /// Integral values print as integers (`3`, not `3.0`); others as Swift prints a `Double`.
    public mutating func number(_ value: Double) {
        if value.rounded() == value, abs(value) < 1e15 {
            integer(Int(value))
        } else {
            separate()
            bytes.append(contentsOf: "\(value)".utf8)
            needsComma = true
        }
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
        needsComma = true
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    public mutating func reusing(_ key: String, _ write: (inout JSONWriter) -> Void) {
        if let range = written[key] {
            separate()
            // Copied out first: appending a slice of `bytes` to itself would copy the whole buffer.
            let value = Array(bytes[range])
            bytes.append(contentsOf: value)
            needsComma = true
            return
        }
        separate()
        needsComma = false
        let start = bytes.count
        write(&self)
        written[key] = start..<bytes.count
        needsComma = true
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma {
            bytes.append(UInt8(ascii: ","))
            needsComma = false
        }
    }

    /// A quoted string, escaped per RFC 8259: quotes, backslashes and control
    /// characters (U+0000–U+001F, U+007F); also `<`, `>` and `&`, so the text is
    /// safe to paste into HTML or Markdown; U+2028 and U+2029, which end a line in
    /// JavaScript; and U+FEFF, which some JSON readers (Foundation's on Linux) drop
    /// when it is raw. `\n`, `\r`, `\t`, `\"` and `\\` are short escapes, the others
    /// `\u` and four lowercase hex digits. `text` is valid UTF-8 (a Swift string's).
    private mutating func escape(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        let count = text.count
        var plainStart = 0
        var index = 0
        while index < count {
            let byte = text[index]
            // Letters, digits and most punctuation: the common case, one comparison pair.
            if byte > 0x3E && byte < 0x7F && byte != 0x5C { index += 1; continue }
            var scalar: UInt32? = nil
            var length = 1
            switch byte {
            case 0x22, 0x5C, 0x0A, 0x0D, 0x09, 0x3C, 0x3E, 0x26, 0x7F, 0x00..<0x20:
                scalar = UInt32(byte)
            case 0xE2 where index + 2 < count && text[index + 1] == 0x80 && (text[index + 2] == 0xA8 || text[index + 2] == 0xA9):
                scalar = text[index + 2] == 0xA8 ? 0x2028 : 0x2029
                length = 3
            case 0xEF where index + 2 < count && text[index + 1] == 0xBB && text[index + 2] == 0xBF:
                scalar = 0xFEFF
                length = 3
            default:
                break
            }
            guard let scalar else { index += 1; continue }
            if plainStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[plainStart..<index])) }
            switch scalar {
            case 0x22: bytes.append(contentsOf: #"\""#.utf8)
            case 0x5C: bytes.append(contentsOf: #"\\"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            default:
                bytes.append(contentsOf: #"\u"#.utf8)
                for shift in stride(from: 12, through: 0, by: -4) {
                    bytes.append(Self.hexDigits[Int((scalar >> UInt32(shift)) & 0xF)])
                }
            }
            index += length
            plainStart = index
        }
        if plainStart < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[plainStart..<count])) }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
