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
        let result: ExecutionResult<(Data, Data), SequenceOutput, SequenceOutput>
        do {
            result = try await Subprocess.run(
                .path(FilePath(path)), arguments: Arguments(invocation.arguments),
                environment: Self.environment(baseEnvironment.merging(invocation.environment) { _, new in new }),
                workingDirectory: invocation.workingDirectory.map { FilePath($0) },
                input: .none, output: .sequence, error: .sequence) { try await Self.drain($0) }
        } catch {
            throw ProcessLaunchError(invocation: invocation, reason: "\(error)")
        }
        return ProcessResult(status: Self.exitStatus(result.terminationStatus),
                             stdout: result.closureResult.0, stderr: result.closureResult.1)
    }

    /// Exactly these variables for the child (names the library cannot take are left out).
    public static func environment(_ variables: [String: String]) -> Environment {
        var keys: [Environment.Key: String] = [:]
        for (name, value) in variables {
            if let key = Environment.Key(rawValue: name) { keys[key] = value }
        }
        return .custom(keys)
    }

    /// A child's stdout and stderr, read whole and at once, so a child that fills one
    /// pipe never blocks while the other is read.
    public static func drain(_ execution: Execution<some InputProtocol, SequenceOutput, SequenceOutput>) async throws -> (Data, Data) {
        let errors = execution.standardError
        async let stderr = collect(errors)
        let stdout = try await collect(execution.standardOutput)
        return (stdout, try await stderr)
    }

    /// The exit status a shell would report: the code, or 128 + the signal that ended it.
    public static func exitStatus(_ status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): Int32(code)
        case .signaled(let signal): 128 + Int32(signal)
        }
    }

    /// A stream read whole into `Data`, growing as it arrives. Not the library's
    /// collected `.bytes(limit:)`: that reserves the whole limit up front, 4 GiB of
    /// address space per git call, which a machine without that much memory plus swap
    /// refuses (and the process dies); and its bytes would be copied once more into `Data`.
    static func collect(_ stream: SubprocessOutputSequence) async throws -> Data {
        var data = Data()
        for try await buffer in stream {
            guard data.count + buffer.count <= outputLimit else {
                throw OutputLimitExceeded(limit: outputLimit)
            }
            buffer.withUnsafeBytes { data.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
        }
        return data
    }

    /// A child printed more than `outputLimit` bytes on one stream.
    struct OutputLimitExceeded: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "it printed more than \(limit) bytes on one stream" }
    }
}
