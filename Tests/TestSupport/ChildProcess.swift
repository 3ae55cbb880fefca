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
            let variables = environment.map(SubprocessRunner.environment) ?? .inherit
            // Read as production reads git: streamed, both pipes at once, no reservation.
            let result: ExecutionResult<(Data, Data), SequenceOutput, SequenceOutput>
            if let input {
                result = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(arguments), environment: variables,
                    workingDirectory: directory.map { FilePath($0) },
                    input: .array([UInt8](input)), output: .sequence, error: .sequence) { try await SubprocessRunner.drain($0) }
            } else {
                result = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(arguments), environment: variables,
                    workingDirectory: directory.map { FilePath($0) },
                    input: .none, output: .sequence, error: .sequence) { try await SubprocessRunner.drain($0) }
            }
            return ProcessResult(status: SubprocessRunner.exitStatus(result.terminationStatus),
                                 stdout: result.closureResult.0, stderr: result.closureResult.1)
        }
    }
}
