import Foundation
import Git
import GitHubAPI
import ReleaseKitCore

/// Everything a tool may touch in the outside world, passed in rather than reached
/// for, so the same code runs in Actions, in another CI system, on a laptop and in
/// tests with a fake environment.
///
/// `live` is the running process; `failing` is the test context, in which every
/// dependency a test did not replace traps with its name, so a test can never reach
/// the real file system, git, network or clock by accident.
public struct ToolContext: Sendable {
    public var environment: [String: String] {
        didSet { ci = CIEnvironment(environment) }
    }
    public private(set) var ci: CIEnvironment
    public var fileSystem: FileSystem
    public var workingDirectory: String
    /// The clock: the only source of "now" (release dates, rate-limit windows).
    public var now: @Sendable () -> Date
    /// Runs git (and nothing else) as child processes.
    public var processRunner: ProcessRunner
    /// Opens the HTTP transport for the tools that talk to an API.
    public var http: HTTPConnector
    /// This machine's name, for the records that say which run holds a repository.
    public var hostName: @Sendable () -> String
    public var stdout: TextSink
    public private(set) var log: Log
    public private(set) var summary: StepSummary
    private var stderr: TextSink
    private var verbose: Bool

    public init(environment: [String: String], fileSystem: FileSystem = LocalFileSystem(),
                workingDirectory: String, now: @escaping @Sendable () -> Date = Date.init,
                processRunner: ProcessRunner? = nil, http: HTTPConnector = .live,
                hostName: @escaping @Sendable () -> String = { ProcessInfo.processInfo.hostName },
                stdout: TextSink, stderr: TextSink, verbose: Bool = false) {
        self.environment = environment
        ci = CIEnvironment(environment)
        self.fileSystem = fileSystem
        self.workingDirectory = workingDirectory
        self.now = now
        self.processRunner = processRunner ?? SubprocessRunner(environment: environment)
        self.http = http
        self.hostName = hostName
        self.stdout = stdout
        self.stderr = stderr
        self.verbose = verbose
        (log, summary) = Self.reporting(environment: environment, ci: ci, stderr: stderr, fileSystem: fileSystem, verbose: verbose)
    }

    /// The log and the step summary follow the environment (workflow commands, the
    /// runner's debug flag, the secrets to redact), stderr and the file system.
    private static func reporting(environment: [String: String], ci: CIEnvironment, stderr: TextSink,
                                  fileSystem: FileSystem, verbose: Bool) -> (Log, StepSummary) {
        let redactor = SecretRedactor(environment: environment)
        let log = Log(sink: stderr, usesWorkflowCommands: ci.provider.speaksWorkflowCommands,
                      verbose: verbose, runnerDebug: ci.isDebug, redactor: redactor)
        return (log, StepSummary(path: ci.stepSummaryPath, fileSystem: fileSystem, redactor: redactor))
    }

    /// The context of the running process: its environment, working directory, the
    /// local file system, git on `PATH`, the production HTTP client and the wall clock.
    public static func live(verbose: Bool) -> ToolContext {
        ToolContext(environment: ProcessInfo.processInfo.environment,
                    workingDirectory: FileManager.default.currentDirectoryPath,
                    stdout: FileDescriptorSink.standardOutput, stderr: FileDescriptorSink.standardError,
                    verbose: verbose)
    }

    /// The test context: an empty environment, and a file system, process runner,
    /// clock, HTTP connector, host name and output streams that each trap with their name on
    /// first use. Replace what the code under test needs, through `replacing`.
    public static func failing(workingDirectory: String = "/nonexistent/working-directory") -> ToolContext {
        ToolContext(environment: [:], fileSystem: FailingFileSystem(), workingDirectory: workingDirectory,
                    now: { unreplaced("now (the clock)") }, processRunner: FailingProcessRunner(),
                    http: .failing, hostName: { unreplaced("hostName") },
                    stdout: FailingSink(name: "stdout"), stderr: FailingSink(name: "stderr"))
    }

    /// A copy with some parts replaced; the log and summary are rebuilt over the new
    /// environment, stderr and file system.
    public func replacing(environment: [String: String]? = nil, fileSystem: FileSystem? = nil,
                          workingDirectory: String? = nil, now: (@Sendable () -> Date)? = nil,
                          processRunner: ProcessRunner? = nil, http: HTTPConnector? = nil,
                          stdout: TextSink? = nil, stderr: TextSink? = nil, verbose: Bool? = nil) -> ToolContext {
        var copy = self
        if let environment { copy.environment = environment }
        if let fileSystem { copy.fileSystem = fileSystem }
        if let workingDirectory { copy.workingDirectory = workingDirectory }
        if let now { copy.now = now }
        if let processRunner { copy.processRunner = processRunner }
        if let http { copy.http = http }
        if let stdout { copy.stdout = stdout }
        if let stderr { copy.stderr = stderr }
        if let verbose { copy.verbose = verbose }
        (copy.log, copy.summary) = Self.reporting(environment: copy.environment, ci: copy.ci, stderr: copy.stderr,
                                                  fileSystem: copy.fileSystem, verbose: copy.verbose)
        return copy
    }

    /// Reads the API token (`--token-env NAME`, else the forge's variables: on GitHub
    /// `GITHUB_TOKEN`, else `GH_TOKEN`) and masks it before anything else can be printed.
    public func readToken(preferring name: String? = nil, forge: ForgeKind = .github) -> String? {
        readCredential(preferring: name, forge: forge)?.value
    }

    /// The token and the variable it came from (GitLab sends a `CI_JOB_TOKEN` under
    /// another header than a personal token), masked as it is read.
    public func readCredential(preferring name: String? = nil, forge: ForgeKind) -> (variable: String, value: String)? {
        guard let token = ci.token(preferring: name, forge: forge) else { return nil }
        log.mask(token.value)
        return token
    }

    /// Resolves a path given on the command line against the working directory.
    public func path(_ path: String) -> String {
        path.hasPrefix("/") ? path : PathResolver.normalize(workingDirectory + "/" + path)
    }

    /// The tag the run is about when no flag names it, found the same way by every
    /// tool (see `TagLocator`); git says whether a `workflow_run` head branch is a tag.
    public func locateTag(repository: Repository?) async throws -> String {
        let payload = try ci.eventPayload(fileSystem: fileSystem)
        let found = try await TagLocator(environment: ci, payload: payload) { name in
            guard let repository else { return .unknown }
            let kind = await repository.refKind(of: name)
            return kind.isTag ? .tag : (kind.isBranch ? .branch : .unknown)
        }.locate()
        log.debug("tag \(found.tag) from \(found.source)")
        return found.tag
    }

    /// The git repository the tool runs in, if any.
    public func repository() async -> Repository? {
        await Repository.discover(at: workingDirectory, runner: processRunner)
    }
}

/// Stops the test that reached a dependency it did not replace, naming it.
func unreplaced(_ dependency: String, _ detail: String = "") -> Never {
    fatalError("ToolContext.failing: the test did not replace \(dependency)\(detail.isEmpty ? "" : ", and the code called \(detail)")")
}

/// The file system of `ToolContext.failing`.
struct FailingFileSystem: FileSystem {
    func read(_ path: String) throws -> Data { unreplaced("fileSystem", "read(\(path))") }
    func exists(_ path: String) -> Bool { unreplaced("fileSystem", "exists(\(path))") }
    func size(of path: String) -> Int? { unreplaced("fileSystem", "size(of: \(path))") }
    func writeAtomically(_ data: Data, to path: String) throws { unreplaced("fileSystem", "writeAtomically(to: \(path))") }
    func append(_ data: Data, to path: String) throws { unreplaced("fileSystem", "append(to: \(path))") }
    func contentsOfDirectory(_ path: String) throws -> [String] { unreplaced("fileSystem", "contentsOfDirectory(\(path))") }
    func isDirectory(_ path: String) -> Bool { unreplaced("fileSystem", "isDirectory(\(path))") }
    func createDirectory(_ path: String) throws { unreplaced("fileSystem", "createDirectory(\(path))") }
    func remove(_ path: String) throws { unreplaced("fileSystem", "remove(\(path))") }
    func realPath(_ path: String) -> String? { unreplaced("fileSystem", "realPath(\(path))") }
    func isRegularFile(_ path: String) -> Bool { unreplaced("fileSystem", "isRegularFile(\(path))") }
    func status(of path: String) -> FileStatus? { unreplaced("fileSystem", "status(of: \(path))") }
    func glob(_ pattern: String) -> [String] { unreplaced("fileSystem", "glob(\(pattern))") }
    func createPrivateDirectory(_ path: String) throws { unreplaced("fileSystem", "createPrivateDirectory(\(path))") }
    func writeDurably(_ data: Data, to path: String, permissions: Int) throws { unreplaced("fileSystem", "writeDurably(to: \(path))") }
    func permissions(of path: String) -> Int? { unreplaced("fileSystem", "permissions(of: \(path))") }
    func rename(_ source: String, to target: String) throws { unreplaced("fileSystem", "rename(\(source), to: \(target))") }
    func syncDirectory(_ path: String) { unreplaced("fileSystem", "syncDirectory(\(path))") }
}

/// The process runner of `ToolContext.failing`.
struct FailingProcessRunner: ProcessRunner {
    func run(_ invocation: CommandLineInvocation) async throws -> ProcessResult { unreplaced("processRunner", "`\(invocation)`") }
}

/// stdout and stderr of `ToolContext.failing`.
struct FailingSink: TextSink {
    let name: String
    func write(_ text: String) { unreplaced(name, "write(\(String(reflecting: text.prefix(200))))") }
}
