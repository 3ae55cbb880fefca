/// What bump-version reads from the repository, gathered at the edge through the
/// tool context: the tags, and per package its version files' bytes and the commit
/// messages in its range.
public struct BumpVersionFacts: Sendable {
    /// Every tag name in the repository (empty outside git).
    public var tags: [String]
    /// One per `BumpVersionSettings.packages`, in the same order.
    public var packages: [Package]

    public struct Package: Sendable {
        /// The package's version files: the named ones, else the detected candidates.
        public var files: [VersionFileBytes]
        /// The messages of the commits in the range `ReleaseBaseline.range` names,
        /// newest first; nil when no history was read (outside git, an unborn HEAD,
        /// or a level or version that does not depend on commits).
        public var commits: [String]?

        public init(files: [VersionFileBytes], commits: [String]? = nil) {
            self.files = files
            self.commits = commits
        }
    }

    public init(tags: [String], packages: [Package]) {
        self.tags = tags
        self.packages = packages
    }
}

/// One version file's bytes as read, with the file kind its name calls for.
public struct VersionFileBytes: Sendable {
    public let ref: VersionFileRef
    public let file: VersionFile
    public let bytes: [UInt8]
    /// Named by `--file` or the configuration (an error when it holds no version),
    /// or detected (passed over when another detected file holds the version).
    public let detected: Bool

    public init(ref: VersionFileRef, file: VersionFile, bytes: [UInt8], detected: Bool) {
        self.ref = ref
        self.file = file
        self.bytes = bytes
        self.detected = detected
    }
}
