import Testing
import ReleaseKitCore

/// render-changelog's decisions in-process: which releases, which range of history,
/// and what each release holds, on a fixed linear history:
///
///     c1 feat: a      v1.0.0
///     c2 fix: b       v1.1.0-rc.1
///     c3 feat: c      v1.1.0
///     c4 fix: d       (HEAD, untagged)
@Suite struct RenderChangelogPlanTests {
    static let sha = ["c1": "c1" + String(repeating: "0", count: 38), "c2": "c2" + String(repeating: "0", count: 38),
                      "c3": "c3" + String(repeating: "0", count: 38), "c4": "c4" + String(repeating: "0", count: 38)]
    static let references = [
        TagReference(name: "v1.0.0", commit: sha["c1"]!, date: "2026-01-01"),
        TagReference(name: "v1.1.0-rc.1", commit: sha["c2"]!, date: "2026-01-02"),
        TagReference(name: "v1.1.0", commit: sha["c3"]!, date: "2026-01-03"),
    ]
    /// Newest first, as `git log` gives them.
    static let commits = [
        HistoryCommit(sha: sha["c4"]!, parents: [sha["c3"]!], message: "fix: d"),
        HistoryCommit(sha: sha["c3"]!, parents: [sha["c2"]!], message: "feat: c"),
        HistoryCommit(sha: sha["c2"]!, parents: [sha["c1"]!], message: "fix: b"),
        HistoryCommit(sha: sha["c1"]!, parents: [], message: "feat!: a"),
    ]
    static let allTags: Set<String> = ["v1.0.0", "v1.1.0-rc.1", "v1.1.0"]

    static func selection(end: String, tag: String? = nil) throws -> TagSelection {
        try TagSelection(references: references, requestedComponent: nil, tag: tag, endCommit: sha[end]!, locatedTag: nil)
    }

    static func range(_ settings: RenderChangelogSettings, end: String = "c4",
                      reachable: Set<String>? = allTags) throws -> ChangelogRange? {
        let selection = try selection(end: end, tag: settings.tag)
        return try ChangelogRange.plan(selection: selection, settings: settings, endCommit: sha[end]!)
            ?? ChangelogRange.plan(selection: selection, settings: settings, endCommit: sha[end]!, reachableTags: reachable)
    }

    @Test(arguments: [
        // mode, --tag, --from, end commit, expected revisions, release tag, previous tag, tagged
        (RenderChangelogSettings.Mode.auto, String?.none, String?.none, "c4", ["HEAD", "^" + sha["c3"]!], String?.none, "v1.1.0" as String?, false),
        (.auto, nil, nil, "c3", ["HEAD", "^" + sha["c1"]!], "v1.1.0", "v1.0.0", true),
        (.auto, nil, nil, "c2", ["HEAD", "^" + sha["c1"]!], "v1.1.0-rc.1", "v1.0.0", true),
        (.auto, "v1.2.0", nil, "c4", ["HEAD", "^" + sha["c3"]!], "v1.2.0", "v1.1.0", false),
        (.auto, "v1.1.0-rc.1", nil, "c4", [sha["c2"]!, "^" + sha["c1"]!], "v1.1.0-rc.1", "v1.0.0", true),
        (.unreleased, nil, nil, "c3", ["HEAD", "^" + sha["c3"]!], nil, "v1.1.0", false),
        (.latest, nil, nil, "c4", [sha["c3"]!, "^" + sha["c1"]!], "v1.1.0", "v1.0.0", true),
        (.auto, nil, "abc123", "c4", ["HEAD", "^abc123"], nil, "abc123", false),
        (.auto, nil, "abc123", "c3", ["HEAD", "^abc123"], "v1.1.0", "abc123", true),
    ])
    func range(mode: RenderChangelogSettings.Mode, tag: String?, from: String?, end: String, revisions: [String],
               releaseTag: String?, previous: String?, tagged: Bool) throws {
        let range = try #require(try Self.range(.init(from: from, tag: tag, mode: mode), end: end))
        #expect(range.revisions == revisions)
        #expect(range.releases.map(\.tag) == [releaseTag])
        #expect(range.releases.map(\.previousTag) == [previous])
        #expect(range.releases.map(\.isTagged) == [tagged])
        #expect(!range.isAll)
    }

    @Test func theUnreleasedRangeAsksForTheReachableTagsOnlyWhenItNeedsThem() throws {
        let selection = try Self.selection(end: "c4")
        #expect(try ChangelogRange.plan(selection: selection, settings: .init(), endCommit: Self.sha["c4"]!) == nil)
        #expect(try ChangelogRange.plan(selection: try Self.selection(end: "c3"), settings: .init(), endCommit: Self.sha["c3"]!) != nil)
        // Only v1.0.0 reachable from the end (another branch): the range starts there.
        let range = try #require(try Self.range(.init(), reachable: ["v1.0.0"]))
        #expect(range.revisions == ["HEAD", "^" + Self.sha["c1"]!])
    }

    @Test func latestWithoutATagIsAnError() throws {
        let selection = try TagSelection(references: [], requestedComponent: nil, tag: nil, endCommit: Self.sha["c4"]!, locatedTag: nil)
        #expect(throws: RenderChangelogPlanError.noReleaseTag(component: "the repository (plain version tags)")) {
            try ChangelogRange.plan(selection: selection, settings: .init(mode: .latest), endCommit: Self.sha["c4"]!)
        }
    }

    @Test func allRendersEveryReleaseNewestFirstWithTheUnreleasedOnTop() throws {
        let settings = RenderChangelogSettings(mode: .all)
        let selection = try Self.selection(end: "c4")
        let first = try #require(try ChangelogRange.plan(selection: selection, settings: settings, endCommit: Self.sha["c4"]!))
        #expect(first.isAll)
        #expect(first.revisions == ["HEAD"])
        let range = try ChangelogRange.allReleases(in: Self.commits, selection: selection, tag: nil)
        let plan = RenderChangelogPlan(range: range, selection: selection, settings: settings,
                                       facts: .init(commits: Self.commits, today: "2026-02-01"))
        #expect(plan.releases.map(\.title) == ["Unreleased", "1.1.0", "1.1.0-rc.1", "1.0.0"])
        #expect(plan.releases.map(\.entries.count) == [1, 2, 1, 1])
        #expect(plan.releases.map(\.previousTag) == ["v1.1.0", "v1.0.0", "v1.0.0", nil])
        #expect(plan.releases.map(\.date) == [nil, "2026-01-03", "2026-01-02", "2026-01-01"])
        #expect(plan.releases.map(\.hasBreakingChanges) == [false, false, false, true])

        let outputs = RenderChangelogOutputs(notes: plan.notes, notesFile: "/tmp/notes.md", releases: plan.releases)
        #expect(outputs.version == "")
        #expect(outputs.previousTag == "v1.1.0")
        #expect(outputs.commitCount == 1)
        #expect(!outputs.hasBreakingChanges)
    }

    @Test func aPendingReleaseIsDatedTodayAndKeepsOnlyTheCommitsTouchingItsPaths() throws {
        let settings = RenderChangelogSettings(tag: "v1.2.0")
        let selection = try Self.selection(end: "c4", tag: "v1.2.0")
        let range = try #require(try ChangelogRange.plan(selection: selection, settings: settings, endCommit: Self.sha["c4"]!))
        let history = Array(Self.commits.prefix(1))
        let kept = RenderChangelogPlan(range: range, selection: selection, settings: settings,
                                       facts: .init(commits: history, today: "2026-02-01"))
        #expect(kept.releases.map(\.date) == ["2026-02-01"])
        #expect(kept.releases.map(\.entries.count) == [1])
        let none = RenderChangelogPlan(range: range, selection: selection, settings: settings,
                                       facts: .init(commits: history, touching: [], today: "2026-02-01"))
        #expect(none.releases.map(\.entries.count) == [0])
    }

    @Test(arguments: [
        // format, expected extension of the default notes file
        (RenderChangelogSettings.Format.markdown, ".md"),
        (.github, ".md"),
        (.json, ".json"),
    ])
    func notesFileExtension(format: RenderChangelogSettings.Format, expected: String) throws {
        let selection = try Self.selection(end: "c3")
        let settings = RenderChangelogSettings(format: format)
        let range = try #require(try ChangelogRange.plan(selection: selection, settings: settings, endCommit: Self.sha["c3"]!))
        let plan = RenderChangelogPlan(range: range, selection: selection, settings: settings,
                                       facts: .init(commits: Array(Self.commits.dropFirst()), today: "2026-02-01"))
        #expect(plan.notesExtension == expected)
        if format == .json { #expect(plan.notes.hasPrefix("{")) } else { #expect(plan.notes.contains("feat") || plan.notes.contains("Features")) }
    }

    @Test func prependMergesTheRedactedSectionsIntoTheFile() throws {
        let selection = try Self.selection(end: "c3")
        let settings = RenderChangelogSettings()
        let range = try #require(try ChangelogRange.plan(selection: selection, settings: settings, endCommit: Self.sha["c3"]!))
        let plan = RenderChangelogPlan(range: range, selection: selection, settings: settings,
                                       facts: .init(commits: Array(Self.commits.dropFirst()), today: "2026-02-01"))
        let merged = try plan.prepended(to: "# Changelog\n", file: "CHANGELOG.md") { $0.replacingOccurrences(of: "1.1.0", with: "X.X.X") }
        #expect(merged.hasPrefix("# Changelog"))
        #expect(merged.contains("X.X.X"))
        #expect(!merged.contains("1.1.0"))
        #expect(throws: RenderChangelogPlanError.unencodableSection(file: "CHANGELOG.md")) {
            try plan.prepended(to: nil, file: "CHANGELOG.md") { $0 + "\u{10FF80}" }
        }
    }

    @Test(arguments: [
        // --path values, configured package paths, component, expected paths, from the package
        ([String](), ["web": "/packages/web"], "web", ["packages/web"], true),
        (["src"], ["web": "/packages/web"], "web", ["src"], false),
        ([], ["web": "/"], "web", [], false),
        ([], ["web": "/packages/web"], "", [], false),
    ])
    func commitPaths(paths: [String], packages: [String: String], component: String, expected: [String], fromPackage: Bool) {
        let settings = RenderChangelogSettings(paths: paths, packagePaths: packages)
        #expect(settings.commitPaths(for: component).paths == expected)
        #expect(settings.commitPaths(for: component).fromPackage == fromPackage)
    }

    @Test func aTagThatIsNoReleaseOrOfAnotherComponentIsRefusedByConcept() throws {
        let references = Self.references + [TagReference(name: "nightly", commit: Self.sha["c4"]!)]
        #expect(throws: RenderChangelogPlanError.tagOfAnotherComponent(tag: "web-v1.0.0", component: "web", requested: "api")) {
            try TagSelection(references: references, requestedComponent: "api", tag: "web-v1.0.0", endCommit: Self.sha["c4"]!, locatedTag: nil)
        }
        // A PEP 440-only tag among SemVer ones is left out of the releases.
        let mixed = Self.references + [TagReference(name: "v2.0rc1", commit: Self.sha["c4"]!)]
        let selection = try TagSelection(references: mixed, requestedComponent: nil, tag: "v2.0rc1", endCommit: Self.sha["c4"]!, locatedTag: nil)
        #expect(throws: RenderChangelogPlanError.notAReleaseTag(tag: "v2.0rc1", component: "the repository (plain version tags)")) {
            try ChangelogRange.plan(selection: selection, settings: .init(tag: "v2.0rc1"), endCommit: Self.sha["c4"]!)
        }
        #expect(throws: RenderChangelogPlanError.severalComponents(["api", "web"])) {
            try TagSelection(references: [TagReference(name: "web-v1.0.0", commit: "x"), TagReference(name: "api-v1.0.0", commit: "x")],
                             requestedComponent: nil, tag: nil, endCommit: "x", locatedTag: nil)
        }
    }

    @Test func outputNamesAreTheActionsOnes() {
        #expect(RenderChangelogOutputs.outputNames.map(\.name) == [
            "notes", "notes-file", "version", "previous-tag", "commit-count", "has-breaking-changes",
        ])
    }
}
