/// What verify-artifacts was asked to do, each setting already resolved from its flag,
/// `.releasekit.yml` or its default, so nothing after resolution asks where a value
/// came from — except the expected patterns, whose origin error messages must name.
public struct VerifyArtifactsSettings: Sendable, Equatable {
    /// Where the expected patterns came from: the wording of a bad pattern's message.
    public enum PatternSource: Sendable, Equatable {
        /// `--expect` (or none at all: every file is the release).
        case flag
        /// A configuration key such as `artifacts` or `packages[1].artifacts`.
        case configuration(key: String)
    }

    public var directory: String
    public var expect: [String]
    public var expectSource: PatternSource
    /// Placeholder values the flags gave; the rest come from the tag.
    public var values: PlaceholderValues
    public var strict: Bool
    public var checksums: String?
    public var writeChecksums: String?
    public var algorithm: DigestAlgorithm?
    public var checkArchives: Bool
    public var renders: [RenderRequest]
    public var baseURL: String?
    public var againstRelease: String?
    /// With `againstRelease`: fail unless the release is immutable.
    public var requireImmutable: Bool
    /// Seconds without a byte sent or received before an API request is retried.
    public var stallTimeout: Double

    public init(directory: String = "dist", expect: [String] = [], expectSource: PatternSource = .flag,
                values: PlaceholderValues = PlaceholderValues(), strict: Bool = false, checksums: String? = nil,
                writeChecksums: String? = nil, algorithm: DigestAlgorithm? = nil, checkArchives: Bool = false,
                renders: [RenderRequest] = [], baseURL: String? = nil, againstRelease: String? = nil,
                requireImmutable: Bool = false, stallTimeout: Double = 30) {
        self.directory = directory
        self.expect = expect
        self.expectSource = expectSource
        self.values = values
        self.strict = strict
        self.checksums = checksums
        self.writeChecksums = writeChecksums
        self.algorithm = algorithm
        self.checkArchives = checkArchives
        self.renders = renders
        self.baseURL = baseURL
        self.againstRelease = againstRelease
        self.requireImmutable = requireImmutable
        self.stallTimeout = stallTimeout
    }

    /// How a message names one expected pattern: `--expect P` as always, or the pattern
    /// with the configuration key it came from.
    public func subject(ofPattern pattern: String) -> String {
        switch expectSource {
        case .flag: "--expect \(pattern)"
        case .configuration(let key): "\(pattern) (from \(key) in \(ReleaseKitConfig.fileName))"
        }
    }

    /// How a message names the expected patterns as a whole.
    public var patternsSubject: String {
        switch expectSource {
        case .flag: "no --expect pattern"
        case .configuration(let key): "no pattern in \(key) of \(ReleaseKitConfig.fileName)"
        }
    }

    /// The files the tool itself reads or writes in the directory: never artifacts.
    public var ownFiles: [String] {
        [checksums, writeChecksums].compactMap { $0 } + renders.map(\.output)
    }

    /// The digests to compute: the checksum algorithm, SHA-256 for a release (GitHub's
    /// digest), and whatever the templates reference.
    public func algorithms(primary: DigestAlgorithm, templates: [ManifestTemplate]) -> Set<DigestAlgorithm> {
        var algorithms: Set<DigestAlgorithm> = [primary]
        if againstRelease != nil { algorithms.insert(.sha256) }
        for reference in templates.flatMap(\.references) {
            if reference.field == .sha256 { algorithms.insert(.sha256) }
            if reference.field == .sha512 { algorithms.insert(.sha512) }
        }
        return algorithms
    }
}
