/// Which entries of the artifact directory are the release, and which of them are
/// worth reading. Both the edge (to know what to hash) and the plan (to judge) need
/// this answer, so it is one pure function of the listing, patterns and checksum file.
public struct VerifyArtifactsSelection: Sendable, Equatable {
    /// An entry that was chosen but cannot be an artifact.
    public struct Invalid: Sendable, Equatable {
        public var name: String
        public var problem: String
    }

    /// Chosen names: pattern matches (every file without patterns), then names only
    /// the checksum file lists.
    public var chosen: [String]
    public var missing: [ArtifactSelection.Missing]
    /// Files no pattern matches, under `--strict`.
    public var unexpected: [String]
    public var invalid: [Invalid]
    /// Chosen files to read, in `chosen` order.
    public var readable: [String]

    public init(entries: [VerifyArtifactsFacts.Entry], patterns: [ArtifactPattern], checksumFile: ChecksumFile?, strict: Bool) {
        let byName = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let selection = ArtifactSelection(files: entries.filter { !$0.isDirectory }.map(\.name),
                                          directories: entries.filter(\.isDirectory).map(\.name), patterns: patterns)
        var chosen = selection.selected
        if let checksumFile, !patterns.isEmpty {
            // A file the checksum file lists is part of the release even if no pattern names it.
            let already = Set(chosen)
            chosen += checksumFile.entries.map(\.name).filter { name in
                byName[name].map { !$0.isDirectory } ?? false && !already.contains(name)
            }
        }
        let chosenSet = Set(chosen)
        self.chosen = chosen
        missing = selection.missing
        unexpected = strict ? selection.unmatched.filter { !chosenSet.contains($0) } : []
        invalid = []
        readable = []
        for name in chosen {
            guard let entry = byName[name] else { continue }
            if let problem = entry.problem {
                invalid.append(Invalid(name: name, problem: problem))
            } else {
                readable.append(name)
            }
        }
    }
}
