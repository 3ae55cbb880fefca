import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

/// bump-version's flags, declared once: the command pulls them in with
/// `@OptionGroup`, and the run reads them from here. `nil` means "not given": the
/// configuration or default applies (see `settings(config:paths:)`).
public struct BumpVersionOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("auto (from Conventional Commits), major, minor, patch, prerelease or final. Default: auto.", valueName: "level"))
    public var level: LevelChoice?

    @Option(help: ArgumentHelp("Make the next version a prerelease: alpha, beta, rc or dev.", valueName: "label"))
    public var pre: PrereleaseLabel?

    @Option(help: ArgumentHelp("How a new SemVer prerelease is written: dotted (1.3.0-rc.1) or compact (1.3.0-rc1). Default: prerelease-style in .releasekit.yml, else the style of the component's latest prerelease tag, else dotted.", valueName: "style"))
    public var preStyle: PrereleaseStyle?

    @Option(help: ArgumentHelp("The package to release (its tags' component, a package in .releasekit.yml).", valueName: "name"))
    public var component: String?

    @Flag(help: "Plan every package in .releasekit.yml that has releasable changes.")
    public var all = false

    @Option(name: .customLong("path"), help: ArgumentHelp("Only commits touching DIR count, and version files are detected there (repeatable).", valueName: "dir"))
    public var paths: [String] = []

    @Option(help: ArgumentHelp("The current version, instead of the highest tag.", valueName: "version"))
    public var current: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Release exactly this version (validated; must be above every existing tag).", valueName: "version"))
    public var set: String?

    @Option(name: .customLong("file"), help: ArgumentHelp("A version file, with an optional key path for YAML/JSON/TOML (repeatable). Default: detected in the package path.", valueName: "path[:key.path]"))
    public var files: [String] = []

    @Option(help: ArgumentHelp("Render the release's section into FILE (render-changelog's rules: [Unreleased] becomes it, a re-run replaces it, a missing file is created) and commit it with the version files. With --all, FILE inside each package's path. Default: packages[].changelog, else changelog-file in .releasekit.yml.", valueName: "file"))
    public var changelog: String?

    @Option(name: .customLong("include"), help: ArgumentHelp("A file the workflow changed before this step (a lock file, generated docs) to commit with the release (repeatable). It must be inside the repository and changed.", valueName: "path"))
    public var includes: [String] = []

    @Flag(help: "Only verify that every version file holds the current version; exit 1 listing disagreements.")
    public var check = false

    @Flag(help: "Compute and print everything, with a diff of each file on stderr; write nothing.")
    public var dryRun = false

    @Flag(help: "Commit the changed version files, with the changelog and the --include files.")
    public var commit = false

    @Flag(help: "Create an annotated tag in the configured format.")
    public var tag = false

    @Flag(help: "Push the release commit (or release branch) and the tags to origin.")
    public var push = false

    @Option(help: ArgumentHelp("Commit message template: {component}, {version}, {tag}, {previous-version}. Default: release({component}): {version}, or release: {version}.", valueName: "template"))
    public var message: String?

    @Option(help: ArgumentHelp("Release-branch mode: the branch CI tested (checked against origin/NAME).", valueName: "name"))
    public var baseBranch: String?

    @Option(help: ArgumentHelp("Release-branch mode: created or reset at origin/BASE; the release is committed there.", valueName: "name"))
    public var releaseBranch: String?

    @Flag(help: "Release-branch mode: do not require the local base branch to equal origin/BASE.")
    public var skipBaseSyncCheck = false

    @Flag(help: "Allow uncommitted changes to tracked files.")
    public var allowDirty = false

    @Option(help: ArgumentHelp("The configuration file. Default: .releasekit.yml at the repository root, when present.", valueName: "file"))
    public var config: String?

    public init() {}

    /// Release-branch mode: `--base-branch` with `--release-branch`.
    public var releaseBranchMode: Bool { baseBranch != nil && releaseBranch != nil }
    /// Release-branch mode commits and tags on the release branch by definition.
    public var commits: Bool { commit || releaseBranchMode }
    public var tags: Bool { tag || releaseBranchMode }
    /// Whether the run changes anything in git.
    public var touchesGit: Bool { commits || tags || push || releaseBranchMode }
    /// Whether the version depends on commits, which only git has.
    public var readsHistory: Bool { self.set == nil && (level ?? .auto) == .auto && !check }

    /// The combinations that make no sense, refused before anything is read (exit 2:
    /// an `InputError`, not ArgumentParser's `validate()`, whose usage errors exit 64).
    public func checkCombinations() throws {
        if check, !includes.isEmpty { throw InputError("--check only compares the version files with the current version; --include adds files to a release commit, which --check never makes") }
        if !includes.isEmpty, !commits { throw InputError("--include adds files to the release commit: give --commit (or a release branch) too") }
        if all, component != nil { throw InputError("--component and --all are exclusive: name one package, or release every configured package") }
        if all, !paths.isEmpty || !files.isEmpty || current != nil || set != nil {
            throw InputError("--all plans every configured package from .releasekit.yml; --path, --file, --current and --set describe one package, so give them with --component instead")
        }
        if set != nil, let level, level != .auto { throw InputError("--set and --level \(level.rawValue) are exclusive: --set names the version itself") }
        if set != nil, pre != nil { throw InputError("--set and --pre are exclusive: write the prerelease into the --set version") }
        if (baseBranch == nil) != (releaseBranch == nil) {
            throw InputError("--base-branch and --release-branch go together: release-branch mode resets RELEASE to origin/BASE and commits there")
        }
        if let base = baseBranch, base == releaseBranch {
            throw InputError("--base-branch and --release-branch are both \(String(reflecting: base)): the release branch must be a different branch")
        }
        if check, commit || tag || push || dryRun || releaseBranchMode || set != nil {
            throw InputError("--check only compares the version files with the current version; it cannot be combined with --set, --dry-run, --commit, --tag, --push or a release branch")
        }
        if push, !releaseBranchMode, !commit, !tag { throw InputError("--push pushes the release commit and tags: give --commit and/or --tag too") }
        for name in [component, baseBranch, releaseBranch].compactMap({ $0 }) where name.isEmpty || name.hasPrefix("-") || name.contains("\n") {
            throw InputError("\(String(reflecting: name)) is not a usable name: expected a component or branch name")
        }
    }
}

extension LevelChoice: ExpressibleByArgument {}
extension PrereleaseLabel: ExpressibleByArgument {}
extension PrereleaseStyle: ExpressibleByArgument {}
