/// `__init__.py`, `_version.py`, `version.py`: the module-level
/// `__version__ = "1.2.3"` (also annotated, `__version__: str = '1.2.3'`).
/// Anything computed (`__version__ = get_version()`) is dynamic.
public struct PythonVersionFile: VersionFileEditor {
    public init() {}

    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        let lines = TextLines(bytes)
        var found: [VersionLocation] = []
        var openDocstring: [UInt8]?
        for (index, range) in lines.ranges.enumerated() {
            // Text inside a triple-quoted string is not code, even at column 0.
            let wasInside = openDocstring != nil
            for delimiter in [Array("\"\"\"".utf8), Array("'''".utf8)] where openDocstring == nil || openDocstring! == delimiter {
                var count = 0, cursor = range.lowerBound
                while cursor + 3 <= range.upperBound {
                    if bytes[cursor..<(cursor + 3)].elementsEqual(delimiter) { count += 1; cursor += 3 } else { cursor += 1 }
                }
                if count % 2 == 1 { openDocstring = openDocstring == nil ? delimiter : nil }
            }
            guard !wasInside, lines.starts(range.lowerBound, with: "__version__", end: range.upperBound) else { continue }
            var cursor = lines.skipBlanks(range.lowerBound + 11, range.upperBound)
            guard cursor < range.upperBound else { continue }
            if bytes[cursor] == UInt8(ascii: ":") {
                while cursor < range.upperBound, bytes[cursor] != UInt8(ascii: "=") { cursor += 1 }
            }
            guard cursor < range.upperBound, bytes[cursor] == UInt8(ascii: "="),
                  cursor + 1 == range.upperBound || bytes[cursor + 1] != UInt8(ascii: "=") else { continue }
            cursor = lines.skipBlanks(cursor + 1, range.upperBound)
            guard cursor < range.upperBound, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'"),
                  !lines.starts(cursor, with: "\"\"\"", end: range.upperBound), !lines.starts(cursor, with: "'''", end: range.upperBound),
                  let close = lines.closingQuote(from: cursor, end: range.upperBound) else {
                throw VersionFileProblem("__version__ on line \(index + 1) is computed, not a string literal, so the version is dynamic here")
            }
            let location = lines.location((cursor + 1)..<close, field: "__version__", line: index)
            guard !location.value.contains("\\") else { throw VersionFileProblem("__version__ on line \(index + 1) uses escapes") }
            found.append(location)
        }
        guard !found.isEmpty else { throw VersionFileProblem("has no __version__ = \"...\" line") }
        return found
    }
}
