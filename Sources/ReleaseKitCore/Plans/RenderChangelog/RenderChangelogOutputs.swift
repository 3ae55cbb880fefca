/// render-changelog's outputs: the notes, and the facts of the (newest) release.
public struct RenderChangelogOutputs: ToolOutputs, Equatable {
    public var notes: String
    public var notesFile: String
    public var version: String
    public var previousTag: String
    public var commitCount: Int
    public var hasBreakingChanges: Bool

    public enum CodingKeys: String, OutputName {
        case notes
        case notesFile = "notes-file"
        case version
        case previousTag = "previous-tag"
        case commitCount = "commit-count"
        case hasBreakingChanges = "has-breaking-changes"

        public var summary: String {
            switch self {
            case .notes: "The rendered text (every release with `--all`), multi-line."
            case .notesFile: "A file holding the same text (`--output`, or one under `RUNNER_TEMP`)."
            case .version: "The (newest) release's version as written in its tag (`1.2.3`); empty for Unreleased."
            case .previousTag: "The tag (or `--from` ref) it is compared against; empty for a first release."
            case .commitCount: "Commits in that release, after leaving out merge, release and `--path`-filtered ones."
            case .hasBreakingChanges: "`true` / `false` for that release."
            }
        }
    }

    /// `notes` as written to `notesFile` (redacted), about `releases` (newest first).
    public init(notes: String, notesFile: String, releases: [ChangelogRelease]) {
        self.notes = notes
        self.notesFile = notesFile
        let target = releases.first
        version = target?.version ?? ""
        previousTag = target?.previousTag ?? ""
        commitCount = target?.entries.count ?? 0
        hasBreakingChanges = target?.hasBreakingChanges ?? false
    }
}
