import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

public struct GuardLoop: ReleaseTool {
    public static let configuration = CommandConfiguration(
        commandName: "guard-loop",
        abstract: "Decide from the CI event whether this run may release, so release commits do not trigger themselves.",
        discussion: """
        Rules, in order (the first that matches decides): 1. actor guard (github-actions[bot], \
        --deny-actor, --deny-bots; --allow-actor overrides); 2. commit message (release-commit \
        pattern, GitHub's skip markers); 3. workflow_run must have concluded with success (and \
        --branch); 4. --event allowlist; 5. otherwise run. Exits 0 whether it decides to run or \
        to skip (read the should-run output), unless --fail-on-skip.
        """,
        version: toolkitVersion)

    @Option(name: .customLong("deny-actor"), help: ArgumentHelp("Skip runs by this login (repeatable).", valueName: "login"))
    var denyActors: [String] = []

    @Option(name: .customLong("allow-actor"), help: ArgumentHelp("Never skip this login for being a denied actor or a bot (repeatable).", valueName: "login"))
    var allowActors: [String] = []

    @Flag(help: "Skip runs by any *[bot] login, not only github-actions[bot].")
    var denyBots = false

    @Option(help: ArgumentHelp("Skip when the head commit's subject matches this regular expression.", valueName: "regex"))
    var releaseCommitPattern: String = GuardPolicy.defaultReleaseCommitPattern

    @Flag(help: "Ignore [skip ci]-style markers and the skip-checks: true trailer.")
    var noSkipMarkers = false

    @Option(name: .customLong("branch"), help: ArgumentHelp("For workflow_run: only run for these head branches (a tag name for tag pushes; repeatable).", valueName: "name"))
    var branches: [String] = []

    @Flag(help: "Also require conclusion success for check_suite/check_run payloads.")
    var requireSuccess = false

    @Option(name: .customLong("event"), help: ArgumentHelp("Only run for these events (repeatable).", valueName: "name"))
    var events: [String] = []

    @Flag(help: "Exit 1 when the decision is to skip (for pipelines that gate on exit status).")
    var failOnSkip = false

    @OptionGroup public var common: CommonOptions

    public init() {}

    public func execute(in context: ToolContext) async throws -> ToolResult {
        let policy = try GuardPolicy(
            denyActors: denyActors, allowActors: allowActors, denyBots: denyBots,
            releaseCommitPattern: releaseCommitPattern, skipMarkers: !noSkipMarkers,
            branches: branches, requireSuccess: requireSuccess, events: events)
        return try GuardLoopJob(policy: policy, failOnSkip: failOnSkip).run(in: context)
    }
}
