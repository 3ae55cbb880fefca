import Testing
@testable import ReleaseKitCore

@Suite struct ChangelogSettingsTests {
    typealias S = ChangelogSamples

    @Test func defaultSectionsInOrderWithBreakingFirstAndOtherLast() {
        let entries = [
            S.entry("docs: readme"), S.entry("Update things"), S.entry("revert: feat: x"),
            S.entry("perf: faster"), S.entry("fix: crash"), S.entry("feat(api)!: new api"),
            S.entry("chore: deps"), S.entry("feat: small"), S.entry("Revert \"fix: crash\""),
        ]
        let sections = ChangelogSettings().sections(for: entries)
        #expect(sections.map(\.title) == ["Breaking Changes", "Features", "Bug Fixes", "Performance", "Reverts", "Documentation", "Other"])
        #expect(sections[1].entries.map(\.parsed.subject) == ["feat(api)!: new api", "feat: small"])
        #expect(sections[4].entries.count == 2) // both revert spellings
        #expect(sections.flatMap(\.entries).allSatisfy { $0.parsed.conventional?.type != "chore" })
    }

    @Test func breakingChangesOfHiddenTypesStillShow() {
        let sections = ChangelogSettings().sections(for: [S.entry("refactor!: drop the old API")])
        #expect(sections.map(\.title) == ["Breaking Changes"])
    }

    @Test func otherCommitsCanBeDropped() {
        let settings = ChangelogSettings(otherCommits: .drop)
        #expect(settings.sections(for: [S.entry("Update things"), S.entry("fix: x")]).map(\.title) == ["Bug Fixes"])
    }

    @Test func sectionsAreConfigurable() {
        var settings = ChangelogSettings(breakingTitle: "⚠ BREAKING")
        settings.sections = [
            .init(type: "fix", title: "Fixed", order: 1),
            .init(type: "feat", title: "Added", order: 2),
            .init(type: "perf", title: "Fixed", order: 1), // shares a section
            .init(type: "chore", title: "Chores", order: 3),
            .init(type: "docs", title: "Docs", order: 0, hidden: true),
        ]
        let sections = settings.sections(for: [S.entry("feat: a"), S.entry("perf: b"), S.entry("fix: c"),
                                               S.entry("docs: d"), S.entry("chore: e"), S.entry("FEAT!: f")])
        #expect(sections.map(\.title) == ["⚠ BREAKING", "Fixed", "Added", "Chores"])
        #expect(sections[1].entries.map(\.parsed.subject) == ["perf: b", "fix: c"])
        #expect(sections[2].entries.map(\.parsed.subject) == ["feat: a", "FEAT!: f"])
    }

    @Test func laterRuleForATypeOverridesTheDefault() {
        var settings = ChangelogSettings()
        settings.sections.append(.init(type: "chore", title: "Chores", order: 5))
        #expect(settings.sections(for: [S.entry("chore: x")]).map(\.title) == ["Chores"])
    }

    @Test func mergeAndReleaseCommitsAreExcludedByDefault() {
        let settings = ChangelogSettings()
        let merge = S.entry("Merge pull request #1 from a/b", parents: ["a", "b"])
        let release = S.entry("release(core): 1.2.0")
        let plain = S.entry("fix: x")
        #expect(settings.excludes(merge.commit, parsed: merge.parsed))
        #expect(settings.excludes(release.commit, parsed: release.parsed))
        #expect(!settings.excludes(plain.commit, parsed: plain.parsed))
        let inclusive = ChangelogSettings(includeMergeCommits: true, includeReleaseCommits: true)
        #expect(!inclusive.excludes(merge.commit, parsed: merge.parsed))
        #expect(!inclusive.excludes(release.commit, parsed: release.parsed))
    }
}
