/// How deeply nested a document the tools read may be, checked on the raw text
/// before it reaches a recursive parser.
///
/// Yams, Foundation's JSON decoder, swift-mustache and our own JSON locator all
/// recurse once per level, so a `.releasekit.yml` of `[[[[…]]]]` 5,000 deep, a
/// `package.json` 50,000 deep or a template of 5,000 nested sections overflowed the
/// stack (SIGSEGV) instead of failing. Real files nest a few levels; 256 leaves room
/// for anything legitimate and stays far inside the smallest thread stack the tools
/// run on. The scans are linear, allocate nothing and never recurse.
public enum NestingLimit {
    public static let maximum = 256

    /// Where a document first goes past `maximum`.
    public struct Violation: Sendable, Equatable {
        public let line: Int

        /// The reason part of an error message, after the file's name.
        public var reason: String {
            "nests deeper than \(NestingLimit.maximum) levels (at line \(line)); ReleaseKit reads at most \(NestingLimit.maximum) levels of nesting"
        }
    }

    /// JSON: `[` and `{` outside strings.
    public static func checkJSON<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Violation? {
        var depth = 0
        var line = 1
        var inString = false
        var escaped = false
        for byte in bytes {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximum { return Violation(line: line) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    /// YAML: flow collections (`[`, `{` outside quoted scalars and comments) on top
    /// of block nesting (the stack of indentations, plus each extra `- ` or `? ` that
    /// opens a nested entry on the same line). An over-estimate for odd text inside
    /// block scalars, which is harmless at this limit.
    public static func checkYAML(_ text: String) -> Violation? {
        var flow = 0
        var indents: [Int] = []
        var quote: UInt8?
        var lineNumber = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = Array(line)
            var index = 0
            if quote == nil && flow == 0 {
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
                if index == bytes.count || bytes[index] == UInt8(ascii: "#") || bytes[index] == UInt8(ascii: "\r") { continue }
                while let last = indents.last, last >= index { indents.removeLast() }
                indents.append(index)
                // `- - - x` nests a sequence in a sequence on one line.
                while index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "?"),
                      bytes[index + 1] == UInt8(ascii: " ") {
                    index += 2
                    while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
                    indents.append(index)
                }
                if indents.count > maximum { return Violation(line: lineNumber) }
            }
            var previous: UInt8 = UInt8(ascii: " ")
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if let open = quote {
                    if open == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") {
                        index += 1
                    } else if byte == open {
                        if open == UInt8(ascii: "'"), index < bytes.count, bytes[index] == open { index += 1 } else { quote = nil }
                    }
                    previous = byte
                    continue
                }
                let startsScalar = " \t[{,:".utf8.contains(previous)
                switch byte {
                case UInt8(ascii: "#") where previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t"):
                    index = bytes.count
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if startsScalar { quote = byte }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flow += 1
                    if indents.count + flow > maximum { return Violation(line: lineNumber) }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flow = max(0, flow - 1)
                default: break
                }
                previous = byte
            }
        }
        return nil
    }

    /// Mustache: sections, inverted sections, blocks and parents (`{{#`, `{{^`,
    /// `{{$`, `{{<`) against their `{{/`, following `{{=<% %>=}}` delimiter changes so
    /// a template cannot hide its nesting behind other delimiters.
    public static func checkMustache(_ text: String) -> Violation? {
        let bytes = Array(text.utf8)
        var open = Array("{{".utf8)
        var close = Array("}}".utf8)
        var depth = 0
        var line = 1
        var index = 0
        func matches(_ token: [UInt8], at position: Int) -> Bool {
            position + token.count <= bytes.count && bytes[position..<(position + token.count)].elementsEqual(token)
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            guard matches(open, at: index) else { index += 1; continue }
            let tagStart = index + open.count
            guard tagStart < bytes.count else { break }
            let sigil = bytes[tagStart]
            if sigil == UInt8(ascii: "=") {
                // `{{=<% %>=}}`: the new delimiters, separated by blanks, end with `=` + close.
                var end = tagStart + 1
                while end < bytes.count, !(bytes[end] == UInt8(ascii: "=") && matches(close, at: end + 1)) { end += 1 }
                let parts = bytes[(tagStart + 1)..<min(end, bytes.count)].split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
                index = min(bytes.count, end + 1 + close.count)
                if parts.count == 2 { open = Array(parts[0]); close = Array(parts[1]) }
                continue
            }
            switch sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                depth += 1
                if depth > maximum { return Violation(line: line) }
            case UInt8(ascii: "/"):
                depth = max(0, depth - 1)
            default: break
            }
            index = tagStart
        }
        return nil
    }
}
