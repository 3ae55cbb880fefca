/// bump-version's outputs. With one package, its values; with several (`--all`), one
/// line per released package in plan order, so `version` and `tag` line up.
public struct BumpVersionOutputs: ToolOutputs, Equatable {
    public var previousVersion: [String]
    public var version: [String]
    public var level: [String]
    public var released: Bool
    public var tag: [String]
    public var component: [String]
    public var changedFiles: [String]
    public var commit: String
    public var plan: JSONValue

    public enum CodingKeys: String, OutputName {
        case previousVersion = "previous-version"
        case version, level, released, tag, component
        case changedFiles = "changed-files"
        case commit, plan

        public var summary: String {
            switch self {
            case .previousVersion: "The current version before the bump."
            case .version: "The next version (the current one when nothing is released)."
            case .level: "`none`, `patch`, `minor`, `major` (auto); the explicit level; `set` (`--set`); `release-as` (footer)."
            case .released: "`true` / `false`."
            case .tag: "The new tag; empty when nothing is released."
            case .component: "The package; empty for a single package."
            case .changedFiles: "The files changed, one per line, relative to the repository root."
            case .commit: "The release commit's SHA, when committed."
            case .plan: "JSON array, one object per package: `component`, `path`, `scheme`, `previous-version`, `previous-tag`, `version`, `level`, `released`, `tag`, `files`, `changed-files`, `commit`, `dependencies` (its pins on other packages: `package`, `name`, `file`, `field`, `requirement`, `updated`, `version`), `dry-run`."
            }
        }
    }

    /// The outputs of a release run (or its dry run).
    public init(releasing plan: BumpVersionPlan, dryRun: Bool) {
        let released = plan.released
        let shown = plan.packages.count == 1 ? plan.packages : released
        previousVersion = shown.map(\.current.normalized)
        version = shown.map { $0.next?.normalized ?? $0.current.normalized }
        level = shown.map(\.decision.level)
        self.released = !released.isEmpty
        tag = shown.compactMap(\.tag)
        component = shown.map(\.component)
        changedFiles = plan.changedFiles.map(\.ref.gitPath)
        commit = plan.packages.compactMap(\.commit).last ?? ""
        self.plan = .array(plan.packages.map { $0.json(dryRun: dryRun) })
    }

    /// The outputs of `--check`: every package stays at its current version.
    public init(checking plan: BumpVersionPlan) {
        let packages = plan.packages
        previousVersion = packages.map(\.current.normalized)
        version = packages.map(\.current.normalized)
        level = packages.map { _ in "none" }
        released = false
        tag = []
        component = packages.map(\.component)
        changedFiles = []
        commit = ""
        self.plan = .array(packages.map { $0.json(dryRun: false) })
    }
}
