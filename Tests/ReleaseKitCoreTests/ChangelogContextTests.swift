import Foundation
import Testing
@testable import ReleaseKitCore

@Suite struct ChangelogContextTests {
    typealias S = ChangelogSamples

    static let release = S.release([
        S.entry("feat(api)!: new\n\nWhy.\n\nBREAKING CHANGE: gone\nRefs #9", sha: String(repeating: "a", count: 40),
                author: "Octo", email: "7+octocat@users.noreply.github.com"),
        S.entry("Plain message\n\nbody", sha: String(repeating: "b", count: 40)),
    ])

    @Test func jsonHoldsReleasesSectionsAndCommits() throws {
        let json = ChangelogContext(releases: [Self.release], links: S.links).json
        let release = try #require(json["releases"]?.arrayValue?.first)
        #expect(json["repository_url"] == .string("https://github.com/acme/widget"))
        #expect(release["version"] == .string("1.2.0"))
        #expect(release["previous_tag"] == .string("v1.1.0"))
        #expect(release["compare_url"] == .string("https://github.com/acme/widget/compare/v1.1.0...v1.2.0"))
        #expect(release["commit_count"] == .number(2))
        #expect(release["has_breaking_changes"] == .bool(true))
        #expect(release["sections"]?.arrayValue?.map { $0["title"] } == [.string("Breaking Changes"), .string("Features"), .string("Other")])
        let commit = try #require(release["commits"]?.arrayValue?.first)
        #expect(commit["sha"] == .string(String(repeating: "a", count: 40)))
        #expect(commit["type"] == .string("feat"))
        #expect(commit["scope"] == .string("api"))
        #expect(commit["description"] == .string("new"))
        #expect(commit["body"] == .string("Why."))
        #expect(commit["breaking"] == .bool(true))
        #expect(commit["breaking_note"] == .string("gone"))
        #expect(commit["footers"] == .array([
            .object(["token": .string("BREAKING CHANGE"), "separator": .string(": "), "value": .string("gone")]),
            .object(["token": .string("Refs"), "separator": .string(" #"), "value": .string("9")]),
        ]))
        #expect(commit["author"]?["login"] == .string("octocat"))
        let other = try #require(release["commits"]?.arrayValue?.last)
        #expect(other["type"] == .null)
        #expect(other["conventional"] == .bool(false))
        #expect(other["body"] == .string("body"))
        // The serialized text is valid JSON.
        let data = Data(json.serialized.utf8)
        #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
    }

    @Test func templateRendersTheSameContext() throws {
        let template = try ChangelogTemplate("""
            {{#releases}}# {{title}} ({{date}}){{#previous_tag}} after {{.}}{{/previous_tag}}
            {{#sections}}## {{title}}
            {{#commits}}* {{#scope}}[{{.}}] {{/scope}}{{{description}}} by {{author.display_name}}{{#breaking}} (breaking){{/breaking}}
            {{/commits}}{{/sections}}{{/releases}}
            """, source: "t.mustache")
        let text = template.render(ChangelogContext(releases: [Self.release]))
        #expect(text == """
            # 1.2.0 (2026-01-31) after v1.1.0
            ## Breaking Changes
            * [api] new by @octocat (breaking)
            ## Features
            * [api] new by @octocat (breaking)
            ## Other
            * Plain message by Ada

            """)
    }

    @Test func templateEscapingFollowsMustache() throws {
        let release = S.release([S.entry("fix: a <b> & c")])
        let escaped = try ChangelogTemplate("{{#releases}}{{#commits}}{{description}}|{{{description}}}{{/commits}}{{/releases}}", source: "t")
        #expect(escaped.render(ChangelogContext(releases: [release])) == "a &lt;b&gt; &amp; c|a <b> & c")
    }

    @Test func brokenTemplateIsAnInputError() {
        #expect(throws: InputError.self) { try ChangelogTemplate("{{#releases}} never closed", source: "bad.mustache") }
    }
}
