/// What parse-tag parses with. parse-tag has no `.releasekit.yml` keys, so these are
/// the flags or their defaults.
public struct ParseTagSettings: Sendable, Equatable {
    /// The tag named on the command line; nil: the CI environment's.
    public var tag: String?
    public var scheme: VersionSchemeChoice
    /// The component the tag must belong to.
    public var component: String?

    public init(tag: String? = nil, scheme: VersionSchemeChoice = .auto, component: String? = nil) {
        self.tag = tag
        self.scheme = scheme
        self.component = component
    }
}
