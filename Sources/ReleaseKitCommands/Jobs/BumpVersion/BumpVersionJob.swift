import Foundation
import Git
import ReleaseKitCore
import ReleaseKitRuntime

/// bump-version's work: resolve the packages, plan each release from its tags and
/// commits, check every version file before touching any, then write, commit, tag
/// and push — or, with `--dry-run`, show all of it and change nothing.
public struct BumpVersionJob: Sendable {
    public var options: BumpVersionOptions

    public init(options: BumpVersionOptions) {
        self.options = options
    }

    public func run(in context: ToolContext) throws -> ToolResult {
        try options.validate()
        var repository = context.repository()
        if repository == nil, options.touchesGit || (options.set == nil && (options.level ?? .auto) == .auto && !options.check) {
            throw InputError("\(context.workingDirectory) is not inside a git repository: bump-version reads tags and commits from git (outside one, give --current with --level or --set)")
        }
        var paths = PathResolver(root: repository?.path ?? context.workingDirectory, workingDirectory: context.workingDirectory)
        var config = try loadConfig(context, paths)

        // A run that changes the repository holds its lock from here to the end, and
        // first undoes whatever an interrupted run left (see ReleaseJournal).
        var lock: RepositoryLock?
        defer { lock?.release() }
        var gitDirectory: String?
        if let repository {
            let directory = try repository.commonGitDirectory()
            if options.dryRun || options.check {
                if FileManager.default.fileExists(atPath: ReleaseJournal.directory(in: directory) + "/" + ReleaseJournal.journalName) {
                    context.log.warning("an interrupted bump-version left changes in this repository (\(ReleaseJournal.directory(in: directory))); the next run without --dry-run or --check undoes them first, so files may not show the real current version now")
                }
            } else {
                lock = try RepositoryLock.acquire(in: directory) { holder in
                    context.log.notice("the previous bump-version in this repository (\(holder)) ended without releasing its lock")
                }
                try ReleaseJournal.recover(gitDirectory: directory, repository: repository, log: context.log)
                gitDirectory = directory
            }
        }

        let session = repository.map { GitSession(repository: $0, options: options, context: context) }
        if options.releaseBranchMode {
            try session?.prepareReleaseBranch()
        } else if options.touchesGit {
            try session?.prepareInPlace()
        }
        // A release-branch dry run plans on what the branch would hold: origin/BASE.
        var checkout: DryRunCheckout?
        defer { checkout?.remove() }
        if let base = session?.dryRunBase, let original = repository {
            let scratch = try DryRunCheckout(from: original, at: base, temporaryDirectory: context.ci.temporaryDirectory)
            checkout = scratch
            // The working directory's place in the checkout, found on resolved paths.
            let root = URL(fileURLWithPath: original.path).resolvingSymlinksInPath().path
            let here = URL(fileURLWithPath: context.workingDirectory).resolvingSymlinksInPath().path
            let relative = here.hasPrefix(root + "/") ? String(here.dropFirst(root.count + 1)) : ""
            repository = scratch.repository
            paths = PathResolver(root: scratch.repository.path,
                                 workingDirectory: relative.isEmpty ? scratch.repository.path : scratch.repository.path + "/" + relative)
            config = try loadConfig(context, paths)
        }
        do {
            let targets = try resolveTargets(config, paths, context)
            let tags = try repository?.tagNames() ?? []
            if try repository?.isShallow() == true {
                context.log.warning("this is a shallow clone, so tags and commits may be missing and the next version may be wrong; check out with fetch-depth: 0 (actions/checkout)",
                                    title: "bump-version: shallow clone")
            }
            let planner = ReleasePlanner(repository: repository, tags: tags, options: options, config: config,
                                         paths: paths, context: context)
            var plans = try targets.map { try planner.plan($0) }

            if options.check { return try checkResult(plans, context) }
            let changed = plans.flatMap(\.files).filter(\.changes)
            if options.tag, !options.commits, !changed.isEmpty {
                throw InputError("--tag without --commit would tag a commit that does not hold the new version (\(changed.map(\.ref.displayPath).joined(separator: ", ")) would change): add --commit")
            }
            if options.dryRun {
                showDiffs(plans, context)
                return try result(plans, context, dryRun: true)
            }
            if let session, let gitDirectory, !changed.isEmpty || plans.contains(where: \.released) {
                // In a repository: journaled, so even kill -9 can be undone by the next run.
                let journal = try ReleaseJournal(gitDirectory: gitDirectory, repository: session.repository, files: changed, log: context.log)
                session.journal = journal
                session.written = try journal.replaceFiles(changed)
                try session.commitAndTag(&plans, template: options.message ?? config.commitMessage)
                // Every local change is made: from here a kill leaves a finished local
                // release, which the journal must not undo; a failed push is undone in
                // this process (restore) from what it holds in memory.
                journal.finish()
                if options.push { try session.push(plans) }
            } else {
                _ = try VersionFileWriter(fileSystem: context.fileSystem, log: context.log).write(changed)
            }
            return try result(plans, context, dryRun: false)
        } catch {
            session?.restore()
            throw error
        }
    }

    // MARK: - Inputs

    private func loadConfig(_ context: ToolContext, _ paths: PathResolver) throws -> ReleaseKitConfig {
        try ConfigurationFile.load(explicit: options.config, root: paths.root, context: context)
    }

    private func resolveTargets(_ config: ReleaseKitConfig, _ paths: PathResolver, _ context: ToolContext) throws -> [PackageTarget] {
        if options.all {
            guard !config.packages.isEmpty else {
                throw InputError("--all releases every package listed under packages: in .releasekit.yml, and there is none (see README, Configuration)")
            }
            return try config.packages.map { try target(for: $0, config, paths) }
        }
        if let name = options.component {
            if let package = config.package(named: name) { return [try target(for: package, config, paths)] }
            if !config.packages.isEmpty, options.paths.isEmpty {
                throw InputError("component \(String(reflecting: name)) is not a package in .releasekit.yml (packages: \(config.packages.map(\.name).joined(separator: ", "))); give --path DIR to release it anyway")
            }
        } else if config.packages.count == 1 {
            return [try target(for: config.packages[0], config, paths)]
        } else if config.packages.count > 1 {
            throw InputError("this repository has \(config.packages.count) packages in .releasekit.yml (\(config.packages.map(\.name).joined(separator: ", "))): choose one with --component NAME, or --all")
        }
        let component = options.component ?? ""
        let directories = options.paths.map { paths.relative(paths.fromCommandLine($0)) }.filter { $0 != "." }
        let detectionRoots = options.paths.isEmpty ? [paths.fromCommandLine(".")] : options.paths.map(paths.fromCommandLine)
        let files = try versionFiles(configured: config.versionFiles, origin: "version-files in .releasekit.yml", paths)
        return [PackageTarget(component: component, directories: directories, detectionRoots: detectionRoots,
                              scheme: config.scheme, tagFormat: config.tagFormat ?? .default(component: component), files: files)]
    }

    /// `--file` flags (relative to the working directory) win over the configured
    /// files (relative to the root); nil means detect the known files.
    private func versionFiles(configured: [VersionFileSpec]?, origin: String, _ paths: PathResolver) throws -> [VersionFileRef]? {
        if !options.files.isEmpty {
            return try options.files.map { text in
                let spec = try VersionFileSpec(parsing: text)
                let absolute = paths.fromCommandLine(spec.path)
                return VersionFileRef(absolutePath: absolute, displayPath: paths.relative(absolute), spec: spec, origin: "--file \(text)")
            }
        }
        return configured?.map { spec in
            let absolute = paths.fromConfig(spec.path)
            return VersionFileRef(absolutePath: absolute, displayPath: paths.relative(absolute), spec: spec, origin: origin)
        }
    }

    private func target(for package: PackageConfig, _ config: ReleaseKitConfig, _ paths: PathResolver) throws -> PackageTarget {
        let root = paths.fromConfig(package.path)
        let relative = paths.relative(root)
        let directories = options.paths.isEmpty ? (relative == "." ? [] : [relative])
            : options.paths.map { paths.relative(paths.fromCommandLine($0)) }.filter { $0 != "." }
        let files = try versionFiles(configured: package.versionFiles,
                                     origin: "version-files of package \(package.name) in .releasekit.yml", paths)
        return PackageTarget(component: package.name, directories: directories, detectionRoots: [root],
                             scheme: package.scheme ?? config.scheme,
                             tagFormat: package.tagFormat ?? config.tagFormat ?? .default(component: package.name), files: files)
    }

    // MARK: - Results

    private func showDiffs(_ plans: [PackagePlan], _ context: ToolContext) {
        for file in plans.flatMap(\.files) where file.changes {
            let diff = UnifiedDiff.diff(old: String(decoding: file.old, as: UTF8.self),
                                        new: String(decoding: file.new!, as: UTF8.self), path: file.ref.displayPath)
            context.log.verbatim(diff)
        }
        context.log.notice("dry run: nothing was written, committed, tagged or pushed")
    }

    private func checkResult(_ plans: [PackagePlan], _ context: ToolContext) throws -> ToolResult {
        var disagreements: [String] = []
        for plan in plans {
            for file in plan.files {
                for location in file.locations {
                    let read = VersionFile.version(of: location, scheme: VersionSchemeChoice(plan.scheme))
                    if read?.normalized != plan.current.normalized {
                        disagreements.append("\(file.ref.displayPath):\(location.line) \(location.field) is \(location.value), expected \(plan.current.normalized)\(plan.component.isEmpty ? "" : " (\(plan.component))")")
                    }
                }
            }
            if plan.files.isEmpty {
                context.log.warning("no version files for \(plan.label): nothing to check")
            }
        }
        var outputs = StepOutputs()
        let single = plans.count == 1 ? plans.first : nil
        outputs.set("previous-version", lines(plans.map(\.current.normalized)))
        outputs.set("version", lines(plans.map(\.current.normalized)))
        outputs.set("level", single == nil ? lines(plans.map { _ in "none" }) : "none")
        outputs.set("released", false)
        outputs.set("tag", "")
        outputs.set("component", lines(plans.map(\.component)))
        outputs.set("changed-files", lines: [])
        outputs.set("commit", "")
        outputs.set("plan", JSONValue.array(plans.map { $0.json(dryRun: false) }))
        if disagreements.isEmpty {
            context.log.info("every version file agrees with \(plans.map { "\($0.label) \($0.current.normalized)" }.joined(separator: ", "))")
            return ToolResult(outputs: outputs)
        }
        context.log.error("\(disagreements.count) version value\(disagreements.count == 1 ? " disagrees" : "s disagree") with the current version:\n" + disagreements.joined(separator: "\n"),
                          title: "bump-version --check")
        return ToolResult(outputs: outputs, failed: true)
    }

    private func lines(_ values: [String]) -> String { values.joined(separator: "\n") }

    private func result(_ plans: [PackagePlan], _ context: ToolContext, dryRun: Bool) throws -> ToolResult {
        let released = plans.filter(\.released)
        // One package: its values. Several (--all): one line per released package,
        // in plan order, so `version` and `tag` line up.
        let shown = plans.count == 1 ? plans : released
        var outputs = StepOutputs()
        outputs.set("previous-version", lines(shown.map(\.current.normalized)))
        outputs.set("version", lines(shown.map { $0.next?.normalized ?? $0.current.normalized }))
        outputs.set("level", lines(shown.map(\.decision.level)))
        outputs.set("released", !released.isEmpty)
        outputs.set("tag", lines(shown.compactMap(\.tag)))
        outputs.set("component", lines(shown.map(\.component)))
        outputs.set("changed-files", lines: plans.flatMap(\.files).filter(\.changes).map(\.ref.gitPath))
        outputs.set("commit", plans.compactMap(\.commit).last ?? "")
        outputs.set("plan", JSONValue.array(plans.map { $0.json(dryRun: dryRun) }))

        for plan in plans {
            if let next = plan.next {
                context.log.info("\(plan.label): \(plan.current.normalized) → \(next.normalized) (\(plan.decision.level))\(dryRun ? " [dry run]" : "")")
            } else {
                context.log.info("\(plan.label): nothing releasable since \(plan.previousTag ?? "the start of history") (level none); version stays \(plan.current.normalized)")
            }
        }
        let rows = plans.map { plan in
            [plan.component.isEmpty ? "—" : plan.component, plan.current.normalized, plan.next?.normalized ?? "—",
             plan.decision.level, plan.tag ?? "—"]
        }
        try context.summary.append("### bump-version\(dryRun ? " (dry run)" : "")\n\n" + StepSummary.table(
            header: ["Package", "Previous", "Next", "Level", "Tag"], rows: rows))
        return ToolResult(outputs: outputs)
    }
}
