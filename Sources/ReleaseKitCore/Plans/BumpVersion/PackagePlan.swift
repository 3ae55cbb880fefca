/// One pin of a package on another package of the repository, and what this run
/// makes of it: the `dependencies` of the `plan` output.
public struct PlannedPin: Sendable, Hashable {
    /// The package depended on (its component).
    public let dependency: String
    /// The name the manifest pins it by.
    public let pinnedName: String
    public let file: String
    public let field: String
    public let requirement: String
    /// The requirement after this run (the same when it does not move).
    public var updated: String
    /// The dependency's new version, when this run releases it.
    public let version: Version?

    public init(_ edge: DependencyGraph.Edge, version: Version?) {
        dependency = edge.dependency
        pinnedName = edge.pin.name
        file = edge.file
        field = edge.pin.field
        requirement = edge.pin.requirement
        updated = edge.pin.requirement
        self.version = version
    }

    var json: JSONValue {
        .object([
            "package": .string(dependency), "name": .string(pinnedName), "file": .string(file), "field": .string(field),
            "requirement": .string(requirement), "updated": .string(updated), "version": .string(version?.normalized ?? ""),
        ])
    }
}

/// What will happen to one package: the decision, its tag and each file's new bytes.
public struct PackagePlan: Sendable {
    public let component: String
    public let directories: [String]
    public let scheme: VersionScheme
    public let current: Version
    /// Where `current` came from: `--current`, a tag name, a file, or `default`.
    public let currentSource: String
    /// The highest existing tag of the component.
    public let previousTag: String?
    /// The commits that were read to decide, when the level came from commits.
    public let range: ReleaseBaseline.CommitRange?
    public let decision: NextVersion.Decision
    public let tag: String?
    public var files: [PlannedFile]
    /// The changelog with the release's section (`--changelog`), once planned.
    public var changelog: PlannedFile?
    /// Its pins on other packages of the repository.
    public var dependencies: [PlannedPin]
    /// The release commit, once the executor made it.
    public var commit: String?

    public init(component: String, directories: [String], scheme: VersionScheme, current: Version, currentSource: String,
                previousTag: String?, range: ReleaseBaseline.CommitRange?, decision: NextVersion.Decision, tag: String?,
                files: [PlannedFile], dependencies: [PlannedPin] = [], commit: String? = nil) {
        self.component = component
        self.directories = directories
        self.scheme = scheme
        self.current = current
        self.currentSource = currentSource
        self.previousTag = previousTag
        self.range = range
        self.decision = decision
        self.tag = tag
        self.files = files
        self.dependencies = dependencies
        self.commit = commit
    }

    public var next: Version? { decision.version }
    public var released: Bool { decision.version != nil }
    public var label: String { component.isEmpty ? "the package" : component }

    /// The changelog's line for the dependencies this run released and this package
    /// pins: `Dependencies: aetherflow-core 0.1.0rc2`.
    public var dependencyNote: String? {
        var seen = Set<String>()
        let moved = dependencies.compactMap { pin -> String? in
            guard let version = pin.version, seen.insert(pin.dependency).inserted else { return nil }
            return "\(pin.dependency) \(version.normalized)"
        }
        return moved.isEmpty ? nil : "Dependencies: " + moved.joined(separator: ", ")
    }

    /// What the edge warns about: a compact counter past 9 (`rc10`), which strict
    /// SemVer tools order below `rc2` (see `ReleaseRank`).
    public var warnings: [String] {
        guard let next, ReleaseRank.hasCounterPastNine(next) else { return [] }
        return ["\(label) \(next.normalized): strict-SemVer tools will order it first, before the prereleases with smaller counters, because they compare a compact counter as text; ReleaseKit orders it by number (--pre-style dotted writes rc.N, which every tool orders alike)"]
    }

    /// The files whose bytes change: the version files, then the changelog.
    public var changedFiles: [PlannedFile] { (files + [changelog].compactMap { $0 }).filter(\.changes) }

    /// The commit (and tag) message: the template with `{component}`, `{version}`,
    /// `{tag}` and `{previous-version}` filled in; nil uses the default.
    public func message(template: String?) -> String {
        let template = template ?? (component.isEmpty ? "release: {version}" : "release({component}): {version}")
        return template
            .replacingOccurrences(of: "{component}", with: component)
            .replacingOccurrences(of: "{version}", with: next?.normalized ?? "")
            .replacingOccurrences(of: "{tag}", with: tag ?? "")
            .replacingOccurrences(of: "{previous-version}", with: current.normalized)
    }

    /// The package's entry in the `plan` output.
    public func json(dryRun: Bool) -> JSONValue {
        .object([
            "component": .string(component),
            "path": .string(directories.isEmpty ? "." : directories.joined(separator: "\n")),
            "scheme": .string(scheme.rawValue),
            "previous-version": .string(current.normalized),
            "previous-tag": .string(previousTag ?? ""),
            "version": .string(next?.normalized ?? current.normalized),
            "level": .string(decision.level),
            "released": .bool(released),
            "tag": .string(tag ?? ""),
            "files": .array(files.map { .string($0.ref.displayPath) }),
            "changed-files": .array(changedFiles.map { .string($0.ref.displayPath) }),
            "commit": .string(commit ?? ""),
            "dependencies": .array(dependencies.map(\.json)),
            "dry-run": .bool(dryRun),
        ])
    }

    /// `--check`: each version value that is not the current version, as
    /// `file:line field is X, expected Y (component)`.
    public var disagreements: [String] {
        files.flatMap { file in
            file.locations.compactMap { location -> String? in
                let read = VersionFile.version(of: location, scheme: VersionSchemeChoice(scheme))
                guard read?.normalized != current.normalized else { return nil }
                return "\(file.ref.displayPath):\(location.line) \(location.field) is \(location.value), expected \(current.normalized)\(component.isEmpty ? "" : " (\(component))")"
            }
        }
    }
}
