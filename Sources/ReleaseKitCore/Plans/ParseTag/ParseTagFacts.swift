/// What parse-tag reads: the tag, and the repository's tags to find the previous release.
public struct ParseTagFacts: Sendable, Equatable {
    /// The tag the run is about: the flag's, else the one the CI environment names.
    public var tag: String
    /// Every tag name in the repository; nil outside a repository.
    public var tags: [String]?
    /// A shallow clone lacks earlier tags, so the previous release may be wrong.
    public var isShallow: Bool

    public init(tag: String, tags: [String]?, isShallow: Bool = false) {
        self.tag = tag
        self.tags = tags
        self.isShallow = isShallow
    }
}
