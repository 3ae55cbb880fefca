/// Which files in the artifact directory are the release: those the patterns match
/// (every file when there are none), which patterns match nothing, and which files no
/// pattern wants.
public struct ArtifactSelection: Sendable, Equatable {
    /// A pattern that matched no file.
    public struct Missing: Sendable, Equatable {
        public var pattern: String
        /// Directories it matched (a directory is never an artifact).
        public var directories: [String]

        public var reason: String { reason(subject: "--expect \(pattern)") }

        /// The message, with `subject` naming the pattern as the user wrote it: the
        /// flag and pattern, or the pattern and the configuration key it came from.
        public func reason(subject: String) -> String {
            directories.isEmpty
                ? "no file matches \(subject)"
                : "\(subject) matches only directories (\(directories.joined(separator: ", "))); an artifact must be a file"
        }
    }

    /// Names of the selected files, in the order given.
    public var selected: [String]
    public var missing: [Missing]
    /// Files no pattern matches (empty without patterns).
    public var unmatched: [String]

    /// `files` are the non-directory entries (names relative to the directory),
    /// `directories` the directories.
    public init(files: [String], directories: [String], patterns: [ArtifactPattern]) {
        guard !patterns.isEmpty else {
            selected = files
            missing = []
            unmatched = []
            return
        }
        var chosen = Set<String>()
        missing = []
        for pattern in patterns {
            let hits = files.filter(pattern.matches)
            if hits.isEmpty {
                missing.append(Missing(pattern: pattern.expanded, directories: directories.filter(pattern.matches)))
            }
            chosen.formUnion(hits)
        }
        selected = files.filter(chosen.contains)
        unmatched = files.filter { !chosen.contains($0) }
    }
}
