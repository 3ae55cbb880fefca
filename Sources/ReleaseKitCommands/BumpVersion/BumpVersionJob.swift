import Foundation
import Git
import ReleaseKitCore
import ReleaseKitRuntime

/// bump-version's run, in the shape every tool has: settings (flag, config, default),
/// facts read through the context, the pure plan of the core, then the effects —
/// write, commit, tag, push — which a dry run and `--check` never reach.
public struct BumpVersionJob: Sendable {
    public var options: BumpVersionOptions

    public init(options: BumpVersionOptions) {
        self.options = options
    }

    public func run(in context: ToolContext) async throws -> ToolResult {
        try options.checkCombinations()
        let repository = await context.repository()
        if repository == nil, options.touchesGit || options.readsHistory {
            throw InputError("\(context.workingDirectory) is not inside a git repository: bump-version reads tags and commits from git (outside one, give --current with --level or --set)")
        }
        let paths = PathResolver(root: repository?.path ?? context.workingDirectory, workingDirectory: context.workingDirectory)
        let config = try loadConfig(context, paths)

        // A run that changes the repository holds its lock from here to the end, and
        // first undoes whatever an interrupted run left (see ReleaseJournal).
        var lock: RepositoryLock?
        defer { lock?.release() }
        var gitDirectory: String?
        if let repository {
            let directory = try await repository.commonGitDirectory()
            if options.dryRun || options.check {
                if context.fileSystem.exists(ReleaseJournal.directory(in: directory) + "/" + ReleaseJournal.journalName) {
                    context.log.warning("an interrupted bump-version left changes in this repository (\(ReleaseJournal.directory(in: directory))); the next run without --dry-run or --check undoes them first, so files may not show the real current version now")
                }
            } else {
                lock = try RepositoryLock.acquire(in: directory, host: context.hostName()) { holder in
                    context.log.notice("the previous bump-version in this repository (\(holder)) ended without releasing its lock")
                }
                try await ReleaseJournal.recover(gitDirectory: directory, repository: repository, fileSystem: context.fileSystem, log: context.log)
                gitDirectory = directory
            }
        }

        var session: GitSession?
        if let repository { session = await GitSession(repository: repository, options: options, context: context) }
        if options.releaseBranchMode {
            try await session?.prepareReleaseBranch()
        } else if options.touchesGit {
            try await session?.prepareInPlace()
        }
        // A release-branch dry run plans on what the branch would hold: origin/BASE, in a
        // temporary worktree that is removed however the run ends.
        var checkout: DryRunCheckout?
        if let base = session?.dryRunBase, let original = repository {
            checkout = try await DryRunCheckout(from: original, at: base, temporaryDirectory: context.ci.temporaryDirectory)
        }
        do {
            let result = try await release(session: session, checkout: checkout, repository: repository, paths: paths,
                                           config: config, gitDirectory: gitDirectory, context)
            await checkout?.remove()
            return result
        } catch {
            await checkout?.remove()
            throw error
        }
    }

    /// Plans and applies the release, on the dry-run checkout when there is one.
    private func release(session: GitSession?, checkout: DryRunCheckout?, repository: Repository?, paths: PathResolver,
                         config: ReleaseKitConfig, gitDirectory: String?, _ context: ToolContext) async throws -> ToolResult {
        var repository = repository
        var paths = paths
        var config = config
        if let scratch = checkout, let original = repository {
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
            let settings = try options.settings(config: config, paths: paths)
            let tags = try await repository?.tagNames() ?? []
            if try await repository?.isShallow() == true {
                context.log.warning("this is a shallow clone, so tags and commits may be missing and the next version may be wrong; check out with fetch-depth: 0 (actions/checkout)",
                                    title: "bump-version: shallow clone")
            }
            var plan = try await plan(settings, tags: tags, reader: BumpVersionFactsReader(repository: repository, paths: paths, context: context), context)

            if options.check { return try checkResult(plan, context) }
            let changed = plan.changedFiles
            if options.tag, !options.commits, !changed.isEmpty {
                throw InputError("--tag without --commit would tag a commit that does not hold the new version (\(changed.map(\.ref.displayPath).joined(separator: ", ")) would change): add --commit")
            }
            if options.dryRun {
                showDiffs(plan, context)
                return try result(plan, context, dryRun: true)
            }
            try await BumpVersionEffects(session: session, gitDirectory: gitDirectory, push: options.push, context: context)
                .apply(&plan, message: settings.message)
            return try result(plan, context, dryRun: false)
        } catch {
            await session?.restore()
            throw error
        }
    }

    // MARK: - Facts and plan

    /// Each package in turn: its files, the first pure step (scheme, current version,
    /// range), the commits of that range, the second pure step (decision, tag, bytes).
    /// Package by package, so the first package's problem is the one reported.
    private func plan(_ settings: BumpVersionSettings, tags: [String], reader: BumpVersionFactsReader,
                      _ context: ToolContext) async throws -> BumpVersionPlan {
        var packages: [PackagePlan] = []
        for package in settings.packages {
            let files = try reader.files(of: package)
            let baseline: ReleaseBaseline
            do {
                baseline = try ReleaseBaseline(package: package, files: files, tags: tags, settings: settings)
            } catch let error as BumpVersionPlanError {
                throw InputError("\(error); give --current VERSION or make them agree")
            }
            baseline.notices.forEach { context.log.notice($0) }
            if let start = baseline.defaultStart { context.log.warning(start + "; give --current VERSION to start elsewhere") }
            let commits = try await reader.commits(in: baseline.range, of: package)
            packages.append(try BumpVersionPlan.plan(baseline, commits: commits, settings: settings))
        }
        return BumpVersionPlan(packages: packages)
    }

    // MARK: - Inputs

    private func loadConfig(_ context: ToolContext, _ paths: PathResolver) throws -> ReleaseKitConfig {
        try ConfigurationFile.load(explicit: options.config, root: paths.root, context: context)
    }

    // MARK: - Results

    private func showDiffs(_ plan: BumpVersionPlan, _ context: ToolContext) {
        for file in plan.changedFiles {
            let diff = UnifiedDiff.diff(old: String(decoding: file.old, as: UTF8.self),
                                        new: String(decoding: file.new!, as: UTF8.self), path: file.ref.displayPath)
            context.log.verbatim(diff)
        }
        context.log.notice("dry run: nothing was written, committed, tagged or pushed")
    }

    private func checkResult(_ plan: BumpVersionPlan, _ context: ToolContext) throws -> ToolResult {
        let plans = plan.packages
        for plan in plans where plan.files.isEmpty {
            context.log.warning("no version files for \(plan.label): nothing to check")
        }
        let disagreements = plans.flatMap(\.disagreements)
        let outputs = BumpVersionOutputs(checking: plan)
        if disagreements.isEmpty {
            context.log.info("every version file agrees with \(plans.map { "\($0.label) \($0.current.normalized)" }.joined(separator: ", "))")
            return ToolResult(outputs)
        }
        context.log.error("\(disagreements.count) version value\(disagreements.count == 1 ? " disagrees" : "s disagree") with the current version:\n" + disagreements.joined(separator: "\n"),
                          title: "bump-version --check")
        return ToolResult(outputs, failed: true)
    }

    private func result(_ plan: BumpVersionPlan, _ context: ToolContext, dryRun: Bool) throws -> ToolResult {
        let plans = plan.packages
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
        return ToolResult(BumpVersionOutputs(releasing: plan, dryRun: dryRun))
    }
}
