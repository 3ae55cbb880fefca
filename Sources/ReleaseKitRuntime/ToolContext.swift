import Foundation
import Git
import ReleaseKitCore

/// Everything a tool may touch in the outside world, passed in rather than reached
/// for, so the same code runs in Actions, in another CI system, on a laptop and in
/// tests with a fake environment.
public struct ToolContext: Sendable {
    public var environment: [String: String]
    public var ci: CIEnvironment
    public var fileSystem: FileSystem
    public var workingDirectory: String
    public var now: @Sendable () -> Date
    public var processRunner: ProcessRunner
    public var stdout: TextSink
    public var log: Log
    public var summary: StepSummary

    public init(environment: [String: String], fileSystem: FileSystem = LocalFileSystem(),
                workingDirectory: String, now: @escaping @Sendable () -> Date = Date.init,
                processRunner: ProcessRunner? = nil, stdout: TextSink, stderr: TextSink, verbose: Bool = false) {
        self.environment = environment
        ci = CIEnvironment(environment)
        self.fileSystem = fileSystem
        self.workingDirectory = workingDirectory
        self.now = now
        self.processRunner = processRunner ?? SystemProcessRunner(environment: environment)
        self.stdout = stdout
        let redactor = SecretRedactor(environment: environment)
        log = Log(sink: stderr, usesWorkflowCommands: ci.provider.speaksWorkflowCommands,
                  verbose: verbose, runnerDebug: ci.isDebug, redactor: redactor)
        summary = StepSummary(path: ci.stepSummaryPath, fileSystem: fileSystem, redactor: redactor)
    }

    /// The context of the running process.
    public static func live(verbose: Bool) -> ToolContext {
        ToolContext(environment: ProcessInfo.processInfo.environment,
                    workingDirectory: FileManager.default.currentDirectoryPath,
                    stdout: FileDescriptorSink.standardOutput, stderr: FileDescriptorSink.standardError,
                    verbose: verbose)
    }

    /// Reads the API token (`--token-env NAME`, else `GITHUB_TOKEN`, else `GH_TOKEN`)
    /// and masks it before anything else can be printed.
    public func readToken(preferring name: String? = nil) -> String? {
        guard let token = ci.token(preferring: name) else { return nil }
        log.mask(token.value)
        return token.value
    }

    /// Resolves a path given on the command line against the working directory.
    public func path(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: workingDirectory).appendingPathComponent(path).standardized.path
    }

    /// The tag the run is about when no flag names it, found the same way by every
    /// tool (see `TagLocator`); git says whether a `workflow_run` head branch is a tag.
    public func locateTag(repository: Repository?) throws -> String {
        let payload = try ci.eventPayload(fileSystem: fileSystem)
        let found = try TagLocator(environment: ci, payload: payload) { name in
            guard let repository else { return .unknown }
            let kind = repository.refKind(of: name)
            return kind.isTag ? .tag : (kind.isBranch ? .branch : .unknown)
        }.locate()
        log.debug("tag \(found.tag) from \(found.source)")
        return found.tag
    }

    /// The git repository the tool runs in, if any.
    public func repository() -> Repository? {
        Repository.discover(at: workingDirectory, runner: processRunner)
    }
}
