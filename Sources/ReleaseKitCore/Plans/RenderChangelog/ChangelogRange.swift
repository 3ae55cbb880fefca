/// Which releases render-changelog renders and which history it reads for them:
/// the first pure step, before `git log` runs.
public struct ChangelogRange: Sendable {
    /// One release to render: its name and the rank window of its commits.
    public struct Release: Sendable, Hashable {
        public var tag: String?
        public var version: String?
        public var previousTag: String?
        public var isTagged: Bool
        /// Commits ranked above this (the previous release) are in; `nil`: no lower bound.
        public var lowerRank: Int?
        /// Commits ranked up to this are in; `ReleaseHistory.unreleased` takes untagged ones too.
        public var upperRank: Int
        /// The Unreleased section of `--all` shows only when there are such commits.
        public var omitWhenEmpty = false
    }

    /// `git log` revisions: the end, and `^REF` for what is already released.
    public var revisions: [String]
    /// Tags in rank order (oldest first) for `ReleaseHistory`.
    public var rankedTags: [TagName]
    /// Newest first.
    public var releases: [Release]
    /// `--all`: releases are decided from the history (`allReleases`).
    public var isAll = false

    /// The range for `settings`, or nil when it depends on which tags `endCommit`
    /// contains and `reachableTags` (`git tag --merged`) was not given: the edge asks
    /// git only then, and plans again with the answer.
    public static func plan(selection: TagSelection, settings: RenderChangelogSettings, endCommit: String,
                            reachableTags: Set<String>? = nil) throws -> ChangelogRange? {
        let order = selection.order
        let endRef = settings.endRef
        let pending = try settings.tag.flatMap { name -> TagName? in
            selection.isTag(name) ? nil : try selection.parse(name)
        }
        if settings.mode == .all {
            // The releases are the component's tags found in the history read, known
            // only after reading it: see `allReleases(in:selection:tag:)`.
            return ChangelogRange(revisions: [endRef] + (settings.from.map { ["^" + $0] } ?? []), rankedTags: [], releases: [], isAll: true)
        }
        if let from = settings.from {
            // An explicit range: every commit in it, named by --tag or the tag at the end.
            let name = pending ?? (settings.tag.flatMap { selection.isTag($0) ? try? selection.parse($0) : nil })
                ?? selection.highestTag(at: endCommit)
            return ChangelogRange(revisions: [endRef, "^" + from], rankedTags: [], releases: [
                Release(tag: name?.tag, version: name?.versionText, previousTag: from,
                        isTagged: name.map { selection.isTag($0.tag) } ?? false,
                        lowerRank: nil, upperRank: ReleaseHistory.unreleased),
            ])
        }

        switch settings.mode {
        case .all:
            preconditionFailure("--all is planned above")

        case .latest:
            guard let latest = order.tags.indices.last else {
                throw RenderChangelogPlanError.noReleaseTag(component: selection.componentDescription)
            }
            return single(rank: latest, end: selection.commit(of: order.tags[latest]), upperRank: latest, selection: selection)

        case .auto, .unreleased:
            let auto = settings.mode == .auto
            if auto, let name = settings.tag, selection.isTag(name) {
                let parsed = try selection.parse(name)
                guard let rank = order.tags.firstIndex(where: { $0.tag == parsed.tag }) else {
                    throw RenderChangelogPlanError.notAReleaseTag(tag: name, component: selection.componentDescription)
                }
                return single(rank: rank, end: settings.to ?? selection.commit(of: parsed),
                              upperRank: settings.to == nil ? rank : ReleaseHistory.unreleased, selection: selection)
            }
            if auto, pending == nil, let atEnd = selection.highestTag(at: endCommit),
               let rank = order.tags.firstIndex(where: { $0.tag == atEnd.tag }) {
                return single(rank: rank, end: endRef, upperRank: rank, selection: selection)
            }
            // Not tagged yet: from a named release's previous tag (the parse-tag rule),
            // or from the latest release this history contains.
            let previousRank: Int?
            if auto, let pending {
                previousRank = PreviousTag.find(in: order.tags.map(\.tag), before: pending)
                    .flatMap { previous in order.tags.firstIndex { $0.tag == previous.tag } }
            } else {
                guard let reachableTags else { return nil }
                previousRank = order.tags.indices.last { reachableTags.contains(order.tags[$0].tag) }
            }
            let previous = previousRank.map { order.tags[$0] }
            return ChangelogRange(
                revisions: [endRef] + (previous.map { ["^" + selection.commit(of: $0)] } ?? []),
                rankedTags: order.tags,
                releases: [Release(tag: pending?.tag, version: pending?.versionText, previousTag: previous?.tag,
                                   isTagged: false, lowerRank: previousRank, upperRank: ReleaseHistory.unreleased)])
        }
    }

    /// `--all`: every release of the component whose tag is in `commits`, ranked
    /// among those only, newest first, with the Unreleased (or `--tag`) section
    /// on top when it has commits.
    public static func allReleases(in commits: [HistoryCommit], selection: TagSelection, tag: String?) throws -> ChangelogRange {
        let inHistory = Set(commits.map(\.sha))
        let present = ReleaseOrder(selection.order.tags.filter { inHistory.contains(selection.commit(of: $0)) })
        let pending = try tag.flatMap { name -> TagName? in
            selection.isTag(name) ? nil : try selection.parse(name)
        }
        let pendingPrevious = pending.flatMap { name in
            PreviousTag.find(in: present.tags.map(\.tag), before: name)
        }.flatMap { previous in present.tags.firstIndex { $0.tag == previous.tag } }
        let lower = pending != nil ? pendingPrevious : present.tags.indices.last
        var releases = [Release(
            tag: pending?.tag, version: pending?.versionText, previousTag: lower.map { present.tags[$0].tag },
            isTagged: false, lowerRank: lower, upperRank: ReleaseHistory.unreleased, omitWhenEmpty: pending == nil)]
        for rank in present.tags.indices.reversed() {
            let previous = present.previous[rank]
            releases.append(Release(
                tag: present.tags[rank].tag, version: present.tags[rank].versionText,
                previousTag: previous.map { present.tags[$0].tag }, isTagged: true,
                lowerRank: previous, upperRank: rank))
        }
        return ChangelogRange(revisions: [], rankedTags: present.tags, releases: releases)
    }

    /// The release of the tag ranked `rank`, against its previous release.
    private static func single(rank: Int, end: String, upperRank: Int, selection: TagSelection) -> ChangelogRange {
        let order = selection.order
        let tag = order.tags[rank]
        let previous = order.previous[rank].map { order.tags[$0] }
        return ChangelogRange(
            revisions: [end] + (previous.map { ["^" + selection.commit(of: $0)] } ?? []),
            rankedTags: order.tags,
            releases: [Release(tag: tag.tag, version: tag.versionText, previousTag: previous?.tag, isTagged: true,
                               lowerRank: order.previous[rank], upperRank: upperRank)])
    }
}
