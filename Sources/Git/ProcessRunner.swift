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

/// Runs processes. Injected so tests and dry runs can replace it.
public protocol ProcessRunner: Sendable {
    func run(_ invocation: CommandLineInvocation) throws -> ProcessResult
}

/// A process that could not be started at all (not found, not executable).
public struct ProcessLaunchError: ReleaseKitError {
    public let invocation: CommandLineInvocation
    public let reason: String
    public var kind: FailureKind { .operationFailed }
    public var description: String { "could not run `\(invocation)`: \(reason)" }
}

/// Runs real processes with Foundation's `Process`, looking the executable up on
/// `PATH` when it is not a path.
public struct SystemProcessRunner: ProcessRunner {
    public let searchPath: [String]
    public let baseEnvironment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        baseEnvironment = environment
        searchPath = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
    }

    public func resolve(_ executable: String) -> String? {
        if executable.contains("/") { return executable }
        for directory in searchPath {
            let candidate = directory + "/" + executable
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public func run(_ invocation: CommandLineInvocation) throws -> ProcessResult {
        guard let path = resolve(invocation.executable) else {
            throw ProcessLaunchError(invocation: invocation, reason: "`\(invocation.executable)` was not found on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = invocation.arguments
        if let directory = invocation.workingDirectory {
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
        }
        process.environment = baseEnvironment.merging(invocation.environment) { _, new in new }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ProcessLaunchError(invocation: invocation, reason: "\(error.localizedDescription)")
        }
        // Drain stderr on another thread so a chatty process cannot block on a full pipe
        // while we read stdout.
        let errorBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorBox.data = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: output, stderr: errorBox.data)
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}
