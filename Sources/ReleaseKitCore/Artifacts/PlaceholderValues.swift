/// The release facts that patterns and templates may name: `{version}`, `{component}`,
/// `{tag}`. Each comes from a flag, else from the tag the run is about; a placeholder
/// whose value is unknown is an input error, never an empty string that would silently
/// match or render the wrong thing.
public struct PlaceholderValues: Sendable, Equatable {
    public var version: String?
    public var component: String?
    public var tag: String?

    public init(version: String? = nil, component: String? = nil, tag: String? = nil) {
        self.version = version
        self.component = component
        self.tag = tag
    }

    /// The names `{…}` may hold in an `--expect` pattern.
    public static let names = ["version", "component", "tag"]

    public func value(of name: String) -> String? {
        switch name {
        case "version": version
        case "component": component
        case "tag": tag
        default: nil
        }
    }

    /// The value of a placeholder, or an error saying where a value could have come from.
    public func require(_ name: String, in context: String) throws -> String {
        guard let value = value(of: name) else {
            throw InputError(Self.unknownMessage(name, in: context))
        }
        return value
    }

    /// What to say when `context` names `{name}` and nothing gave it a value.
    public static func unknownMessage(_ name: String, in context: String) -> String {
        "\(context) uses {\(name)} but no \(name) is known; pass --\(name) or run on a release tag (GITHUB_REF refs/tags/…, or --tag)"
    }
}
