import Foundation

/// A checksum file as `sha256sum`/`sha512sum` and `shasum` write them, in any of the
/// three forms they use: GNU text (`hex  name`), GNU binary (`hex *name`) and BSD tag
/// (`SHA256 (name) = hex`, from `--tag` and from BSD/macOS tools).
///
/// Names holding a newline or a backslash are written the coreutils way: the line
/// starts with `\` and the name has `\n` and `\\` escapes; such lines are read back the
/// same way, so any name survives a round trip.
public struct ChecksumFile: Sendable, Equatable {
    public enum Style: String, Sendable, Equatable {
        case gnuText = "GNU text"
        case gnuBinary = "GNU binary"
        case bsdTag = "BSD tag"
    }

    public struct Entry: Sendable, Equatable {
        /// The file name, unescaped, without a leading `./`.
        public var name: String
        /// Lower-case hex.
        public var digest: String
        public var algorithm: DigestAlgorithm
        public var style: Style
        /// 1-based line number in the file.
        public var line: Int
    }

    /// A line that is not a checksum line, with what was expected.
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var reason: String
    }

    public var entries: [Entry]
    public var problems: [Problem]

    /// Parses `text`. With `algorithm` nil the algorithm comes from the file itself
    /// (the BSD tag, else the digest length); every line must then agree.
    public init(parsing text: String, algorithm: DigestAlgorithm?) {
        entries = []
        problems = []
        var chosen = algorithm
        var seen: [String: Int] = [:]
        // "\r\n" is one Character in Swift: split on both so Windows-made files read too.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if lines.last == "" { lines.removeLast() }
        for (offset, rawLine) in lines.enumerated() {
            let number = offset + 1
            var line = rawLine
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            do {
                var entry = try Self.parseLine(line, number: number)
                guard let lineAlgorithm = entry.algorithm ?? Self.algorithm(forHexLength: entry.digest.count) else {
                    throw Problem(line: number, reason: "the digest has \(entry.digest.count) hex digits; expected 64 (SHA-256) or 128 (SHA-512)")
                }
                if let chosen, chosen != lineAlgorithm {
                    throw Problem(line: number, reason: "this is a \(lineAlgorithm.rawValue) line but the file is read as \(chosen.rawValue); expected one algorithm throughout (--algorithm \(chosen.rawValue))")
                }
                chosen = lineAlgorithm
                guard entry.digest.count == lineAlgorithm.hexLength else {
                    throw Problem(line: number, reason: "the \(lineAlgorithm.rawValue) digest has \(entry.digest.count) hex digits; expected \(lineAlgorithm.hexLength)")
                }
                entry.name = Self.normalized(entry.name)
                guard !entry.name.isEmpty else { throw Problem(line: number, reason: "the file name is empty") }
                if let first = seen[entry.name] {
                    throw Problem(line: number, reason: "\(entry.name) is listed again (first on line \(first)); expected each file once")
                }
                seen[entry.name] = number
                entries.append(Entry(name: entry.name, digest: entry.digest, algorithm: lineAlgorithm, style: entry.style, line: number))
            } catch let problem as Problem {
                problems.append(problem)
            } catch {
                problems.append(Problem(line: number, reason: "\(error)"))
            }
        }
    }

    /// The algorithm the entries use, if there are any.
    public var algorithm: DigestAlgorithm? { entries.first?.algorithm }

    /// The coreutils text form of `digests`, sorted by name (byte order, as `sort`
    /// with `LC_ALL=C`), LF line ends, so `sha256sum -c` reads it back.
    public static func format(_ digests: [(name: String, digest: String)]) -> String {
        digests.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
            .map { item in
                let needsEscape = item.name.contains("\n") || item.name.contains("\\") || item.name.contains("\r")
                return (needsEscape ? "\\" : "") + item.digest + "  " + (needsEscape ? escape(item.name) : item.name) + "\n"
            }
            .joined()
    }

    // MARK: lines

    private struct ParsedLine {
        var name: String
        var digest: String
        var algorithm: DigestAlgorithm?
        var style: Style
    }

    private static func parseLine(_ raw: Substring, number: Int) throws -> ParsedLine {
        var line = raw
        let escaped = line.hasPrefix("\\")
        if escaped { line = line.dropFirst() }
        if let parsed = try parseTag(line, escaped: escaped, number: number) { return parsed }
        let hex = line.prefix(while: \.isHexDigit)
        let rest = line[hex.endIndex...]
        guard !hex.isEmpty else {
            throw Problem(line: number, reason: "expected `hex  name`, `hex *name` or `SHA256 (name) = hex`")
        }
        guard rest.count >= 2, rest.first == " ", let mode = rest.dropFirst().first, mode == " " || mode == "*" else {
            throw Problem(line: number, reason: "expected two characters after the digest, a space then a space (text) or * (binary), then the file name")
        }
        let name = String(rest.dropFirst(2))
        return ParsedLine(name: try escaped ? unescape(name, number: number) : name, digest: hex.lowercased(),
                          algorithm: nil, style: mode == "*" ? .gnuBinary : .gnuText)
    }

    private static func parseTag(_ line: Substring, escaped: Bool, number: Int) throws -> ParsedLine? {
        guard let open = line.firstIndex(of: " "), line[line.index(after: open)...].hasPrefix("(") else { return nil }
        let tag = line[..<open]
        guard tag.first?.isLetter == true else { return nil }
        guard let algorithm = DigestAlgorithm(rawValue: tag.lowercased().replacingOccurrences(of: "-", with: "")) else {
            throw Problem(line: number, reason: "\(tag) is not a supported algorithm; expected SHA256 or SHA512")
        }
        guard let separator = line.range(of: ") = ", options: .backwards) else {
            throw Problem(line: number, reason: "expected `\(algorithm.tagName) (name) = hex`")
        }
        let name = String(line[line.index(open, offsetBy: 2)..<separator.lowerBound])
        let hex = line[separator.upperBound...]
        guard !hex.isEmpty, hex.allSatisfy(\.isHexDigit) else {
            throw Problem(line: number, reason: "expected the hex digest after `) = `")
        }
        return ParsedLine(name: try escaped ? unescape(name, number: number) : name, digest: hex.lowercased(),
                          algorithm: algorithm, style: .bsdTag)
    }

    private static func algorithm(forHexLength length: Int) -> DigestAlgorithm? {
        DigestAlgorithm.allCases.first { $0.hexLength == length }
    }

    private static func normalized(_ name: String) -> String {
        var result = Substring(name)
        while result.hasPrefix("./") { result = result.dropFirst(2) }
        return String(result)
    }

    static func escape(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func unescape(_ name: String, number: Int) throws -> String {
        var result = ""
        var iterator = name.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\" else { result.unicodeScalars.append(scalar); continue }
            switch iterator.next() {
            case "\\": result += "\\"
            case "n": result += "\n"
            case "r": result += "\r"
            default: throw Problem(line: number, reason: "the escaped file name has a \\ that is not \\\\, \\n or \\r")
            }
        }
        return result
    }
}

extension ChecksumFile.Problem: Error, CustomStringConvertible {
    public var description: String { "line \(line): \(reason)" }
}
