import Testing
@testable import ReleaseKitCore

@Suite struct ChangelogMarkdownTests {
    typealias S = ChangelogSamples

    static let entries = [
        S.entry("feat(api)!: rename the endpoint\n\nBREAKING CHANGE: /v1/items is now /v2/items.\nUpdate clients.", sha: "a1" + String(repeating: "0", count: 38)),
        S.entry("fix(parser): handle empty input (#42)", sha: "b2" + String(repeating: "0", count: 38),
                author: "Octo", email: "1+octocat@users.noreply.github.com"),
        S.entry("Tidy up", sha: "c3" + String(repeating: "0", count: 38)),
    ]

    @Test func keepAChangelogSectionWithLinks() {
        let text = ChangelogMarkdown(style: .changelog, links: S.links).render(S.release(Self.entries))
        #expect(text == """
            ## [1.2.0] - 2026-01-31

            ### Breaking Changes

            - **api:** /v1/items is now /v2/items. ([a100000](https://github.com/acme/widget/commit/a100000000000000000000000000000000000000))
              Update clients.

            ### Features

            - **api:** rename the endpoint ([a100000](https://github.com/acme/widget/commit/a100000000000000000000000000000000000000))

            ### Bug Fixes

            - **parser:** handle empty input ([#42](https://github.com/acme/widget/issues/42)) ([b200000](https://github.com/acme/widget/commit/b200000000000000000000000000000000000000))

            ### Other

            - Tidy up ([c300000](https://github.com/acme/widget/commit/c300000000000000000000000000000000000000))

            ### Contributors

            - Ada
            - @octocat

            [1.2.0]: https://github.com/acme/widget/compare/v1.1.0...v1.2.0

            """)
    }

    @Test func githubReleaseBodyHasNoTopHeadingAndAFullChangelogLink() {
        let text = ChangelogMarkdown(style: .githubRelease, links: S.links).render(S.release(Array(Self.entries.dropFirst())))
        #expect(text.hasPrefix("### Bug Fixes\n\n"))
        #expect(!text.contains("## [1.2.0]"))
        #expect(text.hasSuffix("**Full Changelog**: https://github.com/acme/widget/compare/v1.1.0...v1.2.0\n"))
    }

    @Test func withoutLinksShortSHAsArePlainAndReferencesStay() {
        let text = ChangelogMarkdown(style: .changelog).render(S.release([Self.entries[1]]))
        #expect(text.contains("- **parser:** handle empty input (#42) (b200000)\n"))
        #expect(!text.contains("http"))
    }

    @Test func unreleasedHasNoDateAndComparesWithHEAD() {
        let text = ChangelogMarkdown(style: .changelog, links: S.links)
            .render(S.release([S.entry("fix: x")], tag: nil, previous: "v1.1.0"))
        #expect(text.hasPrefix("## [Unreleased]\n\n"))
        #expect(text.hasSuffix("[Unreleased]: https://github.com/acme/widget/compare/v1.1.0...HEAD\n"))
    }

    @Test func firstReleaseLinksToItsTag() {
        let text = ChangelogMarkdown(style: .changelog, links: S.links).render(S.release([S.entry("feat: x")], previous: nil))
        #expect(text.hasSuffix("[1.2.0]: https://github.com/acme/widget/releases/tag/v1.2.0\n"))
    }

    @Test func emptyReleaseSaysSo() {
        let text = ChangelogMarkdown(style: .changelog, settings: ChangelogSettings(showContributors: false))
            .render(S.release([S.entry("chore: deps")]))
        #expect(text == "## [1.2.0] - 2026-01-31\n\nNo notable changes.\n")
    }

    @Test(arguments: [
        ("see #12 and #13.", "see [#12](L/12) and [#13](L/13)."),
        ("(#7)", "([#7](L/7))"),
        ("#1 first", "[#1](L/1) first"),
        ("issue#12 x", "issue#12 x"),
        ("&#123; entity", "&#123; entity"),
        ("[#5](already)", "[#5](already)"),
        ("#12abc", "#12abc"),
        ("#", "#"),
        ("a/#3", "a/#3"),
    ])
    func issueReferences(text: String, expected: String) {
        let markdown = ChangelogMarkdown(style: .changelog, links: RepositoryLinks(baseURL: "B", forge: .github))
        #expect(markdown.linkReferences(text).replacingOccurrences(of: "B/issues", with: "L") == expected)
    }

    /// Whatever a commit says, every line it contributes starts with `- ` or an
    /// indent, so it cannot open a section or a heading of its own.
    @Test func hostileTextCannotStartALine() {
        let hostile = [
            "feat: x\r## [9.9.9] - forged",
            "fix: y\n\nBREAKING CHANGE: line one\n## [9.9.9] - forged\n::error::boom",
            "## [9.9.9] - not conventional",
        ]
        let text = ChangelogMarkdown(style: .changelog).render(S.release(hostile.map { S.entry($0) }))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let starts = lines.filter { $0.hasPrefix("## ") }
        #expect(starts == ["## [1.2.0] - 2026-01-31"])
        #expect(text.contains("::error::boom"))
        #expect(text.contains("- ## [9.9.9] - not conventional"))
    }
}
