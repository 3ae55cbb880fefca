/// Typed, path-aware reads from a webhook payload.
///
/// `JSONValue` lookups return `nil` for both "absent" and "wrong type"; the guard
/// must tell those apart, because a payload of the wrong shape has to stop the run
/// (exit 2) instead of quietly passing a rule. Every failure names the dotted field
/// path and what was expected, so the user can compare it with the payload.
struct GuardPayloadReader {
    /// Whether a field may be missing or `null`.
    enum Presence {
        /// Must be present and not `null`.
        case required
        /// Must be present; `null` is allowed (GitHub sends `null`, e.g. `head_commit` on deletion).
        case nullable
        /// May be absent or `null`.
        case optional
    }

    let root: JSONValue
    /// Where `root` sits in the payload (`commits[2]`), so errors name the full path.
    var prefix: String = ""

    private func fullPath(_ path: String) -> String {
        prefix.isEmpty ? path : "\(prefix).\(path)"
    }

    /// The raw value at `path`, checked against `presence`; `nil` when absent or `null` and allowed.
    private func value(_ path: String, _ presence: Presence, expected: String) throws -> JSONValue? {
        let found = root.value(at: path)
        let path = fullPath(path)
        switch (found, presence) {
        case (nil, .required), (nil, .nullable):
            throw InputError("event payload: \(path) is missing; expected \(expected)")
        case (.null?, .required):
            throw InputError("event payload: \(path) is null; expected \(expected)")
        case (nil, _), (.null?, _):
            return nil
        case (let value?, _):
            return value
        }
    }

    private static func expectation(_ kind: String, _ presence: Presence) -> String {
        presence == .required ? kind : "\(kind) or null"
    }

    func object(_ path: String, _ presence: Presence) throws -> JSONValue? {
        let expected = Self.expectation("an object", presence)
        guard let value = try value(path, presence, expected: expected) else { return nil }
        guard case .object = value else { throw Self.mismatch(fullPath(path), value, expected) }
        return value
    }

    func string(_ path: String, _ presence: Presence) throws -> String? {
        let expected = Self.expectation("a string", presence)
        guard let value = try value(path, presence, expected: expected) else { return nil }
        guard let text = value.stringValue else { throw Self.mismatch(fullPath(path), value, expected) }
        return text
    }

    func array(_ path: String, _ presence: Presence) throws -> [JSONValue]? {
        let expected = Self.expectation("an array", presence)
        guard let value = try value(path, presence, expected: expected) else { return nil }
        guard let items = value.arrayValue else { throw Self.mismatch(fullPath(path), value, expected) }
        return items
    }

    /// A whole number such as a user id (JSON numbers decode as `Double`).
    func integer(_ path: String, _ presence: Presence) throws -> Int? {
        let expected = Self.expectation("a whole number", presence)
        guard let value = try value(path, presence, expected: expected) else { return nil }
        guard let number = value.numberValue, let whole = Int(exactly: number) else {
            throw Self.mismatch(fullPath(path), value, expected)
        }
        return whole
    }

    static func mismatch(_ path: String, _ value: JSONValue, _ expected: String) -> InputError {
        InputError("event payload: \(path) is \(describe(value)); expected \(expected)")
    }

    /// "a number", "an array", ... for error messages; never echoes the value itself,
    /// which is untrusted and may be large.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
