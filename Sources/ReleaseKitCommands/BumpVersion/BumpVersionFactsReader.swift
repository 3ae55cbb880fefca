import Git
import ReleaseKitCore
import ReleaseKitRuntime

/// Gathers what bump-version's plan reads, through the tool context: the version
/// files of a package (named, else detected) with their bytes, and the commit
/// messages of the range a baseline names. It decides nothing.
struct BumpVersionFactsReader {
    let repository: Repository?
    let paths: PathResolver
    let context: ToolContext

    /// The package's version files as read: each named file (which must exist, be a
    /// regular file and, in a repository, lie inside it), else the detected candidates.
    func files(of package: BumpVersionPackage) throws -> [VersionFileBytes] {
        let detected = package.files == nil
        return try (package.files ?? detectedFiles(package)).map { named in
            let ref = try named.resolvingSymlinks(root: paths.root, confined: repository != nil, in: context.fileSystem)
            let file = try VersionFile(ref.spec)
            return VersionFileBytes(ref: ref, file: file, bytes: try read(ref), detected: detected)
        }
    }

    /// The messages of the commits in `range` (newest first), nil when there is no
    /// history to read: outside git, or on an unborn HEAD. A HEAD git cannot read is
    /// an error (exit 1), never "nothing releasable".
    func commits(in range: ReleaseBaseline.CommitRange?, of package: BumpVersionPackage) async throws -> [String]? {
        guard let range, let repository, try await repository.resolveCommit("HEAD") != nil else { return nil }
        let messages = try await repository.commits(since: range.startRef, paths: range.directories).map(\.message)
        context.log.debug("\(package.component.isEmpty ? "package" : package.component): \(messages.count) commits since \(range.start ?? "the start of history"), \(BumpVersionPlan.countedCommits(messages).count) after leaving out release commits")
        return messages
    }

    /// The package's changelog with the release's section merged in (`--changelog`),
    /// from the history render-changelog would read for the tag `plan` makes; nil
    /// when the package has no changelog or releases nothing.
    func changelog(for plan: PackagePlan, of package: BumpVersionPackage, rules: ChangelogSettings) async throws -> PlannedFile? {
        guard let named = package.changelog, let settings = ReleaseChangelog.settings(for: plan, changelog: rules) else { return nil }
        guard let repository, let end = try await repository.resolveCommit("HEAD") else {
            throw InputError("\(named.origin) \(named.displayPath): the release's section is rendered from the commits since the previous release, and there is no git history here; leave out the changelog, or run in a repository with commits")
        }
        let ref = try changelogFile(named)
        let selection: TagSelection
        let range: ChangelogRange
        do {
            selection = try TagSelection(references: try await repository.tagReferences(), requestedComponent: settings.component,
                                         tag: settings.tag, endCommit: end, locatedTag: nil)
            guard let planned = try ChangelogRange.plan(selection: selection, settings: settings, endCommit: end) else {
                preconditionFailure("the range of a pending tag does not depend on reachable tags")
            }
            range = planned
        } catch let error as RenderChangelogPlanError {
            throw InputError("\(named.origin) \(named.displayPath): \(error)")
        }
        let commits = try await repository.history(revisions: range.revisions)
        let touching = settings.paths.isEmpty ? nil : try await repository.commitsTouching(paths: settings.paths, revisions: range.revisions)
        let facts = RenderChangelogFacts(commits: commits, touching: touching,
                                         links: await RenderChangelogJob.links(ci: context.ci) { await repository.remoteURL("origin") },
                                         today: RenderChangelogJob.day(context.now()))
        let existing = context.fileSystem.exists(ref.absolutePath) ? Array(try context.fileSystem.read(ref.absolutePath)) : nil
        return try ReleaseChangelog.planned(ref, existing: existing, range: range, selection: selection, settings: settings,
                                            facts: facts, note: plan.dependencyNote, redact: context.log.redactor.redact)
    }

    /// An existing changelog as a version file is checked (a regular file inside the
    /// repository, symlinks resolved); a missing one only needs to be inside.
    private func changelogFile(_ named: VersionFileRef) throws -> VersionFileRef {
        if context.fileSystem.exists(named.absolutePath) {
            return try named.resolvingSymlinks(root: paths.root, confined: true, in: context.fileSystem)
        }
        guard !paths.relative(named.absolutePath).hasPrefix("/") else {
            throw VersionFileError(path: named.displayPath, reason: "is outside the repository \(paths.root), given by \(named.origin); the changelog is committed with the release, so it must be inside the repository")
        }
        return named
    }

    private func read(_ ref: VersionFileRef) throws -> [UInt8] {
        guard context.fileSystem.exists(ref.absolutePath) else {
            throw VersionFileError(path: ref.displayPath, reason: "no such file")
        }
        return Array(try context.fileSystem.read(ref.absolutePath))
    }

    /// The files the core's detection rule finds, asked about through the context.
    private func detectedFiles(_ package: BumpVersionPackage) -> [VersionFileRef] {
        let fileSystem = context.fileSystem
        let detection = VersionFileDetection(
            exists: { fileSystem.exists($0) },
            children: { (try? fileSystem.contentsOfDirectory($0)) ?? [] },
            read: { (try? fileSystem.read($0)).map(Array.init) })
        return detection.files(in: package.detectionRoots).map { found in
            VersionFileRef(absolutePath: found.path, displayPath: paths.relative(found.path),
                           spec: VersionFileSpec(path: paths.relative(found.path)), origin: "found in \(paths.relative(found.root))")
        }
    }
}
