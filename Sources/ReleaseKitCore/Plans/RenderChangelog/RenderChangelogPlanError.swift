/// What render-changelog's plan refuses, named by concept (the release, the tag, the
/// changelog file); the edge says which flag asked for it.
public enum RenderChangelogPlanError: ReleaseKitError, Equatable {
    /// The latest release was asked for, and the component has none.
    case noReleaseTag(component: String)
    /// The release was named by a tag that is not one of the component's releases.
    case notAReleaseTag(tag: String, component: String)
    /// The release was named by a tag of another component than the one asked for.
    case tagOfAnotherComponent(tag: String, component: String, requested: String)
    /// The commit being released carries tags of several components, so which
    /// component's releases to render is not decided.
    case severalComponents([String])
    /// A rendered section holds a character the changelog file's lossless encoding
    /// reserves, so merging it would corrupt the file.
    case unencodableSection(file: String)

    public var kind: FailureKind {
        if case .noReleaseTag = self { return .operationFailed }
        return .invalidInput
    }

    public var description: String {
        switch self {
        case let .noReleaseTag(component):
            "there is no release tag of \(component) yet"
        case let .notAReleaseTag(tag, component):
            "\(quotedInput(tag)) is a tag, but not a release tag of \(component)"
        case let .tagOfAnotherComponent(tag, component, requested):
            "tag \(tag) belongs to component \"\(component)\", not \"\(requested)\"; expected a tag of \(requested)"
        case let .severalComponents(components):
            "the commit being released carries tags of several components (\(components.map { "\"\($0)\"" }.joined(separator: ", ")))"
        case let .unencodableSection(file):
            "the rendered notes hold a character from U+10FF80 to U+10FFFF (from a commit message), which is kept for bytes that are not UTF-8; \(file) was not changed"
        }
    }
}
