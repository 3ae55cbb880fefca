/// Reads a TOML file line by line into its key/value entries with their full key
/// paths (table header plus dotted key) and the bytes of each value, skipping over
/// multi-line strings, arrays and inline tables. Enough of TOML to find a version
/// and leave every other byte alone; not a validating parser.
struct TOMLKeyScanner {
    enum ValueKind: Equatable {
        /// A one-line basic or literal string; the range is inside the quotes.
        case string
        case other
    }

    struct Entry {
        /// Table path then key path, unquoted: `["tool", "poetry", "version"]`.
        let key: [String]
        /// Whether the entry sits in an array of tables (`[[bin]]`), which no version lives in.
        let inArrayTable: Bool
        let kind: ValueKind
        /// Inside the quotes for strings; the whole raw value otherwise (which may
        /// run over several lines for arrays).
        let range: Range<Int>
        let line: Int
    }

    static func entries(_ bytes: [UInt8]) throws -> [Entry] {
        let lines = TextLines(bytes)
        var entries: [Entry] = []
        var table: [String] = []
        var inArrayTable = false
        var lineIndex = 0
        while lineIndex < lines.ranges.count {
            let range = lines.ranges[lineIndex]
            let start = lines.skipBlanks(range.lowerBound, range.upperBound)
            defer { lineIndex += 1 }
            guard start < range.upperBound, bytes[start] != UInt8(ascii: "#") else { continue }
            if bytes[start] == UInt8(ascii: "[") {
                let isArray = start + 1 < range.upperBound && bytes[start + 1] == UInt8(ascii: "[")
                var cursor = start + (isArray ? 2 : 1)
                table = try dottedKey(lines, &cursor, range.upperBound, line: lineIndex)
                inArrayTable = isArray
                continue
            }
            var cursor = start
            let key = try dottedKey(lines, &cursor, range.upperBound, line: lineIndex)
            guard cursor < range.upperBound, bytes[cursor] == UInt8(ascii: "=") else {
                throw VersionFileProblem("line \(lineIndex + 1) is not a TOML key = value line or table header")
            }
            cursor = lines.skipBlanks(cursor + 1, range.upperBound)
            guard cursor < range.upperBound else { throw VersionFileProblem("line \(lineIndex + 1) has a key without a value") }
            let first = bytes[cursor]
            let valueLine = lineIndex
            if (first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")),
               !lines.starts(cursor, with: first == UInt8(ascii: "\"") ? "\"\"\"" : "'''", end: range.upperBound) {
                guard let close = lines.closingQuote(from: cursor, end: range.upperBound) else {
                    throw VersionFileProblem("line \(lineIndex + 1) has an unterminated string")
                }
                entries.append(Entry(key: table + key, inArrayTable: inArrayTable, kind: .string,
                                     range: (cursor + 1)..<close, line: valueLine + 1))
                continue
            }
            // Anything else: find where the value ends, across lines if it is open.
            let valueStart = cursor
            let end = try skipValue(lines, from: cursor, lineIndex: &lineIndex)
            entries.append(Entry(key: table + key, inArrayTable: inArrayTable, kind: .other,
                                 range: valueStart..<end, line: valueLine + 1))
        }
        return entries
    }

    /// Reads `a."b c".'d'` up to `=` or `]`, leaving `cursor` on that byte.
    private static func dottedKey(_ lines: TextLines, _ cursor: inout Int, _ end: Int, line: Int) throws -> [String] {
        let bytes = lines.bytes
        var parts: [String] = []
        while true {
            cursor = lines.skipBlanks(cursor, end)
            guard cursor < end else { throw VersionFileProblem("line \(line + 1) has an incomplete key") }
            if bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                guard let close = lines.closingQuote(from: cursor, end: end) else {
                    throw VersionFileProblem("line \(line + 1) has an unterminated quoted key")
                }
                parts.append(lines.string((cursor + 1)..<close))
                cursor = close + 1
            } else {
                let start = cursor
                while cursor < end, ASCIIByte.isAlphanumeric(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "_") {
                    cursor += 1
                }
                guard cursor > start else { throw VersionFileProblem("line \(line + 1) has an invalid key") }
                parts.append(lines.string(start..<cursor))
            }
            cursor = lines.skipBlanks(cursor, end)
            guard cursor < end, bytes[cursor] == UInt8(ascii: ".") else { return parts }
            cursor += 1
        }
    }

    /// Skips a value that is not a one-line string: multi-line strings, arrays and
    /// inline tables may continue on later lines (`lineIndex` moves to the last one).
    /// Returns the end offset of the value.
    private static func skipValue(_ lines: TextLines, from start: Int, lineIndex: inout Int) throws -> Int {
        let bytes = lines.bytes
        var depth = 0
        var cursor = start
        var end = lines.ranges[lineIndex].upperBound
        var lastValueByte = start
        while true {
            while cursor < end {
                let byte = bytes[cursor]
                if lines.starts(cursor, with: "\"\"\"", end: end) || lines.starts(cursor, with: "'''", end: end) {
                    let delimiter = Array(bytes[cursor..<(cursor + 3)])
                    cursor += 3
                    // Find the closing delimiter, possibly lines later.
                    while true {
                        if let close = firstIndex(of: delimiter, in: bytes, from: cursor, to: end) {
                            cursor = close + 3
                            // A closing run may be up to five quotes long.
                            while cursor < end, bytes[cursor] == delimiter[0] { cursor += 1 }
                            break
                        }
                        lineIndex += 1
                        guard lineIndex < lines.ranges.count else { throw VersionFileProblem("unterminated multi-line string") }
                        cursor = lines.ranges[lineIndex].lowerBound
                        end = lines.ranges[lineIndex].upperBound
                    }
                    lastValueByte = cursor
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    guard let close = lines.closingQuote(from: cursor, end: end) else {
                        throw VersionFileProblem("line \(lineIndex + 1) has an unterminated string")
                    }
                    cursor = close + 1
                    lastValueByte = cursor
                    continue
                case UInt8(ascii: "#"):
                    cursor = end
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                default: break
                }
                cursor += 1
                if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") { lastValueByte = cursor }
            }
            if depth <= 0 { return lastValueByte }
            lineIndex += 1
            guard lineIndex < lines.ranges.count else { throw VersionFileProblem("unterminated array or inline table") }
            cursor = lines.ranges[lineIndex].lowerBound
            end = lines.ranges[lineIndex].upperBound
        }
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from: Int, to end: Int) -> Int? {
        guard end - from >= needle.count else { return nil }
        for index in from...(end - needle.count) where bytes[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }

    /// The entries whose key is exactly `key`, outside arrays of tables.
    static func find(_ key: [String], in entries: [Entry]) -> [Entry] {
        entries.filter { !$0.inArrayTable && $0.key == key }
    }

    /// Whether any entry's key starts with `prefix` and is longer (a dotted or
    /// sub-table form such as `version.workspace = true`).
    static func hasSubkeys(of prefix: [String], in entries: [Entry]) -> Bool {
        entries.contains { !$0.inArrayTable && $0.key.count > prefix.count && Array($0.key.prefix(prefix.count)) == prefix }
    }
}

extension TOMLKeyScanner.Entry {
    func location(_ bytes: [UInt8], field: String) throws -> VersionLocation {
        guard kind == .string else {
            throw VersionFileProblem("\(field) on line \(line) is not a string")
        }
        let value = String(decoding: bytes[range], as: UTF8.self)
        guard !value.contains("\\") else { throw VersionFileProblem("\(field) on line \(line) uses escapes, so it cannot be edited safely") }
        return VersionLocation(range: range, value: value, field: field, line: line)
    }
}

/// The value at a key path of a TOML file (`--file Settings.toml:app.version`).
public struct TOMLKeyFile: VersionFileEditor {
    public let keyPath: [String]

    public init(keyPath: [String]) { self.keyPath = keyPath }

    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        let entries = try TOMLKeyScanner.entries(bytes)
        let field = keyPath.joined(separator: ".")
        guard let entry = TOMLKeyScanner.find(keyPath, in: entries).first else {
            throw VersionFileProblem("has no key \(field)")
        }
        return [try entry.location(bytes, field: field)]
    }
}

/// `pyproject.toml`: `[project].version` (PEP 621) and `[tool.poetry].version`,
/// whichever are present. A version listed in `[project].dynamic` is computed by
/// the build backend, so there is nothing here to write.
public struct PyprojectFile: VersionFileEditor {
    public init() {}

    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        let entries = try TOMLKeyScanner.entries(bytes)
        var found: [VersionLocation] = []
        if let project = TOMLKeyScanner.find(["project", "version"], in: entries).first {
            found.append(try project.location(bytes, field: "[project].version"))
        } else if let dynamic = TOMLKeyScanner.find(["project", "dynamic"], in: entries).first {
            let raw = String(decoding: bytes[dynamic.range], as: UTF8.self)
            if raw.contains("\"version\"") || raw.contains("'version'") {
                throw VersionFileProblem("the version is dynamic (dynamic = [\"version\"] in [project], line \(dynamic.line)): the build backend computes it, so name the file it reads the version from instead (e.g. --file src/PACKAGE/__init__.py)")
            }
        }
        if let poetry = TOMLKeyScanner.find(["tool", "poetry", "version"], in: entries).first {
            found.append(try poetry.location(bytes, field: "[tool.poetry].version"))
        }
        guard !found.isEmpty else { throw VersionFileProblem("has neither [project].version nor [tool.poetry].version") }
        return found
    }
}

/// `Cargo.toml`: `[package].version` and `[workspace.package].version` only, never
/// a dependency's `version`. Cargo accepts SemVer alone.
public struct CargoFile: VersionFileEditor {
    public init() {}

    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        let entries = try TOMLKeyScanner.entries(bytes)
        var found: [VersionLocation] = []
        for (key, field) in [(["package", "version"], "[package].version"), (["workspace", "package", "version"], "[workspace.package].version")] {
            if TOMLKeyScanner.hasSubkeys(of: key, in: entries) {
                throw VersionFileProblem("\(field) is inherited (version.workspace = true), so the version lives in the workspace's Cargo.toml")
            }
            if let entry = TOMLKeyScanner.find(key, in: entries).first {
                if entry.kind == .other, String(decoding: bytes[entry.range], as: UTF8.self).contains("workspace") {
                    throw VersionFileProblem("\(field) is inherited ({ workspace = true }), so the version lives in the workspace's Cargo.toml")
                }
                found.append(try entry.location(bytes, field: field))
            }
        }
        guard !found.isEmpty else { throw VersionFileProblem("has neither [package].version nor [workspace.package].version") }
        return found
    }

    public func cannotExpress(_ version: Version) -> String? { requiresSemVer(version, "Cargo") }
}
