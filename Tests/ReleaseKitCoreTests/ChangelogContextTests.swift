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

    /// Two releases sharing commits (a final repeats its rc's), with hostile text.
    static let hostileReleases = [
        S.release([
            S.entry("feat(<ui>)!: \"quoted\" \u{2028} & \u{FEFF}\n\nBody\r\nwith \u{1}\u{7F}\n\nBREAKING CHANGE: a\\b", sha: String(repeating: "c", count: 40)),
            S.entry(String(decoding: Array("fix: bad ".utf8) + [0xFF, 0xFE], as: UTF8.self), sha: String(repeating: "d", count: 40),
                    author: "Zoë </name>", email: "1+bot[bot]@users.noreply.github.com"),
        ], tag: "v2.0.0", previous: "v1.0.0"),
        S.release([S.entry("fix: bad", sha: String(repeating: "d", count: 40))], tag: "v2.0.0-rc.1", previous: "v1.0.0"),
    ]

    @Test(arguments: [nil, S.links])
    func jsonTextIsTheContextAndParses(_ links: RepositoryLinks?) throws {
        let context = ChangelogContext(releases: Self.hostileReleases, links: links)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(context.jsonText().utf8)) as? [String: Any])
        let releases = try #require(parsed["releases"] as? [[String: Any]])
        #expect(releases.count == 2)
        let commits = try #require(releases[0]["commits"] as? [[String: Any]])
        #expect(commits.map { $0["subject"] as? String } == Self.hostileReleases[0].entries.map(\.parsed.subject))
        let body = try #require(Self.hostileReleases[0].entries[0].parsed.body)
        #expect(body.unicodeScalars.contains("\u{1}") && body.unicodeScalars.contains("\u{7F}"))
        #expect(commits.first?["body"] as? String == body)
        #expect((commits.last?["author"] as? [String: Any])?["name"] as? String == "Zoë </name>")
        // The same commit in two releases and in a section reads the same everywhere.
        let sections = try #require(releases[0]["sections"] as? [[String: Any]])
        let again = try #require((releases[1]["commits"] as? [[String: Any]])?.first)
        #expect(NSDictionary(dictionary: again) == NSDictionary(dictionary: commits[1]))
        #expect(sections.flatMap { ($0["commits"] as? [[String: Any]]) ?? [] }.count == 3)
        #expect(parsed["repository_url"] as? String == links?.baseURL)
        #expect(context.json.serialized == context.jsonText())
        #expect(context.jsonText(newline: true) == context.jsonText() + "\n")
    }

    /// What a template walks is the JSON document with its nulls left out.
    @Test(arguments: [nil, S.links])
    func templateValuesAreTheJSONWithoutNulls(_ links: RepositoryLinks?) throws {
        let context = ChangelogContext(releases: Self.hostileReleases, links: links)
        var builder = MustacheValueBuilder()
        context.write(to: &builder)
        let fromJSON = try JSONSerialization.jsonObject(with: Data(context.jsonText().utf8))
        func withoutNulls(_ value: Any) -> Any? {
            switch value {
            case is NSNull: return nil
            case let object as [String: Any]: return object.compactMapValues(withoutNulls)
            case let array as [Any]: return array.compactMap(withoutNulls)
            default: return value
            }
        }
        let expected = try #require(withoutNulls(fromJSON) as? [String: Any])
        let built = try #require(builder.value as? [String: Any])
        #expect(NSDictionary(dictionary: built) == NSDictionary(dictionary: expected))
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
