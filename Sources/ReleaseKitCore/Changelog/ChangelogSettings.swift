/// How render-changelog groups and filters commits. A plain value with the
/// documented defaults, so the tool works from flags alone; `.releasekit.yml`
/// (the `changelog:` table) overrides it field by field.
public struct ChangelogSettings: Sendable, Hashable {
    /// Where commits of one Conventional Commits type go.
    public struct SectionRule: Sendable, Hashable {
        /// The type, lowercased as `ConventionalCommit.type` is (`feat`, `revert`).
        public var type: String
        /// The section heading (`Features`). Types with the same title share a section.
        public var title: String
        /// Sections are printed by ascending order, then by their position in `sections`.
        public var order: Int
        /// A hidden type's commits are left out, unless they are breaking changes,
        /// which always show under the breaking section.
        public var hidden: Bool

        public init(type: String, title: String, order: Int, hidden: Bool = false) {
            self.type = type.lowercased()
            self.title = title
            self.order = order
            self.hidden = hidden
        }
    }

    /// What happens to messages that are not Conventional Commits.
    public enum OtherCommits: Sendable, Hashable {
        /// Listed in a last section with this title.
        case section(title: String)
        /// Left out.
        case drop
    }

    /// The rules per type; a type with no rule is hidden.
    public var sections: [SectionRule]
    /// The first section, listing every breaking change with its note.
    public var breakingTitle: String
    public var otherCommits: OtherCommits
    /// Merge commits (two or more parents) are left out by default: the merged
    /// commits are listed themselves.
    public var includeMergeCommits: Bool
    /// Release commits (`release: 1.2.0`, `release(core): 1.2.0`) are left out by default.
    public var includeReleaseCommits: Bool
    /// Whether rendered releases end with their list of contributors.
    public var showContributors: Bool

    public init(
        sections: [SectionRule] = ChangelogSettings.defaultSections,
        breakingTitle: String = "Breaking Changes",
        otherCommits: OtherCommits = .section(title: "Other"),
        includeMergeCommits: Bool = false,
        includeReleaseCommits: Bool = false,
        showContributors: Bool = true
    ) {
        self.sections = sections
        self.breakingTitle = breakingTitle
        self.otherCommits = otherCommits
        self.includeMergeCommits = includeMergeCommits
        self.includeReleaseCommits = includeReleaseCommits
        self.showContributors = showContributors
    }

    /// Breaking Changes (always first), then Features, Bug Fixes, Performance,
    /// Reverts, Documentation; the other common types are listed hidden so the
    /// defaults document themselves.
    public static let defaultSections: [SectionRule] = [
        SectionRule(type: "feat", title: "Features", order: 10),
        SectionRule(type: "fix", title: "Bug Fixes", order: 20),
        SectionRule(type: "perf", title: "Performance", order: 30),
        SectionRule(type: "revert", title: "Reverts", order: 40),
        SectionRule(type: "docs", title: "Documentation", order: 50),
        SectionRule(type: "refactor", title: "Refactoring", order: 60, hidden: true),
        SectionRule(type: "style", title: "Styling", order: 70, hidden: true),
        SectionRule(type: "test", title: "Tests", order: 80, hidden: true),
        SectionRule(type: "build", title: "Build System", order: 90, hidden: true),
        SectionRule(type: "ci", title: "Continuous Integration", order: 100, hidden: true),
        SectionRule(type: "chore", title: "Miscellaneous", order: 110, hidden: true),
    ]

    /// The rule for `type` (already lowercased); the last rule wins when a type is
    /// listed twice, so an override appended to the defaults takes effect.
    public func rule(for type: String) -> SectionRule? {
        sections.last { $0.type == type }
    }

    /// Whether a commit is left out before grouping (merge and release commits).
    public func excludes(_ commit: HistoryCommit, parsed: ParsedCommit) -> Bool {
        if commit.isMerge && !includeMergeCommits { return true }
        if !includeReleaseCommits && parsed.isReleaseCommit { return true }
        return false
    }
}
