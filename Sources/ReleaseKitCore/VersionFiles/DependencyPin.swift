/// A manifest's requirement on another package of the same repository, where it
/// is written, so that releasing that package can move the requirement byte-exact.
///
/// Read from the manifests bump-version already edits:
/// - `pyproject.toml`: `[project].dependencies` and `[project.optional-dependencies]`
///   entries (`"aetherflow-core==0.1.0rc1"`, `"aetherflow-core[s3]>=0.1.0rc1,<0.2"`);
///   names compare as PEP 503 normalises them.
/// - `package.json`: `dependencies`, `devDependencies`, `peerDependencies`,
///   `optionalDependencies` (`"@scope/core": "^1.2.0"`); `workspace:`, `file:`,
///   `link:`, tags and URLs are left alone.
/// - `Cargo.toml`: `[dependencies]`, `[dev-dependencies]` and `[workspace.dependencies]`
///   entries with both `path` and `version` (inline or as `[dependencies.NAME]`).
public struct DependencyPin: Sendable, Hashable {
    public enum Ecosystem: String, Sendable, Hashable {
        case python, npm, cargo
    }

    public let ecosystem: Ecosystem
    /// The dependency as the manifest names it.
    public let name: String
    /// Where it is: `[project].dependencies`, `devDependencies`, `[dependencies]`...
    public let field: String
    public let line: Int
    /// The bytes of the requirement (`==0.1.0rc1`, `>=0.1.0rc1,<0.2`, `^1.2.0`, `0.1.0`).
    public let range: Range<Int>
    public let requirement: String

    /// The ecosystem of a manifest bump-version edits, nil for other version files.
    public static func ecosystem(of editor: any VersionFileEditor) -> Ecosystem? {
        switch editor {
        case is PyprojectFile: .python
        case is PackageJSONFile: .npm
        case is CargoFile: .cargo
        default: nil
        }
    }

    /// A name as the ecosystem compares it (PEP 503 for Python: lowercase, runs of
    /// `-_.` as one `-`).
    public static func normalized(_ name: String, _ ecosystem: Ecosystem) -> String {
        guard ecosystem == .python else { return name }
        var result = ""
        var pendingDash = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." { pendingDash = true; continue }
            if pendingDash, !result.isEmpty { result.append("-") }
            pendingDash = false
            result.append(character)
        }
        return result
    }

    /// The name the manifest gives its own package (`[project].name`, `"name"`,
    /// `[package].name`), nil when it has none.
    public static func ownName(in bytes: [UInt8], _ ecosystem: Ecosystem) -> String? {
        switch ecosystem {
        case .npm:
            guard case .string(let range)? = try? JSONValueLocator.find(["name"], in: bytes) else { return nil }
            return String(decoding: bytes[range], as: UTF8.self)
        case .python, .cargo:
            guard let entries = try? TOMLKeyScanner.entries(bytes) else { return nil }
            let key = ecosystem == .python ? ["project", "name"] : ["package", "name"]
            guard let entry = TOMLKeyScanner.find(key, in: entries).first, entry.kind == .string else { return nil }
            return String(decoding: bytes[entry.range], as: UTF8.self)
        }
    }

    /// The pins in `bytes` on packages named in `names` (compared normalised).
    public static func locate(in bytes: [UInt8], _ ecosystem: Ecosystem, names: Set<String>) throws -> [DependencyPin] {
        let wanted = Set(names.map { normalized($0, ecosystem) })
        do {
            switch ecosystem {
            case .npm: return try npmPins(bytes, wanted)
            case .python: return try pythonPins(bytes, wanted)
            case .cargo: return try cargoPins(bytes, wanted)
            }
        } catch let problem as VersionFileProblem {
            throw VersionFileError(path: "", reason: problem.reason)
        }
    }

    /// `bytes` with each pin's requirement replaced by its new text; every other byte kept.
    public static func updated(_ bytes: [UInt8], _ replacements: [(pin: DependencyPin, requirement: String)]) -> [UInt8] {
        var result: [UInt8] = []
        var copied = 0
        for (pin, requirement) in replacements.sorted(by: { $0.pin.range.lowerBound < $1.pin.range.lowerBound }) {
            result += bytes[copied..<pin.range.lowerBound]
            result += Array(requirement.utf8)
            copied = pin.range.upperBound
        }
        result += bytes[copied...]
        return result
    }

    // MARK: - npm

    static let npmFields = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]

    private static func npmPins(_ bytes: [UInt8], _ wanted: Set<String>) throws -> [DependencyPin] {
        var pins: [DependencyPin] = []
        for field in npmFields {
            for name in wanted.sorted() {
                guard case .string(let range)? = try JSONValueLocator.find([field, name], in: bytes) else { continue }
                pins.append(pin(.npm, name, field, bytes, range))
            }
        }
        return pins
    }

    // MARK: - Python

    private static func pythonPins(_ bytes: [UInt8], _ wanted: Set<String>) throws -> [DependencyPin] {
        var pins: [DependencyPin] = []
        for entry in try TOMLKeyScanner.entries(bytes) where !entry.inArrayTable && entry.kind == .other {
            let field: String
            if entry.key == ["project", "dependencies"] {
                field = "[project].dependencies"
            } else if entry.key.count == 3, Array(entry.key.prefix(2)) == ["project", "optional-dependencies"] {
                field = "[project.optional-dependencies].\(entry.key[2])"
            } else {
                continue
            }
            for string in quotedStrings(bytes, in: entry.range) {
                guard let (name, requirement) = pep508(bytes, string), wanted.contains(normalized(name, .python)) else { continue }
                pins.append(pin(.python, name, field, bytes, requirement))
            }
        }
        return pins
    }

    /// The contents of the one-line strings in an array's bytes, comments skipped.
    private static func quotedStrings(_ bytes: [UInt8], in range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "#") {
                while index < range.upperBound, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                var close = index + 1
                while close < range.upperBound, bytes[close] != byte, bytes[close] != UInt8(ascii: "\n") {
                    close += byte == UInt8(ascii: "\"") && bytes[close] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard close < range.upperBound, bytes[close] == byte else { return result }
                result.append((index + 1)..<close)
                index = close
            }
            index += 1
        }
        return result
    }

    /// A PEP 508 requirement's name and the range of its version specifiers (after
    /// any extras, before a `;` marker), nil when it has none or is a URL.
    private static func pep508(_ bytes: [UInt8], _ range: Range<Int>) -> (String, Range<Int>)? {
        var index = range.lowerBound
        while index < range.upperBound, bytes[index] == UInt8(ascii: " ") { index += 1 }
        let nameStart = index
        while index < range.upperBound, ASCIIByte.isAlphanumeric(bytes[index]) || "-_.".utf8.contains(bytes[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        while index < range.upperBound, bytes[index] == UInt8(ascii: " ") { index += 1 }
        if index < range.upperBound, bytes[index] == UInt8(ascii: "[") {
            while index < range.upperBound, bytes[index] != UInt8(ascii: "]") { index += 1 }
            index += 1
            while index < range.upperBound, bytes[index] == UInt8(ascii: " ") { index += 1 }
        }
        var end = index
        while end < range.upperBound, bytes[end] != UInt8(ascii: ";") { end += 1 }
        while end > index, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        guard end > index, bytes[index] != UInt8(ascii: "@") else { return nil }
        var start = index
        // `name (>=1.0)`: the parenthesised form keeps its parentheses.
        if bytes[start] == UInt8(ascii: "("), bytes[end - 1] == UInt8(ascii: ")") { start += 1; end -= 1 }
        return (name, start..<end)
    }

    // MARK: - Cargo

    private static func cargoPins(_ bytes: [UInt8], _ wanted: Set<String>) throws -> [DependencyPin] {
        let entries = try TOMLKeyScanner.entries(bytes).filter { !$0.inArrayTable }
        let tables: [([String], String)] = [(["dependencies"], "[dependencies]"), (["dev-dependencies"], "[dev-dependencies]"),
                                            (["workspace", "dependencies"], "[workspace.dependencies]")]
        var pins: [DependencyPin] = []
        for (table, field) in tables {
            for name in wanted.sorted() {
                let key = table + [name]
                if let inline = TOMLKeyScanner.find(key, in: entries).first, inline.kind == .other,
                   let version = inlineValue(bytes, inline.range, key: "version"), inlineValue(bytes, inline.range, key: "path") != nil {
                    pins.append(pin(.cargo, name, field, bytes, version))
                } else if let version = TOMLKeyScanner.find(key + ["version"], in: entries).first, version.kind == .string,
                          !TOMLKeyScanner.find(key + ["path"], in: entries).isEmpty {
                    pins.append(pin(.cargo, name, field, bytes, version.range))
                }
            }
        }
        return pins
    }

    /// The string value of `key` in an inline table's bytes (`{ path = "../core", version = "0.1.0" }`).
    private static func inlineValue(_ bytes: [UInt8], _ range: Range<Int>, key: String) -> Range<Int>? {
        let needle = Array(key.utf8)
        var index = range.lowerBound
        while index + needle.count < range.upperBound {
            let before = index == range.lowerBound ? UInt8(ascii: "{") : bytes[index - 1]
            if bytes[index..<(index + needle.count)].elementsEqual(needle), " {,\t".utf8.contains(before) {
                var cursor = index + needle.count
                while cursor < range.upperBound, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                if cursor < range.upperBound, bytes[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    while cursor < range.upperBound, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                    guard cursor < range.upperBound, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") else { return nil }
                    let quote = bytes[cursor]
                    var close = cursor + 1
                    while close < range.upperBound, bytes[close] != quote { close += 1 }
                    return close < range.upperBound ? (cursor + 1)..<close : nil
                }
            }
            if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                // Skip over a string value, so a key inside it does not match.
                let quote = bytes[index]
                index += 1
                while index < range.upperBound, bytes[index] != quote { index += 1 }
            }
            index += 1
        }
        return nil
    }

    private static func pin(_ ecosystem: Ecosystem, _ name: String, _ field: String, _ bytes: [UInt8], _ range: Range<Int>) -> DependencyPin {
        let line = bytes[..<range.lowerBound].lazy.filter { $0 == UInt8(ascii: "\n") }.count + 1
        return DependencyPin(ecosystem: ecosystem, name: name, field: field, line: line, range: range,
                             requirement: String(decoding: bytes[range], as: UTF8.self))
    }
}
