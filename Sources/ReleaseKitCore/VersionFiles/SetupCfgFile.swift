/// `setup.cfg`: `version` in `[metadata]`, as setuptools reads it (keys are
/// case-insensitive, `=` or `:` separates). `attr:` and `file:` values point
/// elsewhere, so they are dynamic here.
public struct SetupCfgFile: VersionFileEditor {
    public init() {}

    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        let lines = TextLines(bytes)
        var section = ""
        for (index, range) in lines.ranges.enumerated() {
            let start = lines.skipBlanks(range.lowerBound, range.upperBound)
            guard start < range.upperBound else { continue }
            let first = bytes[start]
            if first == UInt8(ascii: "#") || first == UInt8(ascii: ";") { continue }
            if first == UInt8(ascii: "["), start == range.lowerBound {
                let body = lines.string(range)
                section = String(body.dropFirst().prefix { $0 != "]" }).trimmingBlanks.lowercased()
                continue
            }
            // A continuation line (indented) belongs to the previous value.
            guard section == "metadata", start == range.lowerBound else { continue }
            var cursor = start
            while cursor < range.upperBound, bytes[cursor] != UInt8(ascii: "="), bytes[cursor] != UInt8(ascii: ":") { cursor += 1 }
            guard cursor < range.upperBound,
                  lines.string(lines.trimmingTrailingBlanks(start..<cursor)).lowercased() == "version" else { continue }
            let value = lines.trimmingTrailingBlanks(lines.skipBlanks(cursor + 1, range.upperBound)..<range.upperBound)
            let text = lines.string(value)
            if text.hasPrefix("attr:") || text.hasPrefix("file:") {
                throw VersionFileProblem("the version is dynamic (\(text) in [metadata], line \(index + 1)), so name the file it reads instead")
            }
            guard !value.isEmpty else { throw VersionFileProblem("[metadata] version on line \(index + 1) is empty") }
            return [lines.location(value, field: "[metadata] version", line: index)]
        }
        throw VersionFileProblem("has no version in [metadata]")
    }
}

extension String {
    var trimmingBlanks: String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
