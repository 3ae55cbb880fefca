/// Everything render-changelog's plan depends on besides the repository, each value
/// resolved at the edge: the flag, else `.releasekit.yml`, else the default.
public struct RenderChangelogSettings: Sendable {
    /// Which releases to render.
    public enum Mode: String, Sendable, CaseIterable {
        /// The release at `--to`/HEAD (or named by `--tag`), else the unreleased commits.
        case auto
        /// The commits after the latest tag reachable from `--to`.
        case unreleased
        /// The highest-precedence tag's release.
        case latest
        /// Every release of the component, newest first.
        case all
    }

    public enum Format: String, Sendable, CaseIterable {
        case markdown
        case github
        case json
    }

    /// Start after this ref instead of the previous tag.
    public var from: String?
    /// End at this ref; nil is HEAD.
    public var to: String?
    /// The release's name, a tag or one to be made.
    public var tag: String?
    public var mode: Mode
    /// The component whose tags delimit releases; nil decides it from the tags.
    public var component: String?
    public var format: Format
    /// `changelog:` of `.releasekit.yml`, else the defaults.
    public var changelog: ChangelogSettings
    /// `--path` values, relative to the repository root; empty when none were given.
    public var paths: [String]
    /// Each configured package's path (normalised, `/`-rooted), by name: without
    /// `--path`, a package's commits are those under its path.
    public var packagePaths: [String: String]

    public init(from: String? = nil, to: String? = nil, tag: String? = nil, mode: Mode = .auto, component: String? = nil,
                format: Format = .markdown, changelog: ChangelogSettings = ChangelogSettings(), paths: [String] = [],
                packagePaths: [String: String] = [:]) {
        self.from = from
        self.to = to
        self.tag = tag
        self.mode = mode
        self.component = component
        self.format = format
        self.changelog = changelog
        self.paths = paths
        self.packagePaths = packagePaths
    }

    /// The end of the range as git reads it.
    public var endRef: String { to ?? "HEAD" }

    /// The paths whose commits count for `component`: `--path`, else the configured
    /// package's path (nil: the path does not come from the package), else all.
    public func commitPaths(for component: String) -> (paths: [String], fromPackage: Bool) {
        guard paths.isEmpty, let path = packagePaths[component], !path.isEmpty, path != "/" else { return (paths, false) }
        return ([String(path.dropFirst())], true)
    }
}
