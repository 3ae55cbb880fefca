import Foundation

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

    /// The context as JSON text (sorted keys, compact), written in one pass; with
    /// `newline`, ending with one (`--format json`'s notes).
    public func jsonText(newline: Bool = false) -> String {
        var writer = JSONWriter(capacity: 1 << 16)
        write(to: &writer)
        if newline { writer.endLine() }
        return writer.text
    }

    /// The context as a JSON value, for looking fields up.
    public var json: JSONValue {
        // The text is the writer's own output: it always parses.
        (try? JSONValue.parse(Data(jsonText().utf8), source: "the changelog context")) ?? .null
    }

    /// The context, member by member, keys in ascending order: the one list of its
    /// fields, for JSON and for templates alike. A commit is built once however
    /// often it is listed (its section, its release, a final after its rc).
    public func write<Sink: DocumentSink>(to sink: inout Sink) {
        let markdown = ChangelogMarkdown(style: .changelog, settings: settings, links: links)
        sink.object { sink in
            sink.key("releases")
            sink.array(releases) { sink, release in write(release, compareURL: markdown.compareURL(for: release), to: &sink) }
            sink.member("repository_url", links?.baseURL)
        }
    }

    func write<Sink: DocumentSink>(_ release: ChangelogRelease, compareURL: String?, to sink: inout Sink) {
        sink.object { sink in
            sink.member("commit_count", release.entries.count)
            sink.key("commits")
            sink.array(release.entries) { sink, entry in write(entry, to: &sink) }
            sink.member("compare_url", compareURL)
            sink.key("contributors")
            sink.array(release.contributors) { sink, contributor in write(contributor, to: &sink) }
            sink.member("date", release.date)
            sink.member("has_breaking_changes", release.hasBreakingChanges)
            sink.member("is_tagged", release.isTagged)
            sink.member("previous_tag", release.previousTag)
            sink.key("sections")
            sink.array(settings.sections(for: release.entries)) { sink, section in
                sink.object { sink in
                    sink.member("breaking", section.isBreaking)
                    sink.key("commits")
                    sink.array(section.entries) { sink, entry in write(entry, to: &sink) }
                    sink.member("title", section.title)
                }
            }
            sink.member("tag", release.tag)
            sink.member("title", release.title)
            sink.member("version", release.version)
        }
    }

    func write<Sink: DocumentSink>(_ entry: ChangelogEntry, to sink: inout Sink) {
        sink.reusing(entry.commit.sha) { sink in
            let conventional = entry.parsed.conventional
            sink.object { sink in
                sink.key("author")
                write(entry.author, to: &sink)
                sink.member("body", entry.parsed.body)
                sink.member("breaking", entry.isBreaking)
                sink.member("breaking_note", conventional?.breakingNote)
                sink.member("conventional", conventional != nil)
                sink.member("date", entry.commit.date)
                sink.member("description", conventional?.description ?? entry.parsed.subject)
                sink.key("footers")
                sink.array(conventional?.footers ?? []) { sink, footer in
                    sink.object { sink in
                        sink.member("separator", footer.separator.rawValue)
                        sink.member("token", footer.token)
                        sink.member("value", footer.value)
                    }
                }
                sink.member("scope", conventional?.scope)
                sink.member("sha", entry.commit.sha)
                sink.member("short_sha", entry.commit.shortSHA)
                sink.member("subject", entry.parsed.subject)
                sink.member("type", conventional?.type)
                sink.member("url", links?.commit(entry.commit.sha))
            }
        }
    }

    func write<Sink: DocumentSink>(_ contributor: Contributor, to sink: inout Sink) {
        sink.object { sink in
            sink.member("display_name", contributor.displayName)
            sink.member("email", contributor.email)
            sink.member("login", contributor.login)
            sink.member("name", contributor.name)
        }
    }
}
