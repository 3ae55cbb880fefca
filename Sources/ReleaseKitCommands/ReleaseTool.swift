import ArgumentParser
import Foundation
import ReleaseKitCore
import ReleaseKitRuntime

/// The shape every ReleaseKit executable shares: parse flags, build a context,
/// decide, act, report outputs, exit with the shared status.
public protocol ReleaseTool: AsyncParsableCommand {
    var common: CommonOptions { get }
    /// Does the tool's work. Throw a `ReleaseKitError` for anything the user must fix.
    func execute(in context: ToolContext) async throws -> ToolResult
    /// Answers `arguments` without ArgumentParser when the tool must (verify-artifacts'
    /// bare `--version`); returns whether it did. Default: never.
    static func answersBeforeParsing(_ arguments: [String]) -> Bool
    /// The tool's outputs value: its names and summaries are what the action metadata and
    /// README list (`releasekit --describe-outputs`).
    associatedtype Outputs: ToolOutputs
}

extension ReleaseTool {
    public static func answersBeforeParsing(_ arguments: [String]) -> Bool { false }

    /// Runs the tool in `context` and returns its exit status; everything it prints goes
    /// through the context. Tests call this directly.
    public func run(in context: ToolContext) async -> ExitStatus {
        // Bound for the whole run, so code that shortens untrusted text (an API error
        // body, a quoted input) removes secrets before it cuts.
        await context.log.redactor.scope { await runUnscoped(in: context) }
    }

    private func runUnscoped(in context: ToolContext) async -> ExitStatus {
        do {
            let result = try await execute(in: context)
            let destinations = OutputDestinations(
                jsonOnStdout: common.json,
                file: common.outputFile.map { (context.path($0), common.resolvedOutputFormat) },
                githubOutput: context.ci.outputPath)
            try OutputReporter(destinations: destinations, fileSystem: context.fileSystem,
                               stdout: context.stdout, log: context.log).report(result.outputs)
            return result.failed ? .failure : .success
        } catch {
            let status = ExitStatus(for: error)
            let message = (error as? ReleaseKitError)?.description ?? "unexpected error: \(error)"
            context.log.error(message)
            return status
        }
    }

    public mutating func run() async throws {
        let status = await run(in: .live(verbose: common.verbose))
        if status != .success { throw ExitCode(status.rawValue) }
    }

    /// Replaces ArgumentParser's entry point so usage errors exit 2 (not 64) and are
    /// reported as annotations on GitHub, escaped like any other untrusted text.
    public static func main() async {
        await main(arguments: Array(CommandLine.arguments.dropFirst()))
    }

    public static func main(arguments: [String]) async {
        if answersBeforeParsing(arguments) { Foundation.exit(ExitStatus.success.rawValue) }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(ExitStatus.success.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version: ArgumentParser's text, on stdout.
                print(fullMessage(for: error))
                Foundation.exit(ExitStatus.success.rawValue)
            }
            if let exitCode = error as? ExitCode { Foundation.exit(exitCode.rawValue) }
            // A usage error echoes the arguments, which may hold a token: redact as a run would.
            let log = ToolContext.live(verbose: false).log
            log.error(message(for: error), title: "\(configuration.commandName ?? "releasekit"): invalid usage")
            let usage = usageString().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !usage.isEmpty { log.info("usage: " + usage) }
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }

    /// The shared version string for `CommandConfiguration(version:)`.
    public static var toolkitVersion: String { ToolkitVersion.current }
}

/// ArgumentParser's exit codes (validation, `--help`) under the shared statuses:
/// 0 stays 0, 1 stays 1, every usage code (64 and the rest) becomes 2.
extension ExitCode: ExitStatusReporting {
    public var exitStatus: ExitStatus {
        self == .success ? .success : (rawValue == 1 ? .failure : .usage)
    }
}
