/// The versioning schemes the toolkit understands.
public enum VersionScheme: String, Sendable, Hashable, CaseIterable {
    case semver
    case pep440
}

/// What a caller asks for: one scheme, or `auto` to accept either. `auto`
/// prefers SemVer because its grammar is the stricter one: any text valid
/// under both (`1.2.3`) reads the same, and text only PEP 440 accepts
/// (`1.2`, `1.0rc1`) falls through to it.
public enum VersionSchemeChoice: String, Sendable, Hashable, CaseIterable {
    case auto
    case semver
    case pep440

    public init(_ scheme: VersionScheme) {
        switch scheme {
        case .semver: self = .semver
        case .pep440: self = .pep440
        }
    }
}

/// A version under one of the supported schemes, with the scheme-neutral view
/// the tools print (`major`, `prerelease`, `normalized`...).
///
/// Not `Comparable`: SemVer and PEP 440 versions have no common order, and a
/// silent rule would hide a mixed-scheme tag list. ``precedence(comparedTo:)``
/// returns `nil` across schemes so callers must decide what that means.
public enum Version: Sendable, Hashable, CustomStringConvertible {
    case semver(SemanticVersion)
    case pep440(PEP440Version)

    /// Parses `text` under `scheme`. Throws `InputError` naming the text; under
    /// `auto` the message mentions both grammars.
    public static func parse(_ text: String, scheme: VersionSchemeChoice = .auto) throws -> Version {
        switch scheme {
        case .semver:
            return .semver(try SemanticVersion(parsing: text))
        case .pep440:
            return .pep440(try PEP440Version(parsing: text))
        case .auto:
            if let version = parseIfValid(text, scheme: .auto) { return version }
            throw InputError("\(quotedInput(text)) is not a valid version: expected SemVer 2.0.0 (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]) or PEP 440 ([N!]N(.N)*[{a|b|rc}N][.postN][.devN][+LOCAL])")
        }
    }

    /// `nil` instead of an error, for scanning many candidates (tag splitting).
    public static func parseIfValid(_ text: String, scheme: VersionSchemeChoice = .auto) -> Version? {
        switch scheme {
        case .semver:
            return SemanticVersion.parseIfValid(text).map(Version.semver)
        case .pep440:
            return PEP440Version.parseIfValid(text).map(Version.pep440)
        case .auto:
            return parseIfValid(text, scheme: .semver) ?? parseIfValid(text, scheme: .pep440)
        }
    }

    public var scheme: VersionScheme {
        switch self {
        case .semver: .semver
        case .pep440: .pep440
        }
    }

    /// PEP 440 reads the release padded with zeros: `1.2` has patch 0, and a
    /// fourth part such as the `4` in `1.2.3.4` is only visible in `normalized`.
    public var major: VersionNumber { core[0] }
    public var minor: VersionNumber { core[1] }
    public var patch: VersionNumber { core[2] }

    private var core: [VersionNumber] {
        switch self {
        case .semver(let version): [version.major, version.minor, version.patch]
        case .pep440(let version): version.releaseParts(3)
        }
    }

    /// What makes this a prerelease, or `nil` for a final release.
    ///
    /// SemVer: the identifiers after `-` (`rc.1`). PEP 440: the normalised
    /// segments after the release, dot-joined without the leading dot, whenever
    /// ``isPrerelease`` holds: `rc1`, `rc1.dev2`, `dev3` for a dev-only release,
    /// `post1.dev2` for a development release of a post-release. A plain
    /// post-release (`1.0.post1`) is final, so it has none; its post segment
    /// shows in ``normalized``.
    public var prerelease: String? {
        switch self {
        case .semver(let version): version.prereleaseText
        case .pep440(let version): version.isPrerelease ? version.suffixText : nil
        }
    }

    /// SemVer build metadata, or the PEP 440 local label (`ubuntu.1`).
    public var build: String? {
        switch self {
        case .semver(let version): version.buildText
        case .pep440(let version): version.local
        }
    }

    /// SemVer: has a prerelease. PEP 440: has a pre or dev segment, as pip sees it.
    public var isPrerelease: Bool {
        switch self {
        case .semver(let version): version.isPrerelease
        case .pep440(let version): version.isPrerelease
        }
    }

    /// The canonical text: SemVer text as is, PEP 440 in packaging's normal form.
    public var normalized: String {
        switch self {
        case .semver(let version): version.description
        case .pep440(let version): version.description
        }
    }

    public var description: String { normalized }

    /// The scheme's precedence, or `nil` when the schemes differ.
    public func precedence(comparedTo other: Version) -> Precedence? {
        switch (self, other) {
        case (.semver(let left), .semver(let right)): left.precedence(comparedTo: right)
        case (.pep440(let left), .pep440(let right)): left.precedence(comparedTo: right)
        default: nil
        }
    }

    /// Whether this is a prerelease of the final release `other` belongs to
    /// (`1.3.0-rc.1` for `1.3.0`; `1.3rc1` or `1.3.0.dev2` for `1.3`).
    public func isPrerelease(ofSameReleaseAs other: Version) -> Bool {
        guard isPrerelease else { return false }
        switch (self, other) {
        case (.semver(let left), .semver(let right)):
            return left.finalRelease.precedence(comparedTo: right.finalRelease) == .same
        case (.pep440(let left), .pep440(let right)):
            return left.baseVersion.precedence(comparedTo: right.baseVersion) == .same
        default:
            return false
        }
    }
}
