/// Renders releases as Markdown: a Keep a Changelog section per release
/// (`## [1.2.3] - 2026-01-31`) for CHANGELOG.md, or the body of a GitHub Release.
///
/// Commit text is written verbatim — it is the author's Markdown — with two
/// guarantees that keep a hostile message from reshaping the document: every
/// line a commit contributes starts with `- ` or an indent, so no commit can open
/// a `## ` section that `ChangelogFile` would later take for a release; and
/// only `#123` references are rewritten, into links.
public struct ChangelogMarkdown: Sendable {
    public enum Style: Sendable, Hashable {
        /// A CHANGELOG.md section, with its `## [version] - date` heading and a
        /// link reference for the version pointing at the compare view.
        case changelog
        /// A release body: no top heading, a "Full Changelog" link at the end.
        case githubRelease
    }

    public var style: Style
    public var settings: ChangelogSettings
    public var links: RepositoryLinks?

    public init(style: Style, settings: ChangelogSettings = ChangelogSettings(), links: RepositoryLinks? = nil) {
        self.style = style
        self.settings = settings
        self.links = links
    }

    /// Several releases, newest first, separated by a blank line. A commit's item is
    /// rendered once and repeated where it recurs (a final lists its rc's commits again).
    public func render(_ releases: [ChangelogRelease]) -> String {
        var items: [ItemKey: String] = [:]
        return releases.map { render($0, items: &items) }.joined(separator: "\n")
    }

    /// One release, ending with a newline.
    public func render(_ release: ChangelogRelease) -> String {
        var items: [ItemKey: String] = [:]
        return render(release, items: &items)
    }

    /// An item's text depends on its commit and on the section (breaking or not) only.
    struct ItemKey: Hashable {
        var sha: String
        var breaking: Bool
    }

    func render(_ release: ChangelogRelease, items: inout [ItemKey: String]) -> String {
        var text = ""
        let compare = compareURL(for: release)
        if style == .changelog {
            text += "## [\(release.title)]"
            if release.version != nil, let date = release.date, !date.isEmpty { text += " - \(date)" }
            text += "\n\n"
        }
        let sections = settings.sections(for: release.entries)
        if sections.isEmpty {
            text += "No notable changes.\n\n"
        }
        for section in sections {
            text += "### \(section.title)\n\n"
            for entry in section.entries {
                let key = ItemKey(sha: entry.commit.sha, breaking: section.isBreaking)
                if let known = items[key] {
                    text += known
                } else {
                    let rendered = item(entry, breaking: section.isBreaking)
                    items[key] = rendered
                    text += rendered
                }
            }
            text += "\n"
        }
        if settings.showContributors {
            let contributors = release.contributors
            if !contributors.isEmpty {
                text += "### Contributors\n\n"
                for contributor in contributors { text += "- " + Self.oneLine(contributor.displayName) + "\n" }
                text += "\n"
            }
        }
        if let compare {
            switch style {
            case .changelog: text += "[\(release.title)]: \(compare)\n"
            case .githubRelease: text += "**Full Changelog**: \(compare)\n"
            }
        }
        while text.hasSuffix("\n\n") { text.removeLast() }
        return text
    }

    /// The compare view from the previous release to this one, or the tag's page
    /// for a first release; `nil` without links.
    public func compareURL(for release: ChangelogRelease) -> String? {
        guard let links else { return nil }
        let head = release.tag ?? "HEAD"
        if let previous = release.previousTag { return links.compare(previous, head) }
        return release.tag.map(links.tag)
    }

    /// `- **scope:** text ([abc1234](…/commit/sha))`; under Breaking Changes the
    /// text is the breaking note, its further lines indented into the item.
    func item(_ entry: ChangelogEntry, breaking: Bool) -> String {
        var line = "- "
        let text: String
        if let commit = entry.parsed.conventional {
            if let scope = commit.scope { line += "**\(Self.oneLine(scope)):** " }
            text = breaking ? (commit.breakingNote ?? commit.description) : commit.description
        } else {
            text = entry.parsed.subject
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Self.oneLine($0) }
        if lines.isEmpty { lines = [""] }
        line += linkReferences(lines[0])
        let sha = entry.commit.shortSHA
        if let links {
            line += " ([\(sha)](\(links.commit(entry.commit.sha))))"
        } else {
            line += " (\(sha))"
        }
        line += "\n"
        for more in lines.dropFirst() {
            line += more.isEmpty ? "\n" : "  " + linkReferences(more) + "\n"
        }
        return line
    }

    /// A line break inside one line of text would let the rest start a line of
    /// its own; `\r` alone is shown by some viewers as one. Neither can occur in
    /// a parsed line except as a lone `\r`, which is kept out the same way.
    static func oneLine<S: StringProtocol>(_ text: S) -> String {
        guard text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return String(text) }
        return String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }

    /// Turns `#123` into a link to the issue or pull request, when links are known.
    /// A `#` inside a word, an HTML entity (`&#123;`) or an existing link
    /// (`[#123]`) is left alone.
    func linkReferences(_ text: String) -> String {
        guard let links, text.contains("#") else { return text }
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "#", index + 1 < characters.count, characters[index + 1].isASCIIDigit,
               index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber
                               || characters[index - 1] == "&" || characters[index - 1] == "[" || characters[index - 1] == "/") {
                var end = index + 1
                while end < characters.count, characters[end].isASCIIDigit { end += 1 }
                if end == characters.count || !(characters[end].isLetter || characters[end].isNumber || characters[end] == "_") {
                    let number = String(characters[(index + 1)..<end])
                    result += "[#\(number)](\(links.issue(number)))"
                    index = end
                    continue
                }
            }
            result.append(character)
            index += 1
        }
        return result
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
