/// The first pure step of a package's plan: what its tags and version files say
/// before any history is read. The commit range depends on the tags (and on the
/// scheme, which may depend on the files), so the edge reads commits only after
/// this step, for exactly the `range` it names.
public struct ReleaseBaseline: Sendable {
    public let package: BumpVersionPackage
    /// The files that hold a version, located.
    public let files: [PlannedFile]
    public let scheme: VersionScheme
    /// Every release of the component under `scheme`.
    public let existing: [TaggedVersion]
    /// The highest of `existing` (`ReleaseRank`).
    public let highest: TaggedVersion?
    public let current: Version
    /// How a new SemVer prerelease is written: the setting, else the style of the
    /// component's highest prerelease tag (`v1.2.0-rc1` continues `v1.3.0-rc1`),
    /// else `dotted`.
    public let preStyle: PrereleaseStyle
    /// Where `current` came from: `--current`, a tag name, `file:line`, or `default`.
    public let currentSource: String
    /// The commits that decide the level, when the level is decided by commits.
    public let range: CommitRange?
    /// Detected files passed over: for the edge to log.
    public let notices: [String]
    /// Set when neither a tag nor a file names the current version and it starts at
    /// 0.0.0 / 0: what the edge warns about.
    public let defaultStart: String?

    /// Commits after `start` (a tag name; nil: from the start of history), limited to
    /// the package's directories.
    public struct CommitRange: Sendable, Hashable {
        public let start: String?
        public let directories: [String]

        public init(start: String?, directories: [String]) {
            self.start = start
            self.directories = directories
        }

        /// The `git log` exclusion for `start`.
        public var startRef: String? { start.map(GitRef.tag) }
    }

    /// Scheme, existing releases, current version and range for `package`.
    public init(package: BumpVersionPackage, files candidates: [VersionFileBytes], tags: [String],
                settings: BumpVersionSettings) throws {
        self.package = package
        var notices: [String] = []
        files = try Self.locate(candidates, notices: &notices)
        scheme = Self.scheme(package, files, tags: tags, settings: settings)
        let choice = VersionSchemeChoice(scheme)
        existing = tags.compactMap { tag in
            package.tagFormat.version(in: tag, component: package.component, scheme: choice).map { TaggedVersion(tag: tag, version: $0) }
        }
        highest = ReleaseRank.highest(existing)
        preStyle = settings.preStyle
            ?? ReleaseRank.highest(existing.filter { $0.version.isPrerelease }).flatMap { PrereleaseStyle(of: $0.version) }
            ?? .dotted
        var defaultStart: String?
        (current, currentSource) = try Self.current(package, files, highest, choice, settings: settings, defaultStart: &defaultStart)
        if settings.set == nil, settings.level == .auto {
            // A final release covers everything since the previous final release, as its
            // changelog does: from a prerelease without --pre, read from the last final
            // tag, so seed 001's final run (on another branch than the rc tags) sees the
            // work its release candidates shipped.
            var start = highest
            if settings.pre == nil, let pending = highest, pending.version.isPrerelease {
                start = ReleaseRank.highest(existing.filter { !$0.version.isPrerelease })
            }
            range = CommitRange(start: start?.tag, directories: package.directories)
        } else {
            range = nil
        }
        self.notices = notices
        self.defaultStart = defaultStart
    }

    /// Named files must hold a version. A detected file that holds none (a dynamic
    /// pyproject.toml next to the __init__.py it reads, a private package.json) is
    /// passed over when another file holds the version; when none does, that is the
    /// error to report.
    static func locate(_ candidates: [VersionFileBytes], notices: inout [String]) throws -> [PlannedFile] {
        var found: [PlannedFile] = []
        var skipped: [VersionFileError] = []
        for candidate in candidates {
            do {
                found.append(PlannedFile(ref: candidate.ref, file: candidate.file, old: candidate.bytes,
                                         locations: try candidate.file.locate(in: candidate.bytes)))
            } catch let error as VersionFileError where candidate.detected {
                skipped.append(error)
            }
        }
        if found.isEmpty, let first = skipped.first { throw first }
        notices += skipped.map { "not editing \($0.path): \($0.reason)" }
        return found
    }

    /// Configured, else PEP 440 for Python packaging files or PEP 440-only tags or
    /// versions, else SemVer.
    static func scheme(_ package: BumpVersionPackage, _ files: [PlannedFile], tags: [String],
                       settings: BumpVersionSettings) -> VersionScheme {
        if let configured = package.scheme, configured != .auto { return configured == .semver ? .semver : .pep440 }
        if files.contains(where: { $0.file.editor is PyprojectFile || $0.file.editor is SetupCfgFile || $0.file.editor is PythonVersionFile }) {
            return .pep440
        }
        for text in [settings.current, settings.set].compactMap({ $0 }) {
            if let version = Version.parseIfValid(typed: text) { return version.scheme }
        }
        if tags.contains(where: { package.tagFormat.version(in: $0, component: package.component, scheme: .auto)?.scheme == .pep440 }) {
            return .pep440
        }
        if let value = files.first?.locations.first, let version = VersionFile.version(of: value, scheme: .auto) {
            return version.scheme
        }
        return .semver
    }

    /// `--current`, else the highest tag, else the version files (which must agree),
    /// else 0.0.0 / 0.
    static func current(_ package: BumpVersionPackage, _ files: [PlannedFile], _ highest: TaggedVersion?,
                        _ scheme: VersionSchemeChoice, settings: BumpVersionSettings,
                        defaultStart: inout String?) throws -> (Version, String) {
        if let text = settings.current {
            return (try Version.parse(typed: text, scheme: scheme), "--current")
        }
        if let highest { return (highest.version, highest.tag) }
        var fromFiles: [(source: String, version: Version)] = []
        for file in files {
            for location in file.locations {
                guard let version = VersionFile.version(of: location, scheme: scheme) else {
                    throw VersionFileError(path: file.ref.displayPath, reason: "\(location.field) on line \(location.line) is \(String(reflecting: location.value)), not a \(scheme == .semver ? "SemVer" : "PEP 440") version")
                }
                fromFiles.append(("\(file.ref.displayPath):\(location.line)", version))
            }
        }
        let name = package.component.isEmpty ? "this package" : package.component
        if let first = fromFiles.first {
            guard fromFiles.allSatisfy({ $0.version.normalized == first.version.normalized }) else {
                throw BumpVersionPlanError.versionFilesDisagree(
                    package: name, values: fromFiles.map { "\($0.source) has \($0.version.normalized)" })
            }
            return (first.version, first.source)
        }
        let start = scheme == .pep440 ? "0" : "0.0.0"
        defaultStart = "no release tag (format \(package.tagFormat)) and no version file for \(name): starting from \(start)"
        return (try Version.parse(start, scheme: scheme), "default")
    }
}
