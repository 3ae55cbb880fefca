/// One commit as the changelog shows it.
public struct ChangelogEntry: Sendable, Hashable {
    public let commit: HistoryCommit
    public let parsed: ParsedCommit
    public let author: Contributor

    public init(commit: HistoryCommit, parsed: ParsedCommit? = nil) {
        self.commit = commit
        self.parsed = parsed ?? ParsedCommit(message: commit.message)
        author = Contributor(name: commit.authorName, email: commit.authorEmail)
    }

    public var isBreaking: Bool { parsed.conventional?.isBreaking ?? false }
}

/// One release of the changelog: a tag (or a release not tagged yet) and its commits.
public struct ChangelogRelease: Sendable, Hashable {
    /// The release's tag name: an existing tag, or the name given for a release
    /// not tagged yet (`--tag`); `nil` for the Unreleased section.
    public var tag: String?
    /// The version as written in the tag (`1.2.3` for `v1.2.3`); `nil` for Unreleased.
    public var version: String?
    /// The release compared against: the previous tag, or the `--from` ref.
    public var previousTag: String?
    /// `YYYY-MM-DD`: the tag's date, or today for a release not tagged yet.
    public var date: String?
    /// Whether `tag` exists in the repository.
    public var isTagged: Bool
    /// Newest first, after leaving out merge, release and path-filtered commits.
    public var entries: [ChangelogEntry]

    public init(tag: String?, version: String?, previousTag: String?, date: String?, isTagged: Bool,
                entries: [ChangelogEntry]) {
        self.tag = tag
        self.version = version
        self.previousTag = previousTag
        self.date = date
        self.isTagged = isTagged
        self.entries = entries
    }

    /// The heading text: the version, or `Unreleased`.
    public var title: String { version ?? "Unreleased" }

    public var hasBreakingChanges: Bool { entries.contains { $0.isBreaking } }

    /// Everyone who authored a commit of the release, once each, in order of
    /// their oldest commit in the release.
    public var contributors: [Contributor] {
        var seen = Set<String>()
        var result: [Contributor] = []
        for entry in entries.reversed() where seen.insert(entry.author.identity).inserted {
            result.append(entry.author)
        }
        return result
    }
}

/// A heading of a release and the commits under it.
public struct ChangelogSection: Sendable, Hashable {
    public let title: String
    /// The breaking-changes section lists each commit's breaking note.
    public let isBreaking: Bool
    public let entries: [ChangelogEntry]
}

extension ChangelogSettings {
    /// Groups a release's commits into its sections, in print order: breaking
    /// changes first, then the visible types by `order`, then "Other". Empty
    /// sections are left out; commits keep their order (newest first).
    public func sections(for entries: [ChangelogEntry]) -> [ChangelogSection] {
        struct Bucket { var title: String; var order: Int; var position: Int; var entries: [ChangelogEntry] }
        var breaking: [ChangelogEntry] = []
        var buckets: [String: Bucket] = [:]
        var other: [ChangelogEntry] = []
        let positions = Dictionary(sections.enumerated().map { ($0.element.title, $0.offset) }, uniquingKeysWith: min)
        for entry in entries {
            guard let commit = entry.parsed.conventional else {
                other.append(entry)
                continue
            }
            if commit.isBreaking { breaking.append(entry) }
            guard let rule = rule(for: commit.type), !rule.hidden else { continue }
            buckets[rule.title, default: Bucket(title: rule.title, order: rule.order,
                                                position: positions[rule.title] ?? 0, entries: [])]
                .entries.append(entry)
        }
        var result: [ChangelogSection] = []
        if !breaking.isEmpty { result.append(ChangelogSection(title: breakingTitle, isBreaking: true, entries: breaking)) }
        for bucket in buckets.values.sorted(by: { ($0.order, $0.position) < ($1.order, $1.position) }) {
            result.append(ChangelogSection(title: bucket.title, isBreaking: false, entries: bucket.entries))
        }
        if case .section(let title) = otherCommits, !other.isEmpty {
            result.append(ChangelogSection(title: title, isBreaking: false, entries: other))
        }
        return result
    }
}
