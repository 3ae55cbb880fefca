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
        let result: ExecutionResult<(Data, Data), SequenceOutput, SequenceOutput>
        do {
            result = try await Subprocess.run(
                .path(FilePath(path)), arguments: Arguments(invocation.arguments),
                environment: .custom(variables),
                workingDirectory: invocation.workingDirectory.map { FilePath($0) },
                input: .none, output: .sequence, error: .sequence
            ) { execution in
                // Both pipes drained at once, so a child that fills one never blocks.
                let errors = execution.standardError
                async let stderr = Self.collect(errors, limit: Self.outputLimit)
                let stdout = try await Self.collect(execution.standardOutput, limit: Self.outputLimit)
                return (stdout, try await stderr)
            }
        } catch {
            throw ProcessLaunchError(invocation: invocation, reason: "\(error)")
        }
        let status: Int32
        switch result.terminationStatus {
        case .exited(let code): status = Int32(code)
        case .signaled(let signal): status = 128 + Int32(signal)
        }
        return ProcessResult(status: status, stdout: result.closureResult.0, stderr: result.closureResult.1)
    }

    /// A stream read whole into `Data`, growing as it arrives. Not the library's
    /// collected `.bytes(limit:)`: that reserves the whole limit up front, 4 GiB of
    /// address space per git call, which a machine without that much memory plus swap
    /// refuses (and the process dies); and its bytes would be copied once more into `Data`.
    public static func collect(_ stream: SubprocessOutputSequence, limit: Int = outputLimit) async throws -> Data {
        var data = Data()
        for try await buffer in stream {
            guard data.count + buffer.count <= limit else {
                throw OutputLimitExceeded(limit: limit)
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
