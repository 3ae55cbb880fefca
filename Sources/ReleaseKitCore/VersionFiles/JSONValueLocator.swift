/// Finds the bytes of a value at a key path in a JSON document without building the
/// document, so the file can be edited in place. It reads the full JSON grammar
/// (to skip over everything it is not looking for) and reports malformed input.
struct JSONValueLocator {
    enum Found {
        case string(Range<Int>)
        /// Anything that is not a string (number, object, null...), by its first byte.
        case other(String)
    }

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The value at `path` in the document, or `nil` when some key is missing.
    static func find(_ path: [String], in bytes: [UInt8]) throws -> Found? {
        // The locator recurses once per level: refuse a bomb before it overflows the stack.
        if let violation = NestingLimit.checkJSON(bytes) { throw VersionFileProblem(violation.reason) }
        var locator = JSONValueLocator(bytes)
        // Skip a UTF-8 byte order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { locator.index = 3 }
        let found = try locator.value(path[...])
        locator.skipWhitespace()
        guard locator.index == bytes.count else { throw locator.malformed("unexpected text after the document") }
        return found
    }

    private func malformed(_ what: String) -> VersionFileProblem {
        let line = bytes[..<min(index, bytes.count)].lazy.filter { $0 == UInt8(ascii: "\n") }.count + 1
        return VersionFileProblem("not valid JSON at line \(line): \(what)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// Parses one value; when `path` is empty this is the value looked for.
    private mutating func value(_ path: ArraySlice<String>) throws -> Found? {
        skipWhitespace()
        guard index < bytes.count else { throw malformed("unexpected end of file") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return try object(path)
        case UInt8(ascii: "["):
            try array()
            return path.isEmpty ? .other("an array") : nil
        case UInt8(ascii: "\""):
            let range = try string()
            return path.isEmpty ? .string(range) : nil
        default:
            let start = index
            while index < bytes.count, !",]} \t\r\n".utf8.contains(bytes[index]) { index += 1 }
            let literal = String(decoding: bytes[start..<index], as: UTF8.self)
            guard literal == "true" || literal == "false" || literal == "null" || Double(literal) != nil else {
                index = start
                throw malformed("unexpected \(quotedInput(literal))")
            }
            return path.isEmpty ? .other(literal) : nil
        }
    }

    private mutating func object(_ path: ArraySlice<String>) throws -> Found? {
        index += 1
        var found: Found?
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return path.isEmpty ? .other("an object") : nil }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw malformed("expected a key") }
            let keyRange = try string()
            let key = decodedString(keyRange)
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw malformed("expected ':' after a key") }
            index += 1
            // The first occurrence of a key decides, as the file reads top to bottom.
            let wanted = !path.isEmpty && found == nil && key == path.first
            let result = try value(wanted ? path.dropFirst() : ["\u{0}"])
            if wanted { found = result }
            skipWhitespace()
            guard index < bytes.count else { throw malformed("unexpected end of file in an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "}") else { throw malformed("expected ',' or '}'") }
            index += 1
            return path.isEmpty ? .other("an object") : found
        }
    }

    private mutating func array() throws {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
        while true {
            _ = try value(["\u{0}"])
            skipWhitespace()
            guard index < bytes.count else { throw malformed("unexpected end of file in an array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "]") else { throw malformed("expected ',' or ']'") }
            index += 1
            return
        }
    }

    /// The content range of a string, after its closing quote.
    private mutating func string() throws -> Range<Int> {
        let start = index + 1
        index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""):
                index += 1
                return start..<(index - 1)
            case 0..<0x20: throw malformed("control character in a string")
            default: index += 1
            }
        }
        throw malformed("unterminated string")
    }

    /// Keys with escapes are rare; the common escapes are decoded so they still match.
    private func decodedString(_ range: Range<Int>) -> String {
        let raw = String(decoding: bytes[range], as: UTF8.self)
        guard raw.contains("\\") else { return raw }
        return raw.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\/", with: "/")
            .replacingOccurrences(of: "\\\\", with: "\\")
    }
}

/// The value at a key path of a JSON file (`--file app.json:build.version`), which
/// must be a string.
public struct JSONKeyFile: VersionFileEditor {
    public let keyPath: [String]

    public init(keyPath: [String]) { self.keyPath = keyPath }

    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        guard let location = try Self.locate(keyPath, in: bytes) else {
            throw VersionFileProblem("has no key \(keyPath.joined(separator: "."))")
        }
        return [location]
    }

    /// The string at `keyPath`, `nil` when a key is missing; a value that is not a
    /// string is a problem.
    static func locate(_ keyPath: [String], in bytes: [UInt8]) throws -> VersionLocation? {
        switch try JSONValueLocator.find(keyPath, in: bytes) {
        case nil: return nil
        case .other(let what)?:
            throw VersionFileProblem("\(keyPath.joined(separator: ".")) is \(what), not a string version")
        case .string(let range)?:
            let line = bytes[..<range.lowerBound].lazy.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let value = String(decoding: bytes[range], as: UTF8.self)
            guard !value.contains("\\") else {
                throw VersionFileProblem("\(keyPath.joined(separator: ".")) uses escapes, so it cannot be edited safely")
            }
            return VersionLocation(range: range, value: value, field: keyPath.joined(separator: "."), line: line)
        }
    }
}

/// `package.json`: the top-level `version` (npm wants SemVer).
public struct PackageJSONFile: VersionFileEditor {
    public init() {}

    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        guard let location = try JSONKeyFile.locate(["version"], in: bytes) else {
            throw VersionFileProblem("has no top-level \"version\"")
        }
        return [location]
    }

    public func cannotExpress(_ version: Version) -> String? { requiresSemVer(version, "npm") }
}

/// `package-lock.json`: its own version fields only, the top-level `version` and
/// `packages[""].version` (lockfile v2/v3), never a dependency's.
public struct PackageLockFile: VersionFileEditor {
    public init() {}

    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        let found = [try JSONKeyFile.locate(["version"], in: bytes),
                     try JSONKeyFile.locate(["packages", "", "version"], in: bytes)].compactMap { $0 }
        guard !found.isEmpty else { throw VersionFileProblem("has no top-level \"version\" nor packages[\"\"].version") }
        return found.map { location in
            location.field == "packages..version"
                ? VersionLocation(range: location.range, value: location.value, field: "packages[\"\"].version", line: location.line)
                : location
        }
    }

    public func cannotExpress(_ version: Version) -> String? { requiresSemVer(version, "npm") }
}
