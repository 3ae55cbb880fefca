import Foundation
import Git
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// The tests' one way to run a child process that is not git through the adapter: a
/// script, a built tool, an oracle. The child is awaited through swift-subprocess, as
/// production's `SubprocessRunner` awaits git: its pipes are read asynchronously, so
/// no cooperative thread waits on a pipe (there are only as many as cores, and the
/// in-process API servers other suites run answer on them).
///
/// Not Foundation's `Process`: on Linux its `run()` crashed the whole test process
/// twice (a bad read in its launch path, `memcpy` over strings of descriptor numbers)
/// while other suites' servers opened and closed hundreds of sockets.
public enum ChildProcess {
    /// Runs `executable` (a path) with `arguments`. `environment` nil inherits the test
    /// process's; otherwise it is exactly what the child sees. `input` nil is /dev/null.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           in directory: String? = nil, input: Data? = nil) async throws -> ProcessResult {
        try await ChildProcessGate.shared.run {
            let variables: Environment
            if let environment {
                var keys: [Environment.Key: String] = [:]
                for (name, value) in environment {
                    if let key = Environment.Key(rawValue: name) { keys[key] = value }
                }
                variables = .custom(keys)
            } else {
                variables = .inherit
            }
            // Read as production reads git: streamed, both pipes at once, no reservation.
            func drain(_ execution: Execution<some InputProtocol, SequenceOutput, SequenceOutput>) async throws -> (Data, Data) {
                let errors = execution.standardError
                async let stderr = SubprocessRunner.collect(errors)
                let stdout = try await SubprocessRunner.collect(execution.standardOutput)
                return (stdout, try await stderr)
            }
            let result: ExecutionResult<(Data, Data), SequenceOutput, SequenceOutput>
            if let input {
                result = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(arguments), environment: variables,
                    workingDirectory: directory.map { FilePath($0) },
                    input: .array([UInt8](input)), output: .sequence, error: .sequence, body: drain)
            } else {
                result = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(arguments), environment: variables,
                    workingDirectory: directory.map { FilePath($0) },
                    input: .none, output: .sequence, error: .sequence, body: drain)
            }
            let status: Int32
            switch result.terminationStatus {
            case .exited(let code): status = Int32(code)
            case .signaled(let signal): status = 128 + Int32(signal)
            }
            return ProcessResult(status: status, stdout: result.closureResult.0, stderr: result.closureResult.1)
        }
    }
}
