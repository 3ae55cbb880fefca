/// Where a structured document (objects, arrays, strings, numbers, booleans, null) is
/// written member by member, without building it first. One description of a
/// document, such as `ChangelogContext.write(to:)`, then feeds every consumer: the
/// JSON text (`JSONWriter`) and the values a Mustache template walks
/// (`MustacheValueBuilder`), so the two cannot drift apart.
///
/// Objects are written with their keys in ascending order: `JSONWriter` does not
/// sort, and the JSON the toolkit prints has sorted keys.
public protocol DocumentSink {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    /// The next member's name, inside an object.
    mutating func key(_ name: StaticString)
    mutating func string(_ value: String)
    mutating func integer(_ value: Int)
    mutating func bool(_ value: Bool)
    mutating func null()
    /// Writes what `write` writes; the next time the same `key` comes, repeats that
    /// value without calling `write`. For parts of a document that recur (a commit
    /// listed under its section and under its release, again in the final after its
    /// release candidate): they are built once.
    mutating func reusing(_ key: String, _ write: (inout Self) -> Void)
}

extension DocumentSink {
    /// The string, or `null` when there is none.
    public mutating func optional(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// `key` followed by its string value.
    public mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    /// `key` followed by its string value or `null`.
    public mutating func member(_ name: StaticString, _ value: String?) {
        key(name)
        optional(value)
    }

    public mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    public mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        integer(value)
    }

    /// An object whose members `body` writes.
    public mutating func object(_ body: (inout Self) -> Void) {
        beginObject()
        body(&self)
        endObject()
    }

    /// An array with one element per item, each written by `element`.
    public mutating func array<Items: Sequence>(_ items: Items, _ element: (inout Self, Items.Element) -> Void) {
        beginArray()
        for item in items { element(&self, item) }
        endArray()
    }
}
