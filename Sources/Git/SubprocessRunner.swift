import Foundation
import ReleaseKitCore
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs real processes through swift-subprocess: the child is awaited, and its pipes
/// are read asynchronously, so no thread of the cooperative pool waits on a pipe or on
/// the child's exit. The executable is looked up on `PATH` here, so a missing one is
/// reported with our message; stdin is /dev/null, never the terminal.
public struct SubprocessRunner: ProcessRunner {
    /// The most either stream may hold: git's biggest answer is the whole history
    /// (about 5 KiB a commit), so this is millions of commits.
    public static let outputLimit = 1 << 32
    public let searchPath: [String]
    public let baseEnvironment: [String: String]

    public init(environment: [String: String]) {
        baseEnvironment = environment
        searchPath = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
    }

    public func resolve(_ executable: String) -> String? {
        if executable.contains("/") { return executable }
        for directory in searchPath {
            let candidate = directory + "/" + executable
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    public func run(_ invocation: CommandLineInvocation) async throws -> ProcessResult {
        guard let path = resolve(invocation.executable) else {
            throw ProcessLaunchError(invocation: invocation, reason: "`\(invocation.executable)` was not found on PATH")
        }
        var variables: [Environment.Key: String] = [:]
        for (name, value) in baseEnvironment.merging(invocation.environment, uniquingKeysWith: { _, new in new }) {
            if let key = Environment.Key(rawValue: name) { variables[key] = value }
        }
        let result: ExecutionResult<Void, BytesOutput, BytesOutput>
        do {
            result = try await Subprocess.run(
                .path(FilePath(path)), arguments: Arguments(invocation.arguments),
                environment: .custom(variables),
                workingDirectory: invocation.workingDirectory.map { FilePath($0) },
                input: .none, output: .bytes(limit: Self.outputLimit), error: .bytes(limit: Self.outputLimit))
        } catch {
            throw ProcessLaunchError(invocation: invocation, reason: "\(error)")
        }
        let status: Int32
        switch result.terminationStatus {
        case .exited(let code): status = Int32(code)
        case .signaled(let signal): status = 128 + Int32(signal)
        }
        return ProcessResult(status: status, stdout: Data(result.standardOutput), stderr: Data(result.standardError))
    }
}
