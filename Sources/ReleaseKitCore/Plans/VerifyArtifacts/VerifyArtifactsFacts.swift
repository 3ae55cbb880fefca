/// What verify-artifacts found in the world, as plain values: the directory listing,
/// the digests and archive checks of the files worth reading, the checksum file and
/// templates as read, and the release's assets. Gathered at the edge (which owns the
/// file system, the hashing and the API); everything the plan decides comes from here.
public struct VerifyArtifactsFacts: Sendable {
    /// One thing in the artifact directory.
    public struct Entry: Sendable, Equatable {
        /// The path relative to the directory: the artifact's name.
        public var name: String
        public var isDirectory: Bool
        /// The size of a usable file; nil otherwise.
        public var size: UInt64?
        /// Why the entry cannot be an artifact (a dangling symlink, an empty file …), or nil.
        public var problem: String?

        public init(name: String, isDirectory: Bool = false, size: UInt64? = nil, problem: String? = nil) {
            self.name = name
            self.isDirectory = isDirectory
            self.size = size
            self.problem = problem
        }
    }

    /// A file's size and its digests in hex, by algorithm.
    public struct Digest: Sendable, Equatable {
        public var size: UInt64
        public var hex: [DigestAlgorithm: String]

        public init(size: UInt64, hex: [DigestAlgorithm: String]) {
            self.size = size
            self.hex = hex
        }
    }

    /// An archive read to its end: its kind (`tar.gz`, `zip` …) and what is broken in it.
    public struct ArchiveCheck: Sendable, Equatable {
        public var kind: String
        /// Empty when the archive is intact.
        public var damage: [ArchiveDamage]

        public init(kind: String, damage: [ArchiveDamage]) {
            self.kind = kind
            self.damage = damage
        }
    }

    /// The published release the files are held against.
    public struct Release: Sendable, Equatable {
        public var tag: String
        public var assets: [ReleaseAssetComparison.Remote]
        /// Local name → the name GitHub stores it under.
        public var assetNames: [String: String]
        /// Local name → SHA-256 of its asset, for assets the API gave no digest for and
        /// that were downloaded and hashed.
        public var downloadedSHA256: [String: String]
        /// The release object's `immutable`: published while immutability was on.
        public var immutable: Bool
        public var draft: Bool

        public init(tag: String, assets: [ReleaseAssetComparison.Remote], assetNames: [String: String],
                    downloadedSHA256: [String: String] = [:], immutable: Bool = false, draft: Bool = false) {
            self.tag = tag
            self.assets = assets
            self.assetNames = assetNames
            self.downloadedSHA256 = downloadedSHA256
            self.immutable = immutable
            self.draft = draft
        }

        /// The verified files as the comparison sees them; files without a SHA-256 are left out.
        public func locals(_ verified: [(name: String, digest: Digest)]) -> [ReleaseAssetComparison.Local] {
            verified.compactMap { file in
                guard let sha256 = file.digest.hex[.sha256] else { return nil }
                return .init(name: file.name, assetName: assetNames[file.name] ?? file.name, size: file.digest.size, sha256: sha256)
            }
        }
    }

    /// The directory's entries, without the tool's own input and output files.
    public var entries: [Entry]
    /// The expected patterns, placeholders filled in.
    public var patterns: [ArtifactPattern]
    /// Placeholder values: the flags', completed from the tag where something needed them.
    public var values: PlaceholderValues
    public var checksumFile: ChecksumFile?
    /// The templates of `settings.renders`, in the same order.
    public var templates: [ManifestTemplate]
    /// The `{url:…}` base, when a template uses one.
    public var downloadURL: DownloadURL?
    /// Digests of the files that could be read, by name.
    public var digests: [String: Digest]
    /// Files that could not be read while hashing: name → reason.
    public var unreadable: [String: String]
    /// The archives that were checked, by name.
    public var archives: [String: ArchiveCheck]
    public var release: Release?
    /// Whether `--checksums` and `--write-checksums` name the same file.
    public var checksumsIsWriteTarget: Bool

    public init(entries: [Entry] = [], patterns: [ArtifactPattern] = [], values: PlaceholderValues = PlaceholderValues(),
                checksumFile: ChecksumFile? = nil, templates: [ManifestTemplate] = [], downloadURL: DownloadURL? = nil,
                digests: [String: Digest] = [:], unreadable: [String: String] = [:], archives: [String: ArchiveCheck] = [:],
                release: Release? = nil, checksumsIsWriteTarget: Bool = false) {
        self.entries = entries
        self.patterns = patterns
        self.values = values
        self.checksumFile = checksumFile
        self.templates = templates
        self.downloadURL = downloadURL
        self.digests = digests
        self.unreadable = unreadable
        self.archives = archives
        self.release = release
        self.checksumsIsWriteTarget = checksumsIsWriteTarget
    }

    /// The checksum algorithm: the flag's, else the checksum file's, else SHA-256.
    public func primaryAlgorithm(_ settings: VerifyArtifactsSettings) -> DigestAlgorithm {
        settings.algorithm ?? checksumFile?.algorithm ?? .sha256
    }
}
