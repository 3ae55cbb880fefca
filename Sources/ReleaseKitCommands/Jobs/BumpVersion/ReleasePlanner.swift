import Foundation
import Git
import ReleaseKitCore
import ReleaseKitRuntime

/// What will happen to one package.
struct PackagePlan: Sendable {
    let component: String
    let directories: [String]
    let scheme: VersionScheme
    let current: Version
    /// Where `current` came from: `--current`, a tag name, a file, or `default`.
    let currentSource: String
    /// The highest existing tag of the component, the start of the commit range.
    let previousTag: String?
    let decision: NextVersion.Decision
    let tag: String?
    var files: [PlannedFile]
    var commit: String?

    var next: Version? { decision.version }
    var released: Bool { decision.version != nil }
    var label: String { component.isEmpty ? "the package" : component }

    func json(dryRun: Bool) -> JSONValue {
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
            "changed-files": .array(files.filter(\.changes).map { .string($0.ref.displayPath) }),
            "commit": .string(commit ?? ""),
            "dry-run": .bool(dryRun),
        ])
    }
}

/// Plans each package: scheme, current version, commits since its last tag, the
/// decision, and the new content of every version file, all before anything is written.
struct ReleasePlanner {
    let repository: Repository?
    let tags: [String]
    let options: BumpVersionOptions
    let config: ReleaseKitConfig
    let paths: PathResolver
    let context: ToolContext

    func plan(_ target: PackageTarget) throws -> PackagePlan {
        let files = try versionFiles(target)
        let scheme = inferScheme(target, files)
        let choice = VersionSchemeChoice(scheme)

        // Every release of the component, under the package's scheme.
        var existing: [(tag: String, version: Version)] = []
        for tag in tags {
            if let version = target.tagFormat.version(in: tag, component: target.component, scheme: choice) {
                existing.append((tag, version))
            }
        }
        let highest = Self.highest(existing)

        let (current, source) = try currentVersion(target, files, highest, choice)
        let explicit = try options.set.map { text -> Version in
            var text = Substring(text)
            if text.first == "v" || text.first == "V" { text = text.dropFirst() }
            return try Version.parse(String(text), scheme: choice)
        }
        let level = options.level ?? .auto
        var commits: [ParsedCommit] = []
        // An unborn HEAD has no commits to read; a HEAD git cannot read is an error
        // (exit 1), never "nothing releasable".
        if explicit == nil, level == .auto, let repository, try repository.resolveCommit("HEAD") != nil {
            // A final release covers everything since the previous final release, as its
            // changelog does: from a prerelease without --pre, read from the last final
            // tag, so seed 001's final run (on another branch than the rc tags) sees the
            // work its release candidates shipped.
            var start = highest
            if options.pre == nil, let pending = highest, pending.version.isPrerelease {
                start = Self.highest(existing.filter { !$0.version.isPrerelease })
            }
            let logged = try repository.commits(since: start.map { "refs/tags/" + $0.tag }, paths: target.directories)
            commits = logged.lazy.map { ParsedCommit(message: $0.message) }.filter { !$0.isReleaseCommit }
            context.log.debug("\(target.component.isEmpty ? "package" : target.component): \(logged.count) commits since \(start?.tag ?? "the start of history"), \(commits.count) after leaving out release commits")
        }
        if options.all, level == .final, !current.isPrerelease {
            // --all --level final finalises the packages that have a pending prerelease.
            return PackagePlan(component: target.component, directories: target.directories, scheme: scheme,
                               current: current, currentSource: source, previousTag: highest?.tag,
                               decision: .init(level: BumpLevel.none.rawValue, version: nil), tag: nil, files: files, commit: nil)
        }
        let decision = try NextVersion.decide(
            current: current, commits: commits,
            request: .init(level: level, label: options.pre, explicit: explicit, options: config.bump ?? .init()),
            existing: existing)

        var planned = files
        var tag: String?
        if let next = decision.version {
            tag = target.tagFormat.tag(component: target.component, version: next.normalized)
            for index in planned.indices {
                try planned[index].file.check(canExpress: next)
                planned[index].new = try planned[index].file.updated(planned[index].old, to: next)
            }
        }
        return PackagePlan(component: target.component, directories: target.directories, scheme: scheme,
                           current: current, currentSource: source, previousTag: highest?.tag, decision: decision,
                           tag: tag, files: planned, commit: nil)
    }

    /// The highest release by precedence; on a tie the smallest tag name, so the
    /// answer never depends on the order git lists tags in.
    static func highest(_ releases: [(tag: String, version: Version)]) -> (tag: String, version: Version)? {
        releases.reduce(nil as (tag: String, version: Version)?) { best, candidate in
            guard let best else { return candidate }
            switch candidate.version.precedence(comparedTo: best.version) {
            case .higher?: return candidate
            case .same?: return candidate.tag.utf8.lexicographicallyPrecedes(best.tag.utf8) ? candidate : best
            default: return best
            }
        }
    }

    // MARK: - Version files

    private func versionFiles(_ target: PackageTarget) throws -> [PlannedFile] {
        if let named = target.files {
            return try named.map { named in
                let ref = try named.resolvingSymlinks(root: paths.root, confined: repository != nil)
                let file = try VersionFile(ref.spec)
                let bytes = try read(ref)
                return PlannedFile(ref: ref, file: file, old: bytes, locations: try file.locate(in: bytes))
            }
        }
        var found: [PlannedFile] = []
        var skipped: [VersionFileError] = []
        for detected in detectedFiles(target) {
            let ref = try detected.resolvingSymlinks(root: paths.root, confined: repository != nil)
            let file = try VersionFile(ref.spec)
            let bytes = try read(ref)
            do {
                found.append(PlannedFile(ref: ref, file: file, old: bytes, locations: try file.locate(in: bytes)))
            } catch let error as VersionFileError {
                skipped.append(error)
            }
        }
        // A detected file that holds no usable version (a dynamic pyproject.toml next to
        // the __init__.py it reads, a private package.json) is passed over when another
        // file holds the version; when none does, that is the error to report.
        if found.isEmpty, let first = skipped.first { throw first }
        for error in skipped { context.log.notice("not editing \(error.path): \(error.reason)") }
        return found
    }

    private func read(_ ref: VersionFileRef) throws -> [UInt8] {
        guard context.fileSystem.exists(ref.absolutePath) else {
            throw VersionFileError(path: ref.displayPath, reason: "no such file")
        }
        return Array(try context.fileSystem.read(ref.absolutePath))
    }

    /// The known files directly in each detection root, and Python modules holding a
    /// literal `__version__` one level down (`pkg/`, `src/pkg/`).
    private func detectedFiles(_ target: PackageTarget) -> [VersionFileRef] {
        var refs: [VersionFileRef] = []
        for root in target.detectionRoots {
            for name in VersionFile.detectedNames where context.fileSystem.exists(root + "/" + name) {
                let absolute = root + "/" + name
                refs.append(VersionFileRef(absolutePath: absolute, displayPath: paths.relative(absolute), spec: VersionFileSpec(path: paths.relative(absolute)),
                                           origin: "found in \(paths.relative(root))"))
            }
            for directory in [root, root + "/src"] {
                let children = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.sorted() ?? []
                for child in children where !child.hasPrefix(".") && child != "tests" && child != "node_modules" {
                    for name in VersionFile.detectedModuleNames {
                        let absolute = directory + "/" + child + "/" + name
                        guard context.fileSystem.exists(absolute),
                              let data = try? context.fileSystem.read(absolute),
                              (try? PythonVersionFile().locate(in: Array(data))) != nil else { continue }
                        refs.append(VersionFileRef(absolutePath: absolute, displayPath: paths.relative(absolute), spec: VersionFileSpec(path: paths.relative(absolute)),
                                           origin: "found in \(paths.relative(root))"))
                    }
                }
            }
        }
        return refs
    }

    // MARK: - Scheme and current version

    /// Configured, else PEP 440 for Python packaging files or PEP 440-only tags or
    /// versions, else SemVer.
    private func inferScheme(_ target: PackageTarget, _ files: [PlannedFile]) -> VersionScheme {
        if let configured = target.scheme, configured != .auto { return configured == .semver ? .semver : .pep440 }
        if files.contains(where: { $0.file.editor is PyprojectFile || $0.file.editor is SetupCfgFile || $0.file.editor is PythonVersionFile }) {
            return .pep440
        }
        for text in [options.current, options.set].compactMap({ $0 }) {
            var text = Substring(text)
            if text.first == "v" || text.first == "V" { text = text.dropFirst() }
            if let version = Version.parseIfValid(String(text)) { return version.scheme }
        }
        let pep440Tags = tags.contains { target.tagFormat.version(in: $0, component: target.component, scheme: .auto)?.scheme == .pep440 }
        if pep440Tags { return .pep440 }
        if let value = files.first?.locations.first, let version = VersionFile.version(of: value, scheme: .auto) {
            return version.scheme
        }
        return .semver
    }

    private func currentVersion(_ target: PackageTarget, _ files: [PlannedFile], _ highest: (tag: String, version: Version)?,
                                _ scheme: VersionSchemeChoice) throws -> (Version, String) {
        if let text = options.current {
            var trimmed = Substring(text)
            if trimmed.first == "v" || trimmed.first == "V" { trimmed = trimmed.dropFirst() }
            return (try Version.parse(String(trimmed), scheme: scheme), "--current")
        }
        if let highest { return (highest.version, highest.tag) }
        var fromFiles: [(String, Version)] = []
        for file in files {
            for location in file.locations {
                guard let version = VersionFile.version(of: location, scheme: scheme) else {
                    throw VersionFileError(path: file.ref.displayPath, reason: "\(location.field) on line \(location.line) is \(String(reflecting: location.value)), not a \(scheme == .semver ? "SemVer" : "PEP 440") version")
                }
                fromFiles.append(("\(file.ref.displayPath):\(location.line)", version))
            }
        }
        if let first = fromFiles.first {
            let others = fromFiles.filter { $0.1.normalized != first.1.normalized }
            guard others.isEmpty else {
                throw InputError("there is no release tag for \(target.component.isEmpty ? "this package" : target.component), and its version files disagree on the current version: \(fromFiles.map { "\($0.0) has \($0.1.normalized)" }.joined(separator: ", ")); give --current VERSION or make them agree")
            }
            return (first.1, first.0)
        }
        let start = scheme == .pep440 ? "0" : "0.0.0"
        context.log.warning("no release tag (format \(target.tagFormat)) and no version file for \(target.component.isEmpty ? "this package" : target.component): starting from \(start); give --current VERSION to start elsewhere")
        return (try Version.parse(start, scheme: scheme), "default")
    }
}
