import ReleaseKitCore

extension StepOutputs {
    /// The step outputs of a tool's typed outputs value, in its fields' order, each value
    /// turned into text by the rule `ToolOutputs` documents.
    public init(_ value: some ToolOutputs) {
        let encoder = StepOutputsEncoder()
        do {
            try value.encode(to: encoder)
        } catch {
            // Only a field of a type outside the documented set gets here: a programming
            // error in an outputs type, caught by its first test.
            preconditionFailure("\(type(of: value)) cannot be written as step outputs: \(error)")
        }
        self = encoder.storage.outputs
    }
}

/// A one-level keyed encoder: an outputs value is a flat record of named texts.
private final class StepOutputsEncoder: Encoder {
    final class Storage { var outputs = StepOutputs() }
    let storage = Storage()
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Container<Key>(storage: storage))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        preconditionFailure("step outputs are a keyed record, not a list")
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        preconditionFailure("step outputs are a keyed record, not a single value")
    }

    struct Container<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let storage: Storage
        var codingPath: [CodingKey] { [] }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            guard let text = value as? StepOutputText else {
                throw Unsupported(description: "output \(key.stringValue) has type \(T.self); expected String, Bool, an integer, [String] or JSONValue")
            }
            storage.outputs.set(key.stringValue, text.stepOutputText)
        }

        mutating func encodeNil(forKey key: Key) throws {
            storage.outputs.set(key.stringValue, "")
        }

        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("output \(key.stringValue): nested records are written as JSONValue")
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            preconditionFailure("output \(key.stringValue): lists are [String] or JSONValue")
        }

        mutating func superEncoder() -> Encoder { preconditionFailure("step outputs have no superclass") }
        mutating func superEncoder(forKey key: Key) -> Encoder { preconditionFailure("step outputs have no superclass") }
    }
}
