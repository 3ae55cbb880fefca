import Foundation
import Git
import ReleaseKitCore
import ReleaseKitRuntime

/// render-changelog's work: pick the release(s), read the history in one stream,
/// place every commit in its release, render, write the notes and the changelog file.
public struct RenderChangelogJob: Sendable {
    /// Which releases to render.
    public enum Mode: String, Sendable, CaseIterable {
        /// The release at `--to`/HEAD (or named by `--tag`), else the unreleased commits.
        case auto
        /// The commits after the latest tag reachable from `--to`.
        case unreleased
        /// The highest-precedence tag's release.
        case latest
        /// Every release of the component, newest first.
        case all
    }

    public enum Format: String, Sendable, CaseIterable {
        case markdown
        case github
        case json
    }

    public var from: String?
    public var to: String?
    public var tag: String?
    public var mode: Mode
    public var component: String?
    public var paths: [String]
    public var format: Format
    public var template: String?
    public var output: String?
    public var prepend: String?
    /// Used when no `.releasekit.yml` sets the `changelog:` table.
    public var settings: ChangelogSettings
    /// `--config FILE`; else `.releasekit.yml` at the repository root when present.
    public var config: String?

    public init(from: String? = nil, to: String? = nil, tag: String? = nil, mode: Mode = .auto,
                component: String? = nil, paths: [String] = [], format: Format = .markdown,
                template: String? = nil, output: String? = nil, prepend: String? = nil,
                settings: ChangelogSettings = ChangelogSettings(), config: String? = nil) {
        self.config = config
        self.from = from
        self.to = to
        self.tag = tag
        self.mode = mode
        self.component = component
        self.paths = paths
        self.format = format
        self.template = template
        self.output = output
        self.prepend = prepend
        self.settings = settings
    }

    /// Flag combinations that cannot mean anything, as usage errors.
    public func validate() throws {
        if mode == .latest {
            for (flag, value) in [("--tag", tag), ("--from", from), ("--to", to)] where value != nil {
                throw InputError("--latest renders the latest tag's release and cannot be combined with \(flag); drop one of them")
            }
        }
        for (flag, value) in [("--from", from), ("--to", to), ("--tag", tag),
                              ("--template", template), ("--output", output), ("--prepend", prepend)] where value?.isEmpty == true {
            throw InputError("\(flag) needs a value; got an empty one")
        }
        if paths.contains(where: \.isEmpty) {
            throw InputError("--path needs a directory or file; got an empty value")
        }
    }

    public func run(in context: ToolContext) throws -> ToolResult {
        try validate()
        guard let repository = context.repository() else {
            throw InputError("\(context.workingDirectory) is not inside a git repository; render-changelog reads the history of the repository it runs in (check out the repository first)")
        }
        let configuration = try ConfigurationFile.load(explicit: config, root: repository.path, context: context)
        var job = self
        job.settings = configuration.changelog ?? settings
        return try job.run(in: context, repository: repository, configuration: configuration)
    }

    private func run(in context: ToolContext, repository: Repository, configuration: ReleaseKitConfig) throws -> ToolResult {
        let template = try self.template.map { path -> ChangelogTemplate in
            let file = context.path(path)
            let text = String(decoding: try context.fileSystem.read(file), as: UTF8.self)
            return try ChangelogTemplate(text, source: file)
        }

        let shallow = try repository.isShallow()
        let references = try repository.tagReferences()
        let endRef = to ?? "HEAD"
        // A corrupt object throws here (exit 1) rather than reading as "no commits yet".
        guard let endCommit = try repository.resolveCommit(endRef) else {
            throw InputError(to == nil
                ? "HEAD names no commit: the repository has no commits yet; commit something first"
                : "--to \(quotedInput(endRef)) names no commit here; expected a branch, tag or commit id")
        }
        if let from, try repository.resolveCommit(from) == nil {
            throw InputError("--from \(quotedInput(from)) names no commit here; expected a branch, tag or commit id (in a shallow clone, fetch the tags: fetch-depth: 0)")
        }

        let selection = try TagSelection(references: references, requestedComponent: component, tag: tag,
                                         endCommit: endCommit, locatedTag: locatedTag(in: context, repository: repository))
        for ignored in selection.order.ignored {
            context.log.warning("tag \(ignored.tag) uses \(ignored.version.scheme.rawValue), unlike the other tags of its component; it is left out of the changelog")
        }
        if selection.order.tags.isEmpty, !references.isEmpty {
            let others = Set(references.compactMap { try? TagName(parsing: $0.name).component }).subtracting([selection.component])
            if !others.isEmpty {
                context.log.warning("no release tags of component \(selection.component.isEmpty ? "\"\" (plain version tags)" : "\"\(selection.component)\"") found; tags exist for \(others.sorted().prefix(5).map { "\"\($0)\"" }.joined(separator: ", ")): pass --component to render one of them")
            }
        }

        var plan = try plan(selection: selection, repository: repository, endRef: endRef, endCommit: endCommit)
        let commits = try repository.history(revisions: plan.revisions)
        let revisions = plan.revisions
        if plan.isAll { plan = try allReleases(in: commits, selection: selection) }
        context.log.debug("read \(commits.count) commits with git \(repository.historyArguments(revisions: plan.revisions).joined(separator: " "))")
        if shallow {
            try checkShallow(commits, repository: repository, log: context.log)
        }
        // Without --path, a configured package's commits are those under its path.
        var paths = self.paths.map { relativePath($0, context: context, repository: repository) }
        if paths.isEmpty, let package = configuration.package(named: selection.component),
           !package.path.isEmpty, PathResolver.normalize(package.path) != "/" {
            paths = [String(PathResolver.normalize(package.path).dropFirst())]
            context.log.debug("commits of package \(package.name): those touching \(paths[0])")
        }
        let touching = paths.isEmpty ? nil : try repository.commitsTouching(paths: paths, revisions: revisions)

        let history = ReleaseHistory(commits: commits, releaseCommits: plan.rankedTags.map { selection.commit(of: $0) })
        var parsed: [Int: ChangelogEntry] = [:]
        func entries(_ positions: [Int]) -> [ChangelogEntry] {
            positions.compactMap { position -> ChangelogEntry? in
                let commit = commits[position]
                if let touching, !touching.contains(commit.sha) { return nil }
                let entry = parsed[position] ?? ChangelogEntry(commit: commit)
                parsed[position] = entry
                return settings.excludes(commit, parsed: entry.parsed) ? nil : entry
            }
        }
        let today = Self.day(context.now())
        let releases = plan.releases.compactMap { spec -> ChangelogRelease? in
            let positions = history.positions(after: spec.lowerRank, through: spec.upperRank)
            if spec.omitWhenEmpty && positions.isEmpty { return nil }
            return ChangelogRelease(
                tag: spec.tag, version: spec.version, previousTag: spec.previousTag,
                date: spec.isTagged ? (spec.tag.flatMap(selection.date(of:)) ?? today) : (spec.version == nil ? nil : today),
                isTagged: spec.isTagged,
                entries: entries(positions))
        }

        let links = Self.links(context: context, repository: repository)
        let changelogContext = ChangelogContext(releases: releases, settings: settings, links: links)
        // Commit text may hold a token: the notes file, the changelog and the `notes`
        // output all carry the same redacted text.
        let notes = context.log.redactor.redact(render(releases, context: changelogContext, template: template))

        // Both files are checked before the first is written, so a refused --prepend
        // does not leave a fresh --output behind.
        for path in [output, prepend].compactMap({ $0 }).map(context.path) {
            try WritableTarget.check(path)
        }
        let notesFile = output.map(context.path)
            ?? context.ci.temporaryDirectory + "/render-changelog-" + UUID().uuidString.lowercased() + (format == .json && template == nil ? ".json" : ".md")
        try context.fileSystem.writeAtomically(Data(notes.utf8), to: notesFile)
        if let prepend {
            let file = context.path(prepend)
            let existing = try context.fileSystem.exists(file) ? Self.changelogText(try context.fileSystem.read(file), path: prepend) : nil
            let sections: [String]
            if let template {
                sections = [template.render(changelogContext)]
            } else {
                let markdown = ChangelogMarkdown(style: .changelog, settings: settings, links: links)
                sections = releases.map(markdown.render)
            }
            let redacted = sections.map(context.log.redactor.redact)
            if redacted.contains(where: LosslessUTF8.containsEscapes) {
                throw InputError("the rendered notes hold a character from U+10FF80 to U+10FFFF (from a commit message), which --prepend uses to keep bytes that are not UTF-8; \(prepend) was not changed")
            }
            let merged = ChangelogFile.merge(existing: existing, sections: redacted)
            try context.fileSystem.writeAtomically(Data(LosslessUTF8.encode(merged)), to: file)
            context.log.info("updated \(prepend) with \(releases.map(\.title).joined(separator: ", "))")
        }

        let target = releases.first
        var outputs = StepOutputs()
        outputs.set("notes", notes)
        outputs.set("notes-file", notesFile)
        outputs.set("version", target?.version ?? "")
        outputs.set("previous-tag", target?.previousTag ?? "")
        outputs.set("commit-count", target?.entries.count ?? 0)
        outputs.set("has-breaking-changes", target?.hasBreakingChanges ?? false)

        let rows = releases.prefix(50).map { release in
            [release.tag ?? release.title, release.previousTag ?? "—", String(release.entries.count),
             release.hasBreakingChanges ? "yes" : "no"]
        }
        var summary = "### render-changelog\n\n" + StepSummary.table(header: ["Release", "Previous", "Commits", "Breaking"], rows: Array(rows))
        if releases.count > rows.count { summary += "\n…and \(releases.count - rows.count) older releases.\n" }
        try context.summary.append(summary)
        context.log.info("rendered \(releases.count == 1 ? "1 release" : "\(releases.count) releases") from \(commits.count) commits")
        return ToolResult(outputs: outputs)
    }

    // MARK: - Which releases, over which history

    /// The file's text, with any bytes that are not UTF-8 kept (see LosslessUTF8):
    /// decoding them as U+FFFD would rewrite old entries the tool only meant to add
    /// a section above. Exit 2 in the one case that cannot round-trip.
    static func changelogText(_ data: Data, path: String) throws -> String {
        guard let text = LosslessUTF8.decode(Array(data)) else {
            throw InputError("\(path) holds a character from U+10FF80 to U+10FFFF, which --prepend uses to keep bytes that are not UTF-8; remove it, or update \(path) another way")
        }
        return text
    }

    /// One release to render: its name and the rank window of its commits.
    struct ReleaseSpec {
        var tag: String?
        var version: String?
        var previousTag: String?
        var isTagged: Bool
        /// Commits ranked above this (the previous release) are in; `nil`: no lower bound.
        var lowerRank: Int?
        /// Commits ranked up to this are in; `ReleaseHistory.unreleased` takes untagged ones too.
        var upperRank: Int
        /// The Unreleased section of `--all` shows only when there are such commits.
        var omitWhenEmpty = false
    }

    struct Plan {
        /// `git log` revisions: the end, and `^REF` for what is already released.
        var revisions: [String]
        /// Tags in rank order (oldest first) for `ReleaseHistory`.
        var rankedTags: [TagName]
        /// Newest first.
        var releases: [ReleaseSpec]
        /// `--all`: releases are decided from the history (`allReleases`).
        var isAll = false
    }

    /// `--all`: every release of the component whose tag is in `commits`, ranked
    /// among those only, newest first, with the Unreleased (or `--tag`) section
    /// on top when it has commits.
    func allReleases(in commits: [HistoryCommit], selection: TagSelection) throws -> Plan {
        let inHistory = Set(commits.map(\.sha))
        let present = ReleaseOrder(selection.order.tags.filter { inHistory.contains(selection.commit(of: $0)) })
        let pending = try tag.flatMap { name -> TagName? in
            selection.isTag(name) ? nil : try selection.parse(name)
        }
        let pendingPrevious = pending.flatMap { name in
            PreviousTag.find(in: present.tags.map(\.tag), before: name)
        }.flatMap { previous in present.tags.firstIndex { $0.tag == previous.tag } }
        let lower = pending != nil ? pendingPrevious : present.tags.indices.last
        var releases = [ReleaseSpec(
            tag: pending?.tag, version: pending?.versionText, previousTag: lower.map { present.tags[$0].tag },
            isTagged: false, lowerRank: lower, upperRank: ReleaseHistory.unreleased, omitWhenEmpty: pending == nil)]
        for rank in present.tags.indices.reversed() {
            let previous = present.previous[rank]
            releases.append(ReleaseSpec(
                tag: present.tags[rank].tag, version: present.tags[rank].versionText,
                previousTag: previous.map { present.tags[$0].tag }, isTagged: true,
                lowerRank: previous, upperRank: rank))
        }
        return Plan(revisions: [], rankedTags: present.tags, releases: releases)
    }

    func plan(selection: TagSelection, repository: Repository, endRef: String, endCommit: String) throws -> Plan {
        let order = selection.order
        let pending = try tag.flatMap { name -> TagName? in
            selection.isTag(name) ? nil : try selection.parse(name)
        }
        if mode == .all {
            // The releases are the component's tags found in the history read, known
            // only after reading it: see `allReleases(in:selection:)`.
            return Plan(revisions: [endRef] + (from.map { ["^" + $0] } ?? []), rankedTags: [], releases: [], isAll: true)
        }
        if let from {
            // An explicit range: every commit in it, named by --tag or the tag at the end.
            let name = pending ?? (tag.flatMap { selection.isTag($0) ? try? selection.parse($0) : nil })
                ?? selection.highestTag(at: endCommit)
            return Plan(revisions: [endRef, "^" + from], rankedTags: [], releases: [
                ReleaseSpec(tag: name?.tag, version: name?.versionText, previousTag: from,
                            isTagged: name.map { selection.isTag($0.tag) } ?? false,
                            lowerRank: nil, upperRank: ReleaseHistory.unreleased),
            ])
        }

        switch mode {
        case .all:
            preconditionFailure("--all is planned above")

        case .latest:
            guard let latest = order.tags.indices.last else {
                throw OperationError("--latest: there is no release tag of \(selection.componentDescription) yet; tag a release first, or render the unreleased commits without --latest")
            }
            return single(rank: latest, end: selection.commit(of: order.tags[latest]), upperRank: latest, selection: selection)

        case .auto, .unreleased:
            if mode == .auto, let name = tag, selection.isTag(name) {
                let parsed = try selection.parse(name)
                let rank = order.tags.firstIndex { $0.tag == parsed.tag }
                guard let rank else {
                    throw InputError("--tag \(quotedInput(name)) is a tag, but not a release tag of \(selection.componentDescription)")
                }
                return single(rank: rank, end: to ?? selection.commit(of: parsed),
                              upperRank: to == nil ? rank : ReleaseHistory.unreleased, selection: selection)
            }
            if mode == .auto, pending == nil, let atEnd = selection.highestTag(at: endCommit),
               let rank = order.tags.firstIndex(where: { $0.tag == atEnd.tag }) {
                return single(rank: rank, end: endRef, upperRank: rank, selection: selection)
            }
            // Not tagged yet: from a named release's previous tag (the parse-tag rule),
            // or from the latest release this history contains.
            let previousRank: Int?
            if mode == .auto, let pending {
                previousRank = PreviousTag.find(in: order.tags.map(\.tag), before: pending)
                    .flatMap { previous in order.tags.firstIndex { $0.tag == previous.tag } }
            } else {
                let reachable = try repository.tagNames(mergedInto: endCommit)
                previousRank = order.tags.indices.last { reachable.contains(order.tags[$0].tag) }
            }
            let previous = previousRank.map { order.tags[$0] }
            return Plan(
                revisions: [endRef] + (previous.map { ["^" + selection.commit(of: $0)] } ?? []),
                rankedTags: order.tags,
                releases: [ReleaseSpec(tag: pending?.tag, version: pending?.versionText, previousTag: previous?.tag,
                                       isTagged: false, lowerRank: previousRank, upperRank: ReleaseHistory.unreleased)])
        }
    }

    /// The release of the tag ranked `rank`, against its previous release.
    private func single(rank: Int, end: String, upperRank: Int, selection: TagSelection) -> Plan {
        let order = selection.order
        let tag = order.tags[rank]
        let previous = order.previous[rank].map { order.tags[$0] }
        return Plan(
            revisions: [end] + (previous.map { ["^" + selection.commit(of: $0)] } ?? []),
            rankedTags: order.tags,
            releases: [ReleaseSpec(tag: tag.tag, version: tag.versionText, previousTag: previous?.tag, isTagged: true,
                                   lowerRank: order.previous[rank], upperRank: upperRank)])
    }

    // MARK: - Helpers

    /// The tag the CI run is for (a tag push or a release event), when it is a tag
    /// here: it picks the component when HEAD carries several.
    private func locatedTag(in context: ToolContext, repository: Repository) -> String? {
        try? context.locateTag(repository: repository)
    }

    /// A shallow clone has no history past its boundary: a range that reaches it
    /// would be rendered silently short, so it is an error; otherwise a warning,
    /// because tags may be missing too.
    private func checkShallow(_ commits: [HistoryCommit], repository: Repository, log: Log) throws {
        let boundary = try repository.shallowBoundary()
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

    func render(_ releases: [ChangelogRelease], context: ChangelogContext, template: ChangelogTemplate?) -> String {
        if let template { return template.render(context) }
        switch format {
        case .json:
            return context.json.serialized + "\n"
        case .markdown:
            return ChangelogMarkdown(style: .changelog, settings: settings, links: context.links).render(releases)
        case .github:
            // Several release bodies in one text need their headings to stay apart.
            let style: ChangelogMarkdown.Style = releases.count > 1 ? .changelog : .githubRelease
            return ChangelogMarkdown(style: style, settings: settings, links: context.links).render(releases)
        }
    }

    /// Links from the CI environment (server URL and repository), else `origin`.
    static func links(context: ToolContext, repository: Repository) -> RepositoryLinks? {
        let forge: RepositoryLinks.Forge? = context.ci.provider == .gitlab ? .gitlab : nil
        if let server = context.ci.serverURL, let name = context.ci.repository,
           let links = RepositoryLinks(serverURL: server, repository: name, forge: forge) {
            return links
        }
        return repository.remoteURL("origin").flatMap { RepositoryLinks(remoteURL: $0, forge: forge) }
    }

    /// `YYYY-MM-DD` in UTC.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
