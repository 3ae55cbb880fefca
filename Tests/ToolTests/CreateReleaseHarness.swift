import Foundation
import GitHubAPI
import GitHubServer
import ReleaseKitCore
import ReleaseKitRuntime
import ReleaseKitCommands
import ReleaseKitTestSupport

/// create-release's job run in-process against the local server, on a virtual clock
/// that the server reads too: back-off and rate-limit waits move the clock instead of
/// taking time, so fault tests take milliseconds, and a client that did not wait out a
/// window is still caught by the server.
struct CreateReleaseHarness {
    static let canary = "ghs_CANARY0fc0ffee0123456789abcdefXYZ"
    let server: GitHubServer
    let clock: VirtualClock
    let sleeper: AdvancingSleeper
    let scratch = ScratchDirectory()

    static func start(_ options: ServerOptions = ServerOptions(tags: ["v1.0.0"])) async throws -> CreateReleaseHarness {
        let clock = VirtualClock()
        return CreateReleaseHarness(server: try await GitHubServer.start(options, clock: { clock.now() }), clock: clock,
                                    sleeper: AdvancingSleeper(clock: clock))
    }

    struct Run {
        var status: ExitStatus
        var outputs: [String: String]
        var log: String
        var summary: String
        var everything: String { log + "\n" + outputs.map { "\($0.key)=\($0.value)" }.joined(separator: "\n") + "\n" + summary }
    }

    @discardableResult
    func file(_ name: String, _ content: String) -> String {
        try? scratch.write([name: content])
        return scratch.path(name)
    }

    func run(token: String? = CreateReleaseHarness.canary, environment: [String: String] = [:], sleeper: Sleeper? = nil,
             _ configure: (inout CreateReleaseSettings) -> Void = { _ in }) async -> Run {
        var options = CreateReleaseSettings()
        options.tag = "v1.0.0"
        options.repository = "octo-org/octo-repo"
        options.apiURL = server.urls.api
        configure(&options)
        var env = environment
        if let token { env["GITHUB_TOKEN"] = token }
        return await Self.runJob(options, environment: env, scratch: scratch, clock: clock, sleeper: sleeper ?? self.sleeper)
    }

    /// The job in-process in `scratch`, on `clock` (which the server reads too: what
    /// the advancing sleeper "waits" moves both), with the summary and outputs read back.
    static func runJob(_ settings: CreateReleaseSettings, environment: [String: String], scratch: ScratchDirectory,
                       clock: VirtualClock, sleeper: Sleeper) async -> Run {
        let summaryPath = scratch.path("summary-\(UUID().uuidString).md")
        var env = environment
        env["GITHUB_STEP_SUMMARY"] = summaryPath
        let out = BufferSink(), err = BufferSink()
        let context = ToolContext(environment: env, workingDirectory: scratch.root, now: { [clock] in clock.now() }, processRunner: TestProcessRunner.shared, stdout: out, stderr: err)
        let job = CreateReleaseJob(settings: settings, sleeper: sleeper, retryRandom: { 0.5 })
        var status = ExitStatus.success
        var outputs: [String: String] = [:]
        do {
            let result = try await job.run(in: context)
            for entry in result.outputs.entries { outputs[entry.name] = entry.value }
            if result.failed { status = .failure }
        } catch {
            status = ExitStatus(for: error)
            context.log.error((error as? ReleaseKitError)?.description ?? "unexpected error: \(error)")
        }
        let summary = (try? String(contentsOfFile: summaryPath, encoding: .utf8)) ?? ""
        return Run(status: status, outputs: outputs, log: out.text + err.text, summary: summary)
    }

    func writes() async -> [Route] {
        await server.requests().map(\.route).filter(\.isWrite)
    }

    func assetNames(of releaseID: Int) async -> [String] {
        await server.assets(ofRelease: releaseID).map(\.name).sorted()
    }
}

extension Array where Element == StoredRelease {
    func only(tag: String) -> [StoredRelease] { filter { $0.tagName == tag } }
}
