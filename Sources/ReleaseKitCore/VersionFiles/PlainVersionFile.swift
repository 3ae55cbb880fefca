/// `VERSION` / `version.txt`: the whole file is the version; surrounding blank
/// lines and the final newline stay as they are.
public struct PlainVersionFile: VersionFileEditor {
    public init() {}

    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        let lines = TextLines(bytes)
        let nonBlank = lines.ranges.enumerated().filter { lines.skipBlanks($0.element.lowerBound, $0.element.upperBound) < $0.element.upperBound }
        guard let only = nonBlank.first else { throw VersionFileProblem("is empty") }
        guard nonBlank.count == 1 else { throw VersionFileProblem("has \(nonBlank.count) non-blank lines; expected the version alone") }
        let range = lines.trimmingTrailingBlanks(lines.skipBlanks(only.element.lowerBound, only.element.upperBound)..<only.element.upperBound)
        return [lines.location(range, field: "content", line: only.offset)]
    }
}
