/// What render-changelog's releases are made of, read at the edge once the range is
/// known: the history, which commits touch the paths, the template, the links.
public struct RenderChangelogFacts: Sendable {
    /// The commits `git log` gave for the range's revisions, newest first.
    public var commits: [HistoryCommit]
    /// The commits touching the paths; nil when every commit counts.
    public var touching: Set<String>?
    /// `--template`, read and parsed.
    public var template: ChangelogTemplate?
    /// Links for compare and commit URLs, from CI or `origin`.
    public var links: RepositoryLinks?
    /// `YYYY-MM-DD` (UTC) of the run, for releases whose tag has no date yet.
    public var today: String

    public init(commits: [HistoryCommit], touching: Set<String>? = nil, template: ChangelogTemplate? = nil,
                links: RepositoryLinks? = nil, today: String) {
        self.commits = commits
        self.touching = touching
        self.template = template
        self.links = links
        self.today = today
    }
}
