/// Any text file where lines carrying a `releasekit-version` comment hold the
/// version (`image: ghcr.io/org/app:1.2.3 # releasekit-version`). On each marked
/// line the first version-shaped word is the value: it starts with a digit (after
/// an optional `v`) that does not continue a word, as `python3.11` or `node-18` do.
public struct MarkedLineFile: VersionFileEditor {
    public static let marker = "releasekit-version"

    public init() {}

    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        let lines = TextLines(bytes)
        let marker = Array(Self.marker.utf8)
        var found: [VersionLocation] = []
        for (index, range) in lines.ranges.enumerated() {
            let line = bytes[range]
            guard let markerStart = line.indices.first(where: { bytes[$0..<min($0 + marker.count, range.upperBound)].elementsEqual(marker) }) else { continue }
            guard let value = Self.firstVersion(bytes, in: range.lowerBound..<markerStart) else {
                throw VersionFileProblem("line \(index + 1) is marked \(Self.marker) but holds no version before the marker")
            }
            found.append(lines.location(value, field: "line \(index + 1)", line: index))
        }
        guard !found.isEmpty else { throw VersionFileProblem("has no line marked \(Self.marker) (and is not a version file kind ReleaseKit knows)") }
        return found
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        ASCIIByte.isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    static func firstVersion(_ bytes: [UInt8], in range: Range<Int>) -> Range<Int>? {
        var index = range.lowerBound
        while index < range.upperBound {
            defer { index += 1 }
            guard ASCIIByte.isDigit(bytes[index]) else { continue }
            var start = index
            if start > range.lowerBound, bytes[start - 1] | 0x20 == UInt8(ascii: "v") { start -= 1 }
            if start > range.lowerBound, isWordByte(bytes[start - 1]) { continue }
            var end = index
            while end < range.upperBound, isWordByte(bytes[end]) || bytes[end] == UInt8(ascii: "+") || bytes[end] == UInt8(ascii: "!") { end += 1 }
            // The longest prefix that reads as a version (`1.2.3.` at a sentence end reads `1.2.3`).
            var candidateEnd = end
            while candidateEnd > index {
                if Version.parseIfValid(String(decoding: bytes[index..<candidateEnd], as: UTF8.self)) != nil {
                    return index..<candidateEnd
                }
                candidateEnd -= 1
            }
            index = end
        }
        return nil
    }
}
