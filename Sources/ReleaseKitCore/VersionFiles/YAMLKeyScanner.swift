import Yams

/// Finds a scalar at a key path in a YAML file's block mappings by indentation,
/// with the bytes of the scalar on its line. Yams then reads the same document
/// to confirm the value found is the value a YAML parser sees there, so an
/// unusual layout is refused rather than edited in the wrong place.
struct YAMLKeyScanner {
    struct Entry {
        /// Keys from the root; sequence items appear as `"[]"`, which no path matches.
        let key: [String]
        /// Inside the quotes of a quoted scalar, else the plain scalar without a comment.
        let range: Range<Int>
        let quote: UInt8?
        let line: Int
    }

    static func entries(_ bytes: [UInt8]) -> [Entry] {
        let lines = TextLines(bytes)
        var entries: [Entry] = []
        var stack: [(indent: Int, key: String)] = []
        var blockScalarIndent: Int?
        for (lineIndex, range) in lines.ranges.enumerated() {
            let start = lines.skipBlanks(range.lowerBound, range.upperBound)
            let indent = start - range.lowerBound
            if let scalarIndent = blockScalarIndent {
                if start == range.upperBound || indent > scalarIndent { continue }
                blockScalarIndent = nil
            }
            guard start < range.upperBound, bytes[start] != UInt8(ascii: "#") else { continue }
            if indent == 0, lines.starts(start, with: "---", end: range.upperBound) || lines.starts(start, with: "...", end: range.upperBound) {
                stack.removeAll()
                continue
            }
            var cursor = start
            var column = indent
            // `- key: value` opens a sequence item whose mapping starts after the dash.
            while cursor < range.upperBound, bytes[cursor] == UInt8(ascii: "-"),
                  cursor + 1 == range.upperBound || bytes[cursor + 1] == UInt8(ascii: " ") {
                stack.removeAll { $0.indent >= column }
                stack.append((column, "[]"))
                let next = lines.skipBlanks(cursor + 1, range.upperBound)
                column += next - cursor
                cursor = next
            }
            guard cursor < range.upperBound, let (key, afterColon) = keyAndColon(lines, cursor, range.upperBound) else { continue }
            stack.removeAll { $0.indent >= column }
            let path = stack.map(\.key) + [key]
            var value = lines.skipBlanks(afterColon, range.upperBound)
            if value == range.upperBound || bytes[value] == UInt8(ascii: "#") {
                stack.append((column, key))
                continue
            }
            // Anchors and tags before a scalar are left as they are.
            while value < range.upperBound, bytes[value] == UInt8(ascii: "&") || bytes[value] == UInt8(ascii: "!") {
                while value < range.upperBound, bytes[value] != UInt8(ascii: " ") { value += 1 }
                value = lines.skipBlanks(value, range.upperBound)
            }
            guard value < range.upperBound else { stack.append((column, key)); continue }
            let first = bytes[value]
            if first == UInt8(ascii: "|") || first == UInt8(ascii: ">") {
                blockScalarIndent = column
                continue
            }
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                guard let close = lines.closingQuote(from: value, end: range.upperBound, doubledQuoteEscapes: first == UInt8(ascii: "'")) else { continue }
                entries.append(Entry(key: path, range: (value + 1)..<close, quote: first, line: lineIndex + 1))
                continue
            }
            guard !"[{*".utf8.contains(first) else { continue }
            // A plain scalar ends at ` #` or the end of the line.
            var end = value
            while end < range.upperBound {
                if bytes[end] == UInt8(ascii: "#"), bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { break }
                end += 1
            }
            entries.append(Entry(key: path, range: lines.trimmingTrailingBlanks(value..<end), quote: nil, line: lineIndex + 1))
        }
        return entries
    }

    /// A mapping key at `start` (plain or quoted) followed by `:` and a blank or the
    /// end of the line; returns the key and the offset after the colon.
    private static func keyAndColon(_ lines: TextLines, _ start: Int, _ end: Int) -> (String, Int)? {
        let bytes = lines.bytes
        if bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'") {
            guard let close = lines.closingQuote(from: start, end: end, doubledQuoteEscapes: bytes[start] == UInt8(ascii: "'")) else { return nil }
            let colon = lines.skipBlanks(close + 1, end)
            guard colon < end, bytes[colon] == UInt8(ascii: ":") else { return nil }
            return (lines.string((start + 1)..<close), colon + 1)
        }
        var cursor = start
        while cursor < end {
            if bytes[cursor] == UInt8(ascii: ":"), cursor + 1 == end || bytes[cursor + 1] == UInt8(ascii: " ") || bytes[cursor + 1] == UInt8(ascii: "\t") {
                let key = lines.trimmingTrailingBlanks(start..<cursor)
                return key.isEmpty ? nil : (lines.string(key), cursor + 1)
            }
            if bytes[cursor] == UInt8(ascii: "#"), cursor > start, bytes[cursor - 1] == UInt8(ascii: " ") { return nil }
            cursor += 1
        }
        return nil
    }

    /// The scalar at `keyPath`, confirmed by a YAML parser; `nil` when the key is absent.
    static func locate(_ keyPath: [String], in bytes: [UInt8], field: String) throws -> VersionLocation? {
        let text = String(decoding: bytes, as: UTF8.self)
        let document: Node?
        // Yams recurses once per level: refuse a bomb before it overflows the stack.
        if let violation = NestingLimit.checkYAML(text) { throw VersionFileProblem(violation.reason) }
        do { document = try Yams.compose(yaml: text) } catch {
            throw VersionFileProblem("not valid YAML: \(error)")
        }
        var node = document
        for key in keyPath {
            guard case .mapping(let mapping)? = node else { node = nil; break }
            node = mapping[key]
        }
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else { throw VersionFileProblem("\(field) is not a single value") }
        let matches = entries(bytes).filter { $0.key == keyPath }
        guard matches.count == 1, let entry = matches.first else {
            throw VersionFileProblem("\(field) could not be located on exactly one line (flow style or a repeated key?), so it is not edited")
        }
        let value = String(decoding: bytes[entry.range], as: UTF8.self)
        guard value == scalar.string, !value.contains("\\"), !value.contains("''") else {
            throw VersionFileProblem("\(field) on line \(entry.line) is written in a form that cannot be edited in place")
        }
        return VersionLocation(range: entry.range, value: value, field: field, line: entry.line)
    }
}

/// The scalar at a key path of a YAML file (`--file ml/models/baseline/config.yaml:model.version`).
public struct YAMLKeyFile: VersionFileEditor {
    public let keyPath: [String]

    public init(keyPath: [String]) { self.keyPath = keyPath }

    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        let field = keyPath.joined(separator: ".")
        guard let location = try YAMLKeyScanner.locate(keyPath, in: bytes, field: field) else {
            throw VersionFileProblem("has no key \(field)")
        }
        return [location]
    }
}

/// Helm's `Chart.yaml`: `version` (SemVer, Helm requires it), and `appVersion`
/// when it held the same version, the usual sign that the chart tracks the app.
public struct HelmChartFile: VersionFileEditor {
    public init() {}

    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        guard let version = try YAMLKeyScanner.locate(["version"], in: bytes, field: "version") else {
            throw VersionFileProblem("has no top-level version")
        }
        guard let appVersion = try? YAMLKeyScanner.locate(["appVersion"], in: bytes, field: "appVersion"),
              appVersion.value == version.value else { return [version] }
        return [version, appVersion].sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    public func cannotExpress(_ version: Version) -> String? { requiresSemVer(version, "Helm") }
}
