/// Builds the values a Mustache template walks straight from a document written
/// member by member (`ChangelogContext.write(to:)`): dictionaries, arrays, strings,
/// integers and booleans, the Foundation-free shapes swift-mustache renders. `null`
/// becomes absent, so a `{{#scope}}` section shows only when there is a scope.
struct MustacheValueBuilder: DocumentSink {
    /// An object or array being filled, and the key it will have in its parent.
    private struct Frame {
        var isObject: Bool
        var members: [String: Any] = [:]
        var elements: [Any] = []
        var key: String?
    }

    private var frames: [Frame] = []
    private var pendingKey: String?
    private var reused: [String: Any] = [:]
    /// The finished document.
    private(set) var value: Any?

    mutating func beginObject() { push(isObject: true) }
    mutating func endObject() { pop() }
    mutating func beginArray() { push(isObject: false) }
    mutating func endArray() { pop() }
    mutating func key(_ name: StaticString) { pendingKey = name.description }
    mutating func string(_ value: String) { add(value) }
    mutating func integer(_ value: Int) { add(value) }
    mutating func bool(_ value: Bool) { add(value) }
    mutating func null() { add(nil) }

    mutating func reusing(_ key: String, _ write: (inout MustacheValueBuilder) -> Void) {
        if let value = reused[key] { return add(value) }
        // Written into a one-element array of its own, then taken out and kept.
        push(isObject: false)
        write(&self)
        let frame = frames.removeLast()
        pendingKey = frame.key
        let value = frame.elements.first
        reused[key] = value
        add(value)
    }

    private mutating func push(isObject: Bool) {
        frames.append(Frame(isObject: isObject, key: pendingKey))
        pendingKey = nil
    }

    private mutating func pop() {
        let frame = frames.removeLast()
        pendingKey = frame.key
        add(frame.isObject ? frame.members : frame.elements)
    }

    private mutating func add(_ value: Any?) {
        defer { pendingKey = nil }
        guard !frames.isEmpty else { self.value = value; return }
        guard let value else { return }
        let top = frames.count - 1
        if frames[top].isObject {
            frames[top].members[pendingKey ?? ""] = value
        } else {
            frames[top].elements.append(value)
        }
    }
}
