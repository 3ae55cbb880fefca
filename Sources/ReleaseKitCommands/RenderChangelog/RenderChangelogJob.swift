import Foundation
import Git
import ReleaseKitCore
import ReleaseKitRuntime

/// render-changelog's run: settings (flag, config, default), then the tags and the
/// range (pure, in the core), the history git gives for it, the releases and their
/// text (pure), and last the writes: the notes file and the `--prepend` changelog.
public struct RenderChangelogJob: Sendable {
    public var options: RenderChangelogOptions

    public init(options: RenderChangelogOptions) {
        self.options = options
    }

    public func run(in context: ToolContext) async throws -> ToolResult {
        do {
            return try await runStages(in: context)
        } catch let error as RenderChangelogPlanError {
            throw Self.naming(error)
        }
    }

    /// The plan's error with the flag that led to it.
    static func naming(_ error: RenderChangelogPlanError) -> any ReleaseKitError {
        switch error {
        case let .noReleaseTag(component):
            OperationError("--latest: there is no release tag of \(component) yet; tag a release first, or render the unreleased commits without --latest")
        case .notAReleaseTag:
            InputError("--tag \(error)")
        case let .tagOfAnotherComponent(tag, component, requested):
            InputError("--tag \(tag) belongs to component \"\(component)\", not \"\(requested)\" (--component); expected a tag of \(requested)")
        case .severalComponents:
            InputError("\(error); pass --component NAME to say which one to render")
        case let .unencodableSection(file):
            InputError("the rendered notes hold a character from U+10FF80 to U+10FFFF (from a commit message), which --prepend uses to keep bytes that are not UTF-8; \(file) was not changed")
        }
    }

    private func runStages(in context: ToolContext) async throws -> ToolResult {
        try options.checkCombinations()
        guard let repository = await context.repository() else {
            throw InputError("\(context.workingDirectory) is not inside a git repository; render-changelog reads the history of the repository it runs in (check out the repository first)")
        }
        let configuration = try ConfigurationFile.load(explicit: options.config, root: repository.path, context: context)
        let settings = options.settings(config: configuration) { relativePath($0, context: context, repository: repository) }
        let template = try options.template.map { path -> ChangelogTemplate in
            let file = context.path(path)
            let text = String(decoding: try context.fileSystem.read(file), as: UTF8.self)
            return try ChangelogTemplate(text, source: file)
        }

        // Facts: tags, the end of the range, and origin when the environment names no
        // repository. Each is a git process of a millisecond or two, most of it start-up,
        // and one release's run is little else: they run at once, and are awaited in
        // this order, so the first failure reported is the one a sequence would report.
        let endRef = settings.endRef
        let environmentLinks = Self.environmentLinks(ci: context.ci)
        async let shallowRead = repository.isShallow()
        async let referencesRead = repository.tagReferences()
        async let endCommitRead = repository.resolveCommit(endRef)
        async let fromCommitRead = Self.resolve(settings.from, in: repository)
        async let originRead = environmentLinks == nil ? repository.remoteURL("origin") : nil
        let shallow = try await shallowRead
        let references = try await referencesRead
        // A corrupt object throws here (exit 1) rather than reading as "no commits yet".
        guard let endCommit = try await endCommitRead else {
            throw InputError(settings.to == nil
                ? "HEAD names no commit: the repository has no commits yet; commit something first"
                : "--to \(quotedInput(endRef)) names no commit here; expected a branch, tag or commit id")
        }
        if let from = settings.from, try await fromCommitRead == nil {
            throw InputError("--from \(quotedInput(from)) names no commit here; expected a branch, tag or commit id (in a shallow clone, fetch the tags: fetch-depth: 0)")
        }
        let origin = await originRead

        // Plan, first step: the component's releases and the range to read.
        let selection = try TagSelection(references: references, requestedComponent: settings.component, tag: settings.tag,
                                         endCommit: endCommit, locatedTag: try? await context.locateTag(repository: repository))
        warnAboutTags(selection, references: references, context)
        var range = try ChangelogRange.plan(selection: selection, settings: settings, endCommit: endCommit)
        if range == nil {
            range = try ChangelogRange.plan(selection: selection, settings: settings, endCommit: endCommit,
                                            reachableTags: try await repository.tagNames(mergedInto: endCommit))
        }
        guard var range else { preconditionFailure("a range planned with the reachable tags is complete") }

        // Facts: the history of that range, and beside it (another process at the same
        // time) the commits that touch the component's paths.
        let revisions = range.revisions
        let (paths, fromPackage) = settings.commitPaths(for: selection.component)
        async let touchingRead = paths.isEmpty ? nil : repository.commitsTouching(paths: paths, revisions: revisions)
        let commits = try await repository.history(revisions: revisions)
        if range.isAll { range = try ChangelogRange.allReleases(in: commits, selection: selection, tag: settings.tag) }
        context.log.debug("read \(commits.count) commits with git \(repository.historyArguments(revisions: range.revisions).joined(separator: " "))")
        if shallow {
            try await checkShallow(commits, repository: repository, log: context.log)
        }
        if fromPackage { context.log.debug("commits of package \(selection.component): those touching \(paths[0])") }
        let touching = try await touchingRead
        let facts = await RenderChangelogFacts(commits: commits, touching: touching, template: template,
                                         links: Self.links(ci: context.ci) { origin }, today: Self.day(context.now()))

        // Plan, second step: the releases and their text.
        let plan = RenderChangelogPlan(range: range, selection: selection, settings: settings, facts: facts)
        // Commit text may hold a token: the notes file, the changelog and the `notes`
        // output all carry the same redacted text.
        let notes = context.log.redactor.redact(plan.notes)

        // Effects: the notes file and the changelog.
        let notesFile = try RenderChangelogEffects(output: options.output, prepend: options.prepend, context: context)
            .write(notes: notes, plan: plan)

        let releases = plan.releases
        let rows = releases.prefix(50).map { release in
            [release.tag ?? release.title, release.previousTag ?? "—", String(release.entries.count),
             release.hasBreakingChanges ? "yes" : "no"]
        }
        var summary = "### render-changelog\n\n" + StepSummary.table(header: ["Release", "Previous", "Commits", "Breaking"], rows: Array(rows))
        if releases.count > rows.count { summary += "\n…and \(releases.count - rows.count) older releases.\n" }
        try context.summary.append(summary)
        context.log.info("rendered \(releases.count == 1 ? "1 release" : "\(releases.count) releases") from \(commits.count) commits")
        return ToolResult(RenderChangelogOutputs(notes: notes, notesFile: notesFile, releases: releases))
    }

    // MARK: - Helpers

    /// Tags of another scheme are left out; no tags of the component while others
    /// exist usually means a missing `--component`.
    private func warnAboutTags(_ selection: TagSelection, references: [TagReference], _ context: ToolContext) {
        for ignored in selection.order.ignored {
            context.log.warning("tag \(ignored.tag) uses \(ignored.version.scheme.rawValue), unlike the other tags of its component; it is left out of the changelog")
        }
        if selection.order.tags.isEmpty, !references.isEmpty {
            let others = Set(references.compactMap { try? TagName(parsing: $0.name).component }).subtracting([selection.component])
            if !others.isEmpty {
                context.log.warning("no release tags of component \(selection.component.isEmpty ? "\"\" (plain version tags)" : "\"\(selection.component)\"") found; tags exist for \(others.sorted().prefix(5).map { "\"\($0)\"" }.joined(separator: ", ")): pass --component to render one of them")
            }
        }
    }

    /// A shallow clone has no history past its boundary: a range that reaches it
    /// would be rendered silently short, so it is an error; otherwise a warning,
    /// because tags may be missing too.
    private func checkShallow(_ commits: [HistoryCommit], repository: Repository, log: Log) async throws {
        let boundary = try await repository.shallowBoundary()
        if let cut = commits.first(where: { boundary.contains($0.sha) }) {
            throw OperationError("this is a shallow clone and the changelog's range reaches its cut-off at commit \(cut.shortSHA): the older commits and tags were not fetched, so the notes would be incomplete; check out with fetch-depth: 0 (actions/checkout) or run git fetch --unshallow --tags")
        }
        log.warning("this is a shallow clone: tags outside the fetched history are missing, so the previous release may be wrong; check out with fetch-depth: 0 (actions/checkout) to fetch the full history and tags",
                    title: "render-changelog: shallow clone")
    }

    /// `--path` values are relative to the working directory; git wants them
    /// relative to the repository root.
    private func relativePath(_ path: String, context: ToolContext, repository: Repository) -> String {
        let absolute = context.path(path)
        let root = URL(fileURLWithPath: repository.path).standardized.resolvingSymlinksInPath().path
        let resolved = URL(fileURLWithPath: absolute).standardized.resolvingSymlinksInPath().path
        if resolved == root { return "." }
        if resolved.hasPrefix(root + "/") { return String(resolved.dropFirst(root.count + 1)) }
        return absolute
    }

    /// Links from the CI environment (server URL and repository), else `origin`.
    /// `origin` is read only when the environment does not say.
    static func links(ci: CIEnvironment, origin: () async -> String?) async -> RepositoryLinks? {
        if let links = environmentLinks(ci: ci) { return links }
        return await origin().flatMap { RepositoryLinks(remoteURL: $0, forge: forge(ci)) }
    }

    /// Links from the CI environment alone, or nil when it does not name the repository.
    static func environmentLinks(ci: CIEnvironment) -> RepositoryLinks? {
        guard let server = ci.serverURL, let name = ci.repository else { return nil }
        return RepositoryLinks(serverURL: server, repository: name, forge: forge(ci))
    }

    /// The forge whose link shapes the CI system implies; nil is GitHub's (or, for an
    /// origin URL, whatever its host says).
    private static func forge(_ ci: CIEnvironment) -> RepositoryLinks.Forge? {
        switch ci.provider {
        case .gitlab: .gitlab
        case .giteaActions, .forgejoActions: .gitea
        default: nil
        }
    }

    /// The commit `revision` names; nil for no revision or one that names none.
    private static func resolve(_ revision: String?, in repository: Repository) async throws -> String? {
        guard let revision else { return nil }
        return try await repository.resolveCommit(revision)
    }

    /// `YYYY-MM-DD` in UTC.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
