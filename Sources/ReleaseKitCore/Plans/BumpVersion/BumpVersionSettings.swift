/// Everything bump-version's plan depends on besides the repository's state, each
/// value already resolved (flag, then `.releasekit.yml`, then default) at the edge.
public struct BumpVersionSettings: Sendable {
    /// `--level`, default `auto`.
    public var level: LevelChoice
    public var pre: PrereleaseLabel?
    /// `--pre-style`, else `prerelease-style`; nil infers it from the component's tags.
    public var preStyle: PrereleaseStyle?
    /// `--current` as typed (a leading `v` allowed).
    public var current: String?
    /// `--set` as typed (a leading `v` allowed).
    public var set: String?
    /// `--all`: several packages, and `--level final` only finalises pending prereleases.
    public var all: Bool
    /// The commit message template (`--message`, else `commit-message`), nil for the default.
    public var message: String?
    /// The bump rules of `.releasekit.yml` (`bump:`), else the defaults.
    public var bump: BumpRules.Options
    /// The changelog rules (`changelog:` of `.releasekit.yml`), for `--changelog`.
    public var changelog: ChangelogSettings
    /// The packages, in plan order.
    public var packages: [BumpVersionPackage]

    public init(level: LevelChoice = .auto, pre: PrereleaseLabel? = nil, preStyle: PrereleaseStyle? = nil,
                current: String? = nil, set: String? = nil,
                all: Bool = false, message: String? = nil, bump: BumpRules.Options = .init(),
                changelog: ChangelogSettings = ChangelogSettings(), packages: [BumpVersionPackage] = []) {
        self.level = level
        self.pre = pre
        self.preStyle = preStyle
        self.current = current
        self.set = set
        self.all = all
        self.message = message
        self.bump = bump
        self.changelog = changelog
        self.packages = packages
    }
}
