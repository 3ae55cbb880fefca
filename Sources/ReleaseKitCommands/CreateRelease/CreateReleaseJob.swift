import Foundation
import GitHubAPI
import ReleaseKitCore
import ReleaseKitRuntime

/// create-release's run: find or create the tag's one release, attach the files,
/// publish — converging on re-runs and races, never losing an asset. Settings come in
/// resolved; facts are gathered here, decided by `CreateReleasePlan`, and carried out
/// by `CreateReleaseExecutor` (a dry run reports the plan instead).
public struct CreateReleaseJob: Sendable {
    public var settings: CreateReleaseSettings
    /// nil: the production transport (async-http-client). Tests may pass another.
    public var transport: HTTPTransport?
    public var sleeper: Sleeper
    public var retryRandom: @Sendable () -> Double

    public init(settings: CreateReleaseSettings, transport: HTTPTransport? = nil, sleeper: Sleeper = TaskSleeper(),
                retryRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.settings = settings
        self.transport = transport
        self.sleeper = sleeper
        self.retryRandom = retryRandom
    }

    public func run(in context: ToolContext) async throws -> ToolResult {
        // What the flags and the forge allow is checked first: it reads nothing.
        let settings = try settings.validated()
        // The token is read (and masked) before anything else can print a line.
        let token = settings.dryRun ? context.readCredential(preferring: settings.tokenEnv, forge: settings.forge)
            : try ForgeTarget.credential(forge: settings.forge, preferring: settings.tokenEnv, in: context)
        let local = try await CreateReleaseLocalFacts.gather(settings, in: context)
        let log = context.log
        let report = CreateReleaseReport(settings: settings, context: context)
        return try await context.withHTTPTransport(transport, stallTimeout: settings.stallTimeout) { transport in
            let client = try ForgeConnection(
                target: local.target, credential: token, retry: RetryPolicy(maxAttempts: settings.maxAttempts, random: retryRandom),
                sleeper: sleeper, now: context.now, allowsWrites: !settings.dryRun, onRetry: { log.info($0) },
                scratchDirectory: context.ci.temporaryDirectory).client(transport: transport)
            if settings.dryRun && token == nil {
                log.info("dry run without a token: no request is sent; the plan assumes the release and its assets do not exist yet")
                return try report.dryRun(CreateReleasePlan.plan(local.facts, settings), facts: local.facts,
                                         release: nil, existing: [], client: nil, immutable: .unknown)
            }
            let executor = CreateReleaseExecutor(settings: settings, local: local, client: client, report: report, context: context)
            return try await executor.run()
        }
    }
}
