/// One package to plan, with every setting resolved: flag, then configuration, then default.
public struct BumpVersionPackage: Sendable {
    /// The tags' component; empty for a single-package repository.
    public let component: String
    /// Repository-relative directories whose commits count; empty for the whole repository.
    public let directories: [String]
    /// Where to look for known version files when none are named.
    public let detectionRoots: [String]
    public let scheme: VersionSchemeChoice?
    public let tagFormat: TagFormat
    /// Named files, or nil to detect them.
    public let files: [VersionFileRef]?
    /// The changelog the release's section goes into (`--changelog`, `packages[].changelog`,
    /// `changelog-file`), nil for none.
    public let changelog: VersionFileRef?

    public init(component: String, directories: [String], detectionRoots: [String], scheme: VersionSchemeChoice?,
                tagFormat: TagFormat, files: [VersionFileRef]?, changelog: VersionFileRef? = nil) {
        self.component = component
        self.directories = directories
        self.detectionRoots = detectionRoots
        self.scheme = scheme
        self.tagFormat = tagFormat
        self.files = files
        self.changelog = changelog
    }
}
