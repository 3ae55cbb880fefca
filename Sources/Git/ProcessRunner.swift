import Foundation
import ReleaseKitCore

/// A command line described as a value, so tests can assert what would run and
/// failures can say exactly what ran.
public struct CommandLineInvocation: Sendable, Equatable, CustomStringConvertible {
    public var executable: String
    public var arguments: [String]
    public var workingDirectory: String?
    /// Variables added to (or replacing) the inherited environment.
    public var environment: [String: String]

    public init(_ executable: String, _ arguments: [String], workingDirectory: String? = nil,
                environment: [String: String] = [:]) {
        self.executable = executable
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    public var description: String {
        ([executable] + arguments).map { argument in
            argument.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" }) ? "'\(argument)'" : argument
        }.joined(separator: " ")
    }
}

/// What a finished process left behind.
public struct ProcessResult: Sendable, Equatable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data

    public init(status: Int32, stdout: Data, stderr: Data) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs processes. Injected so tests and dry runs can replace it. Async: a child is
/// awaited, never waited for on a thread of the cooperative pool.
public protocol ProcessRunner: Sendable {
    func run(_ invocation: CommandLineInvocation) async throws -> ProcessResult
}

/// A process that could not be started at all (not found, not executable).
public struct ProcessLaunchError: ReleaseKitError {
    public let invocation: CommandLineInvocation
    public let reason: String
    public var kind: FailureKind { .operationFailed }
    public var description: String { "could not run `\(invocation)`: \(reason)" }
}
