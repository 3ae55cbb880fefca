/// render-changelog's result before anything is written: every release with its
/// commits, and the text to write. Pure: the history and the tags are facts.
public struct RenderChangelogPlan: Sendable {
    /// Newest first.
    public let releases: [ChangelogRelease]
    public let context: ChangelogContext
    /// The rendered text of the notes (the `notes` output and `--output` file).
    public let notes: String
    /// `--template`, which also renders the `--prepend` section.
    public let template: ChangelogTemplate?
    /// The notes file's extension when none is named: JSON only for the built-in JSON.
    public let notesExtension: String

    public init(range: ChangelogRange, selection: TagSelection, settings: RenderChangelogSettings,
                facts: RenderChangelogFacts) {
        let commits = facts.commits
        let history = ReleaseHistory(commits: commits, releaseCommits: range.rankedTags.map { selection.commit(of: $0) })
        // Each commit parsed once, however many releases list it (a final repeats its rc's).
        var parsed = [ChangelogEntry?](repeating: nil, count: commits.count)
        func entries(_ positions: [Int]) -> [ChangelogEntry] {
            positions.compactMap { position -> ChangelogEntry? in
                let commit = commits[position]
                if let touching = facts.touching, !touching.contains(commit.sha) { return nil }
                let entry = parsed[position] ?? ChangelogEntry(commit: commit)
                parsed[position] = entry
                return settings.changelog.excludes(commit, parsed: entry.parsed) ? nil : entry
            }
        }
        releases = range.releases.compactMap { spec -> ChangelogRelease? in
            let positions = history.positions(after: spec.lowerRank, through: spec.upperRank)
            if spec.omitWhenEmpty && positions.isEmpty { return nil }
            let date = spec.isTagged ? (spec.tag.flatMap(selection.date(of:)) ?? facts.today) : (spec.version == nil ? nil : facts.today)
            return ChangelogRelease(tag: spec.tag, version: spec.version, previousTag: spec.previousTag, date: date,
                                    isTagged: spec.isTagged, entries: entries(positions))
        }
        context = ChangelogContext(releases: releases, settings: settings.changelog, links: facts.links)
        notes = Self.render(releases, context: context, template: facts.template, format: settings.format, settings: settings.changelog)
        template = facts.template
        notesExtension = settings.format == .json && facts.template == nil ? ".json" : ".md"
    }

    /// Each release's section for a changelog file (`--prepend`); one section from
    /// the template when there is one.
    public var sections: [String] {
        if let template { return [template.render(context)] }
        let markdown = ChangelogMarkdown(style: .changelog, settings: context.settings, links: context.links)
        return releases.map(markdown.render)
    }

    /// The changelog file with this run's sections merged in (replacing the same
    /// version or `[Unreleased]`), after `redact` has removed secrets from them.
    /// `file` names the changelog in the error; `note` is a paragraph put under the
    /// first section's heading (bump-version's `Dependencies: …` line).
    public func prepended(to existing: String?, file: String, note: String? = nil, redact: (String) -> String) throws -> String {
        var sections = self.sections
        if let note, let first = sections.first {
            let heading = first.prefix { $0 != "\n" }
            let rest = first.dropFirst(heading.count).drop { $0 == "\n" }
            sections[0] = heading + "\n\n" + note + "\n" + (rest.isEmpty ? "" : "\n" + rest)
        }
        let redacted = sections.map(redact)
        if redacted.contains(where: LosslessUTF8.containsEscapes) {
            throw RenderChangelogPlanError.unencodableSection(file: file)
        }
        return ChangelogFile.merge(existing: existing, sections: redacted)
    }

    static func render(_ releases: [ChangelogRelease], context: ChangelogContext, template: ChangelogTemplate?,
                       format: RenderChangelogSettings.Format, settings: ChangelogSettings) -> String {
        if let template { return template.render(context) }
        switch format {
        case .json:
            return context.jsonText(newline: true)
        case .markdown:
            return ChangelogMarkdown(style: .changelog, settings: settings, links: context.links).render(releases)
        case .github:
            // Several release bodies in one text need their headings to stay apart.
            let style: ChangelogMarkdown.Style = releases.count > 1 ? .changelog : .githubRelease
            return ChangelogMarkdown(style: style, settings: settings, links: context.links).render(releases)
        }
    }
}
