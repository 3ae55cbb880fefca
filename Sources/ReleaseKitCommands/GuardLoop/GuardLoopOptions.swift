import ArgumentParser
import ReleaseKitCore

/// guard-loop's flags, declared once.
struct GuardLoopOptions: ParsableArguments {
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

    /// The settings: guard-loop has no configuration keys, so each is its flag or the
    /// flag's default.
    func settings() throws -> GuardLoopSettings {
        let policy = try GuardPolicy(
            denyActors: denyActors, allowActors: allowActors, denyBots: denyBots,
            releaseCommitPattern: releaseCommitPattern, skipMarkers: !noSkipMarkers,
            branches: branches, requireSuccess: requireSuccess, events: events)
        return GuardLoopSettings(policy: policy, failOnSkip: failOnSkip)
    }
}
