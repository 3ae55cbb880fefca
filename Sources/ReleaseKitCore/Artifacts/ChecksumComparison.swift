/// A checksum file held against the digests of the files on disk.
public struct ChecksumComparison: Sendable, Equatable {
    public struct Mismatch: Sendable, Equatable {
        public var name: String
        public var listed: String
        public var actual: String
        public var line: Int
    }

    public var matched: [String]
    public var mismatched: [Mismatch]
    /// Listed names with no file.
    public var missing: [ChecksumFile.Entry]
    /// Files (of `digests`) the checksum file does not list.
    public var unlisted: [String]

    /// `digests`: name → hex digest in the checksum file's algorithm, for every file
    /// that could be hashed. `present`: other names that exist but could not be hashed
    /// (reported elsewhere, so they are not "missing" here).
    public init(file: ChecksumFile, digests: [String: String], present: Set<String> = []) {
        matched = []
        mismatched = []
        missing = []
        var listed = Set<String>()
        for entry in file.entries {
            listed.insert(entry.name)
            guard let actual = digests[entry.name] else {
                if !present.contains(entry.name) { missing.append(entry) }
                continue
            }
            if actual == entry.digest {
                matched.append(entry.name)
            } else {
                mismatched.append(Mismatch(name: entry.name, listed: entry.digest, actual: actual, line: entry.line))
            }
        }
        unlisted = digests.keys.filter { !listed.contains($0) }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}
