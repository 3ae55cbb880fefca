/// The shared `.releasekit.yml`: what a repository releases and how, so that every
/// tool reads one description instead of repeating flags in each workflow step.
///
/// Every field is optional: each tool works from flags alone, and a flag given on
/// the command line wins over the file. Load it with ``ReleaseKitConfig/parse(_:file:)``.
public struct ReleaseKitConfig: Sendable, Hashable {
    /// The version scheme of every package that does not name its own.
    public var scheme: VersionSchemeChoice?
    /// The tag format of every package that does not name its own (see `TagFormat`).
    public var tagFormat: TagFormat?
    /// The release commit message template (`{component}`, `{version}`, `{tag}`,
    /// `{previous-version}`).
    public var commitMessage: String?
    /// How bump-version writes a new SemVer prerelease (`prerelease-style`).
    public var prereleaseStyle: PrereleaseStyle?
    /// What a package gets when one it depends on is released (`dependency-bump`).
    public var dependencyBump: DependencyBump?
    /// How commits turn into a level before 1.0.0.
    public var bump: BumpRules.Options?
    /// Version files of the single package (a repository without `packages`).
    public var versionFiles: [VersionFileSpec]?
    /// verify-artifacts' expected patterns when no `--expect` is given.
    public var artifacts: [String]?
    /// The packages of a monorepo, in the order written.
    public var packages: [PackageConfig]
    /// bump-version's changelog (`changelog-file`): the single package's, relative to
    /// the root; in a monorepo, the file of that name in each package's path.
    public var changelogFile: String?
    /// render-changelog's sections and filters (the `changelog:` table); nil keeps the defaults.
    public var changelog: ChangelogSettings?
    /// The forge create-release and verify-artifacts talk to; nil: from the CI environment.
    public var forge: ForgeKind?

    public init(scheme: VersionSchemeChoice? = nil, tagFormat: TagFormat? = nil, commitMessage: String? = nil,
                bump: BumpRules.Options? = nil, versionFiles: [VersionFileSpec]? = nil, packages: [PackageConfig] = []) {
        self.scheme = scheme
        self.tagFormat = tagFormat
        self.commitMessage = commitMessage
        self.bump = bump
        self.versionFiles = versionFiles
        self.packages = packages
    }

    /// The configured package called `name`, if any.
    public func package(named name: String) -> PackageConfig? {
        packages.first { $0.name == name }
    }
}

/// One releasable unit of a monorepo: its tags carry `name` as the component and
/// only commits under `path` count towards its next version.
public struct PackageConfig: Sendable, Hashable {
    public var name: String
    /// Relative to the repository root; `.` for the root itself.
    public var path: String
    public var scheme: VersionSchemeChoice?
    public var tagFormat: TagFormat?
    /// Files holding the version, relative to the repository root. `nil`: detect
    /// the known files in `path`.
    public var versionFiles: [VersionFileSpec]?
    /// verify-artifacts' expected patterns when no `--expect` is given.
    public var artifacts: [String]?
    /// bump-version's changelog for this package, relative to the repository root.
    public var changelog: String?

    public init(name: String, path: String = ".", scheme: VersionSchemeChoice? = nil,
                tagFormat: TagFormat? = nil, versionFiles: [VersionFileSpec]? = nil) {
        self.name = name
        self.path = path
        self.scheme = scheme
        self.tagFormat = tagFormat
        self.versionFiles = versionFiles
    }
}
