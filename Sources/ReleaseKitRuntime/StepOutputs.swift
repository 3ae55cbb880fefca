import ReleaseKitCore

/// The named results of one tool run, in the order the tool set them.
///
/// Every value is text: booleans are `true`/`false`, numbers are decimal, structured
/// values are compact JSON. The same strings reach `GITHUB_OUTPUT`, `--json` and the
/// other formats, so a workflow sees the same value whichever way it reads it.
public struct StepOutputs: Sendable, Equatable {
    public private(set) var entries: [(name: String, value: String)] = []

    public init() {}

    public static func == (lhs: StepOutputs, rhs: StepOutputs) -> Bool {
        lhs.entries.map(\.name) == rhs.entries.map(\.name) && lhs.entries.map(\.value) == rhs.entries.map(\.value)
    }

    /// Sets an output, replacing an earlier value of the same name in place.
    /// Names are kebab-case by contract; anything else is a programming error.
    public mutating func set(_ name: String, _ value: String) {
        precondition(Self.isValidName(name), "output name \(name) is not kebab-case")
        if let index = entries.firstIndex(where: { $0.name == name }) {
            entries[index].value = value
        } else {
            entries.append((name, value))
        }
    }

    /// Sets a typed value as its text, by the one rule `StepOutputText` states.
    public mutating func set(_ name: String, _ value: some StepOutputText) { set(name, value.stepOutputText) }
    /// One item per line, the convention for list outputs (`missing`, `changed-files`).
    public mutating func set(_ name: String, lines: [String]) { set(name, lines.stepOutputText) }

    public subscript(name: String) -> String? {
        entries.first(where: { $0.name == name })?.value
    }

    public var names: [String] { entries.map(\.name) }

    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
              first != "-", last != "-", !name.contains("--") else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// All outputs as one JSON object of strings.
    public var json: JSONValue {
        .object(Dictionary(entries.map { ($0.name, JSONValue.string($0.value)) }, uniquingKeysWith: { _, last in last }))
    }
}

/// The types an output may have, and the text each becomes: `String` as is, `Bool` as
/// `true`/`false`, integers in decimal, `[String]` one item per line, `JSONValue` as
/// compact JSON. Typed outputs values (`ToolOutputs`) are written by the same rule.
public protocol StepOutputText {
    var stepOutputText: String { get }
}

extension String: StepOutputText { public var stepOutputText: String { self } }
extension Bool: StepOutputText { public var stepOutputText: String { self ? "true" : "false" } }
extension Int: StepOutputText { public var stepOutputText: String { String(self) } }
extension Int64: StepOutputText { public var stepOutputText: String { String(self) } }
extension UInt64: StepOutputText { public var stepOutputText: String { String(self) } }
extension Array: StepOutputText where Element == String { public var stepOutputText: String { joined(separator: "\n") } }
extension JSONValue: StepOutputText { public var stepOutputText: String { serialized } }
