/// What a package gets when a package it depends on is released (`dependency-bump`).
public enum DependencyBump: String, Sendable, Hashable, CaseIterable {
    /// A patch release of its own (with `--pre`, the next prerelease of it).
    case patch
    /// No release because of it; its pins move only when it releases anyway.
    case none
}

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
    /// The packages asked for, in configuration order.
    public var packages: [BumpVersionPackage]
    /// Every configured package, for finding the dependents of `packages`; empty
    /// without `packages:` in `.releasekit.yml`.
    public var workspace: [BumpVersionPackage] = []
    /// `dependency-bump`, default `patch`.
    public var dependencyBump: DependencyBump = .patch

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

    /// The settings a package is planned with when it is released only because it
    /// depends on one asked for: its own commits decide (then `dependency-bump`),
    /// and the explicit version and level of the run belong to the packages asked
    /// for. `--pre` carries over, so an rc run makes rc releases of dependents.
    public var forDependent: BumpVersionSettings {
        var settings = self
        settings.level = .auto
        settings.set = nil
        settings.current = nil
        return settings
    }
}
