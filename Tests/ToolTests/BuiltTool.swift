import Foundation
import Git
import ReleaseKitTestSupport

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

    /// What every run of a built tool gets besides its own variables: PATH and HOME,
    /// which git needs.
    static let baseEnvironment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                                  "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp"]

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the tool with exactly `environment` (plus PATH and HOME, which git needs),
    /// so nothing from the test machine's own CI leaks in. The child is waited for off
    /// the cooperative pool (see `ChildProcess`).
    func run(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil) async throws -> Run {
        let result = try await ChildProcess.run(BuiltTool.binDirectory + "/" + name, arguments,
                                                environment: Self.baseEnvironment.merging(environment) { _, new in new }, in: directory)
        return Run(status: result.status, stdout: result.stdoutText, stderr: result.stderrText)
    }
}
