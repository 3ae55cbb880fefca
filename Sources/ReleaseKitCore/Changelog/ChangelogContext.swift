/// The whole changelog as data: what `--format json` prints and what a Mustache
/// template (`--template`) renders. One builder for both, so a template sees
/// exactly the fields the JSON documents.
///
/// ```
/// { repository_url, releases: [ { title, version, tag, previous_tag, date,
///     is_tagged, compare_url, commit_count, has_breaking_changes,
///     sections: [ { title, breaking, commits: [commit] } ],
///     commits: [commit], contributors: [ { name, email, login, display_name } ] } ] }
/// commit: { sha, short_sha, url, conventional, type, scope, description, subject,
///     body, footers: [ { token, separator, value } ], breaking, breaking_note,
///     author: { name, email, login, display_name }, date }
/// ```
/// Absent values are `null` in JSON and missing (falsy) in templates.
public struct ChangelogContext: Sendable {
    public var releases: [ChangelogRelease]
    public var settings: ChangelogSettings
    public var links: RepositoryLinks?

    public init(releases: [ChangelogRelease], settings: ChangelogSettings = ChangelogSettings(), links: RepositoryLinks? = nil) {
        self.releases = releases
        self.settings = settings
        self.links = links
    }

    public var json: JSONValue {
        .object([
            "repository_url": links.map { .string($0.baseURL) } ?? .null,
            "releases": .array(releases.map(release)),
        ])
    }

    func release(_ release: ChangelogRelease) -> JSONValue {
        let markdown = ChangelogMarkdown(style: .changelog, settings: settings, links: links)
        return .object([
            "title": .string(release.title),
            "version": Self.optional(release.version),
            "tag": Self.optional(release.tag),
            "previous_tag": Self.optional(release.previousTag),
            "date": Self.optional(release.date),
            "is_tagged": .bool(release.isTagged),
            "compare_url": Self.optional(markdown.compareURL(for: release)),
            "commit_count": .number(Double(release.entries.count)),
            "has_breaking_changes": .bool(release.hasBreakingChanges),
            "sections": .array(settings.sections(for: release.entries).map { section in
                .object([
                    "title": .string(section.title),
                    "breaking": .bool(section.isBreaking),
                    "commits": .array(section.entries.map(commit)),
                ])
            }),
            "commits": .array(release.entries.map(commit)),
            "contributors": .array(release.contributors.map(contributor)),
        ])
    }

    func commit(_ entry: ChangelogEntry) -> JSONValue {
        let conventional = entry.parsed.conventional
        return .object([
            "sha": .string(entry.commit.sha),
            "short_sha": .string(entry.commit.shortSHA),
            "url": Self.optional(links?.commit(entry.commit.sha)),
            "conventional": .bool(conventional != nil),
            "type": Self.optional(conventional?.type),
            "scope": Self.optional(conventional?.scope),
            "description": .string(conventional?.description ?? entry.parsed.subject),
            "subject": .string(entry.parsed.subject),
            "body": Self.optional(entry.parsed.body),
            "footers": .array((conventional?.footers ?? []).map { footer in
                .object([
                    "token": .string(footer.token),
                    "separator": .string(footer.separator.rawValue),
                    "value": .string(footer.value),
                ])
            }),
            "breaking": .bool(entry.isBreaking),
            "breaking_note": Self.optional(conventional?.breakingNote),
            "author": contributor(entry.author),
            "date": .string(entry.commit.date),
        ])
    }

    func contributor(_ contributor: Contributor) -> JSONValue {
        .object([
            "name": .string(contributor.name),
            "email": .string(contributor.email),
            "login": Self.optional(contributor.login),
            "display_name": .string(contributor.displayName),
        ])
    }

    private static func optional(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }
}
