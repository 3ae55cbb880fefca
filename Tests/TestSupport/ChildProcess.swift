import Foundation
import Git

/// The tests' one way to run a child process that is not git through the adapter: a
/// script, a built tool, an oracle. The child is started, fed, drained and waited for
/// on a Dispatch thread, never on one of Swift's cooperative threads; there are only
/// as many of those as cores (two here), and the in-process API servers other suites
/// run answer on them. A test that blocked one on a pipe made those servers' requests
/// stall for 30 s.
public enum ChildProcess {
    /// Runs `executable` (a path) with `arguments`. `environment` nil inherits the test
    /// process's; otherwise it is exactly what the child sees. `input` nil is /dev/null.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           in directory: String? = nil, input: Data? = nil) async throws -> ProcessResult {
        let request = Request(executable: executable, arguments: arguments, environment: environment,
                              directory: directory, input: input)
        return try await ChildProcessGate.shared.run { try await offThePool { try request.runBlocking() } }
    }

    private struct Request: Sendable {
        let executable: String, arguments: [String], environment: [String: String]?
        let directory: String?, input: Data?

        func runBlocking() throws -> ProcessResult {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            if let environment { process.environment = environment }
            if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
            let out = Pipe(), err = Pipe(), stdin = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = input == nil ? FileHandle.nullDevice : stdin
            try process.run()
            // stderr drains on a second thread, so a chatty child cannot fill one pipe
            // while the other is read; stdin is written on a third for the same reason.
            let errors = Drain(err)
            if let input {
                let writer = stdin.fileHandleForWriting
                DispatchQueue.global().async {
                    writer.write(input)
                    try? writer.close()
                }
            }
            let output = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
            return ProcessResult(status: status, stdout: output, stderr: errors.wait())
        }
    }

    /// Reads a pipe to its end on a Dispatch thread.
    private final class Drain: @unchecked Sendable {
        private var data = Data()
        private let group = DispatchGroup()

        init(_ pipe: Pipe) {
            group.enter()
            DispatchQueue.global().async {
                self.data = pipe.fileHandleForReading.readDataToEndOfFile()
                self.group.leave()
            }
        }

        func wait() -> Data {
            group.wait()
            return data
        }
    }
}
