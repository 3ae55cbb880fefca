/// parse-tag's outputs: the tag split into its parts, and the previous release.
public struct ParseTagOutputs: ToolOutputs, Equatable {
    public var tag: String
    public var component: String
    public var version: String
    public var scheme: String
    public var major: String
    public var minor: String
    public var patch: String
    public var prerelease: String
    public var build: String
    public var isPrerelease: Bool
    public var normalized: String
    public var previousTag: String
    public var previousVersion: String

    public enum CodingKeys: String, OutputName {
        case tag, component, version, scheme, major, minor, patch, prerelease, build
        case isPrerelease = "is-prerelease"
        case normalized
        case previousTag = "previous-tag"
        case previousVersion = "previous-version"

        public var summary: String {
            switch self {
            case .tag: "The tag as given, without `refs/tags/`."
            case .component: "The component, e.g. `aetherflow-core`; empty when none."
            case .version: "The version text without the leading `v`."
            case .scheme: "`semver` or `pep440`."
            case .major: "Major version number."
            case .minor: "Minor version number."
            case .patch: "Patch version number (PEP 440: the release tuple padded with zeros)."
            case .prerelease: "SemVer: the identifiers after `-`; PEP 440: the normalised pre segment (`rc1`), plus `.devN`."
            case .build: "SemVer build metadata; PEP 440 local part."
            case .isPrerelease: "`true` / `false` (PEP 440 dev releases count as prereleases)."
            case .normalized: "SemVer: the version text; PEP 440: the canonical form (`1.0.0-rc1` → `1.0.0rc1`)."
            case .previousTag: "The highest earlier tag of the same component (see below); empty when none (needs `fetch-depth: 0`)."
            case .previousVersion: "The version of `previous-tag`."
            }
        }
    }

    /// The outputs for `tag`, with `previous` the previous release of its component.
    public init(tag parsed: TagName, previous: TagName?) {
        let version = parsed.version
        tag = parsed.tag
        component = parsed.component
        self.version = parsed.versionText
        scheme = version.scheme.rawValue
        major = version.major.digits
        minor = version.minor.digits
        patch = version.patch.digits
        prerelease = version.prerelease ?? ""
        build = version.build ?? ""
        isPrerelease = version.isPrerelease
        normalized = version.normalized
        previousTag = previous?.tag ?? ""
        previousVersion = previous?.versionText ?? ""
    }
}
