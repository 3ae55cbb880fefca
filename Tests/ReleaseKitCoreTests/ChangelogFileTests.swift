import Testing
@testable import ReleaseKitCore

@Suite struct ChangelogFileTests {
    static let header = "# Changelog\n\nNotes for humans.\n\n"
    static let v110 = "## [1.1.0] - 2026-01-01\n\n### Features\n\n- old (aaaaaaa)\n"
    static let v120 = "## [1.2.0] - 2026-01-31\n\n### Features\n\n- new (bbbbbbb)\n"

    @Test func createsTheFileWithAStandardHeader() {
        let text = ChangelogFile.merge(existing: nil, sections: [Self.v120])
        #expect(text == ChangelogFile.standardHeader + "\n" + Self.v120)
        #expect(ChangelogFile.merge(existing: "  \n", sections: [Self.v120]) == text)
    }

    @Test func insertsAfterTheHeaderBeforeTheFirstSection() {
        let text = ChangelogFile.merge(existing: Self.header + Self.v110, sections: [Self.v120])
        #expect(text == Self.header + Self.v120 + "\n" + Self.v110)
    }

    @Test func headerWithoutSectionsGetsTheSectionAppended() {
        #expect(ChangelogFile.merge(existing: "# Changelog\n", sections: [Self.v120]) == "# Changelog\n\n" + Self.v120)
    }

    @Test func replacesTheSameVersionInsteadOfDuplicating() {
        let once = ChangelogFile.merge(existing: Self.header + Self.v110, sections: [Self.v120])
        let changed = Self.v120.replacingOccurrences(of: "new", with: "newer")
        let twice = ChangelogFile.merge(existing: once, sections: [changed])
        #expect(twice == Self.header + changed + "\n" + Self.v110)
        #expect(ChangelogFile.merge(existing: twice, sections: [changed]) == twice)
    }

    @Test func matchesVersionsWrittenDifferently() {
        let existing = Self.header + "## v1.2.0 (2026-01-30)\n\n- older text\n\n" + Self.v110
        #expect(ChangelogFile.merge(existing: existing, sections: [Self.v120]) == Self.header + Self.v120 + "\n" + Self.v110)
        let linked = Self.header + "## [1.2.0](https://example.com/compare/v1.1.0...v1.2.0) (2026-01-30)\n\n- x\n\n" + Self.v110
        #expect(ChangelogFile.merge(existing: linked, sections: [Self.v120]) == Self.header + Self.v120 + "\n" + Self.v110)
    }

    @Test func unreleasedBecomesTheVersionsSection() {
        let existing = Self.header + "## [Unreleased]\n\n- pending work\n\n" + Self.v110
        #expect(ChangelogFile.merge(existing: existing, sections: [Self.v120]) == Self.header + Self.v120 + "\n" + Self.v110)
    }

    @Test func unreleasedReplacesUnreleased() {
        let existing = Self.header + "## [Unreleased]\n\n- old pending\n\n" + Self.v110
        let unreleased = "## [Unreleased]\n\n- new pending\n"
        #expect(ChangelogFile.merge(existing: existing, sections: [unreleased]) == Self.header + unreleased + "\n" + Self.v110)
    }

    @Test func severalSectionsKeepTheirOrder() {
        // --all rendered again over a file that has Unreleased and an old release.
        let existing = Self.header + "## [Unreleased]\n\n- x\n\n" + Self.v110
        let unreleased = "## [Unreleased]\n\n- y\n"
        let text = ChangelogFile.merge(existing: existing, sections: [unreleased, Self.v120, Self.v110])
        #expect(text == Self.header + unreleased + "\n" + Self.v120 + "\n" + Self.v110)
    }

    @Test func anOlderReleaseGoesBelowNewerOnes() {
        let v100 = "## [1.0.0] - 2025-12-01\n\n- first\n"
        let text = ChangelogFile.merge(existing: Self.header + Self.v120 + "\n" + v100, sections: [Self.v110])
        #expect(text == Self.header + Self.v120 + "\n" + Self.v110 + "\n" + v100)
        let unreleasedOnTop = Self.header + "## [Unreleased]\n\n- x\n\n" + Self.v120
        #expect(ChangelogFile.merge(existing: unreleasedOnTop, sections: ["## [1.3.0]\n\n- y\n"])
                == Self.header + "## [1.3.0]\n\n- y\n\n" + Self.v120)
    }

    @Test func headingsInCodeBlocksAreNotSections() {
        let header = "# Changelog\n\n```markdown\n## [1.2.0] - example\n```\n\n"
        let text = ChangelogFile.merge(existing: header + Self.v110, sections: [Self.v120])
        #expect(text == header + Self.v120 + "\n" + Self.v110)
    }

    @Test func bottomLinkReferencesSurviveAReplacement() {
        let existing = Self.header + "## [Unreleased]\n\n- x\n\n[unreleased]: https://e.com/compare/v1.1.0...HEAD\n[1.1.0]: https://e.com/releases/tag/v1.1.0\n"
        let text = ChangelogFile.merge(existing: existing, sections: [Self.v120])
        #expect(text == Self.header + Self.v120 + "\n[1.1.0]: https://e.com/releases/tag/v1.1.0\n")
    }

    @Test func keepsCRLFBytesOfOtherSections() {
        let existing = "# Changelog\r\n\r\n## [1.1.0]\r\n\r\n- old\r\n"
        let text = ChangelogFile.merge(existing: existing, sections: [Self.v120])
        #expect(text.hasSuffix("## [1.1.0]\r\n\r\n- old\r\n"))
        #expect(text.hasPrefix("# Changelog\r\n\r\n## [1.2.0]"))
    }
}
