import ReleaseKitCore
import ReleaseKitRuntime

/// bump-version's flags as plain values, so the job can be run and tested without
/// ArgumentParser. `nil` means "not given": the configuration or default applies.
public struct BumpVersionOptions: Sendable {
    public var level: LevelChoice?
    public var pre: PrereleaseLabel?
    public var component: String?
    public var all = false
    public var paths: [String] = []
    public var current: String?
    public var set: String?
    public var files: [String] = []
    public var check = false
    public var dryRun = false
    public var commit = false
    public var tag = false
    public var push = false
    public var message: String?
    public var baseBranch: String?
    public var releaseBranch: String?
    public var skipBaseSyncCheck = false
    public var allowDirty = false
    public var config: String?

    public init() {}

    /// Release-branch mode: `--base-branch` with `--release-branch`.
    public var releaseBranchMode: Bool { baseBranch != nil && releaseBranch != nil }
    /// Release-branch mode commits and tags on the release branch by definition.
    public var commits: Bool { commit || releaseBranchMode }
    public var tags: Bool { tag || releaseBranchMode }
    /// Whether the run changes anything in git.
    public var touchesGit: Bool { commits || tags || push || releaseBranchMode }

    /// The combinations that make no sense, refused before anything is read.
    public func validate() throws {
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
            throw InputError("--base-branch and --release-branch are both \(quotedBranch(base)): the release branch must be a different branch")
        }
        if check, commit || tag || push || dryRun || releaseBranchMode || set != nil {
            throw InputError("--check only compares the version files with the current version; it cannot be combined with --set, --dry-run, --commit, --tag, --push or a release branch")
        }
        if push, !releaseBranchMode, !commit, !tag { throw InputError("--push pushes the release commit and tags: give --commit and/or --tag too") }
        for name in [component, baseBranch, releaseBranch].compactMap({ $0 }) where name.isEmpty || name.hasPrefix("-") || name.contains("\n") {
            throw InputError("\(quotedBranch(name)) is not a usable name: expected a component or branch name")
        }
    }

    private func quotedBranch(_ name: String) -> String { String(reflecting: name) }
}
