import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

public struct BumpVersion: ReleaseTool {
    public static let configuration = CommandConfiguration(
        commandName: "bump-version",
        abstract: "Compute the next version from history, write it into every version file, commit and tag.",
        discussion: """
        The current version is --current, else the highest tag of the component, else the version \
        in the package's version files, else 0.0.0 (SemVer) / 0 (PEP 440). With --level auto the \
        Conventional Commits since that tag decide: breaking -> major (minor before 1.0.0), feat -> \
        minor, fix/perf/revert -> patch, a Release-As footer sets the version; nothing releasable \
        -> released=false, level none, no file touched. Settings not given as flags come from \
        .releasekit.yml at the repository root (or --config FILE).
        """,
        version: toolkitVersion)

    @Option(help: ArgumentHelp("auto (from Conventional Commits), major, minor, patch, prerelease or final. Default: auto.", valueName: "level"))
    var level: LevelChoice?

    @Option(help: ArgumentHelp("Make the next version a prerelease: alpha, beta, rc or dev.", valueName: "label"))
    var pre: PrereleaseLabel?

    @Option(help: ArgumentHelp("The package to release (its tags' component, a package in .releasekit.yml).", valueName: "name"))
    var component: String?

    @Flag(help: "Plan every package in .releasekit.yml that has releasable changes.")
    var all = false

    @Option(name: .customLong("path"), help: ArgumentHelp("Only commits touching DIR count, and version files are detected there (repeatable).", valueName: "dir"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("The current version, instead of the highest tag.", valueName: "version"))
    var current: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Release exactly this version (validated; must be above every existing tag).", valueName: "version"))
    var setVersion: String?

    @Option(name: .customLong("file"), help: ArgumentHelp("A version file, with an optional key path for YAML/JSON/TOML (repeatable). Default: detected in the package path.", valueName: "path[:key.path]"))
    var files: [String] = []

    @Flag(help: "Only verify that every version file holds the current version; exit 1 listing disagreements.")
    var check = false

    @Flag(help: "Compute and print everything, with a diff of each file on stderr; write nothing.")
    var dryRun = false

    @Flag(help: "Commit the changed version files.")
    var commit = false

    @Flag(help: "Create an annotated tag in the configured format.")
    var tag = false

    @Flag(help: "Push the release commit (or release branch) and the tags to origin.")
    var push = false

    @Option(help: ArgumentHelp("Commit message template: {component}, {version}, {tag}, {previous-version}. Default: release({component}): {version}, or release: {version}.", valueName: "template"))
    var message: String?

    @Option(help: ArgumentHelp("Release-branch mode: the branch CI tested (checked against origin/NAME).", valueName: "name"))
    var baseBranch: String?

    @Option(help: ArgumentHelp("Release-branch mode: created or reset at origin/BASE; the release is committed there.", valueName: "name"))
    var releaseBranch: String?

    @Flag(help: "Release-branch mode: do not require the local base branch to equal origin/BASE.")
    var skipBaseSyncCheck = false

    @Flag(help: "Allow uncommitted changes to tracked files.")
    var allowDirty = false

    @Option(help: ArgumentHelp("The configuration file. Default: .releasekit.yml at the repository root, when present.", valueName: "file"))
    var config: String?

    @OptionGroup public var common: CommonOptions

    public init() {}

    public func execute(in context: ToolContext) async throws -> ToolResult {
        var options = BumpVersionOptions()
        options.level = level
        options.pre = pre
        options.component = component
        options.all = all
        options.paths = paths
        options.current = current
        options.set = setVersion
        options.files = files
        options.check = check
        options.dryRun = dryRun
        options.commit = commit
        options.tag = tag
        options.push = push
        options.message = message
        options.baseBranch = baseBranch
        options.releaseBranch = releaseBranch
        options.skipBaseSyncCheck = skipBaseSyncCheck
        options.allowDirty = allowDirty
        options.config = config
        return try BumpVersionJob(options: options).run(in: context)
    }
}

extension LevelChoice: ExpressibleByArgument {}
extension PrereleaseLabel: ExpressibleByArgument {}
