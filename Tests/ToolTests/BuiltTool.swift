import Foundation
import Git

/// Runs one of the built executables as a child process, the way a workflow step does.
struct BuiltTool {
    static let names = ["parse-tag", "bump-version", "render-changelog", "verify-artifacts", "create-release", "guard-loop"]

    /// Where `swift build` put the executables: `RELEASEKIT_BIN_DIR`, else beside the
    /// running test bundle, else the package's default debug directory.
    static let binDirectory: String = {
        if let explicit = ProcessInfo.processInfo.environment["RELEASEKIT_BIN_DIR"] { return explicit }
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("parse-tag").path) {
            return candidate.path
        }
        return packageRoot.appendingPathComponent(".build/debug").path
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

    let name: String

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the tool with exactly `environment` (plus PATH and HOME, which git needs),
    /// so nothing from the test machine's own CI leaks in.
    func run(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltTool.binDirectory + "/" + name)
        process.arguments = arguments
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                    "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp"]
        base.merge(environment) { _, new in new }
        process.environment = base
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errorData = ErrorCollector(err)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: errorData.wait())
    }
}

extension BuiltTool {
    /// `run` for async tests: waits on a Dispatch thread, not on one of the few
    /// cooperative threads, which an in-process server needs in order to answer.
    func run(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil) async throws -> Run {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try self.run(arguments, environment: environment, in: directory) })
            }
        }
    }
}

/// Reads a pipe to its end on another thread.
final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let group = DispatchGroup()

    init(_ pipe: Pipe) {
        group.enter()
        DispatchQueue.global().async {
            self.data = pipe.fileHandleForReading.readDataToEndOfFile()
            self.group.leave()
        }
    }

    func wait() -> String {
        group.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
