import Foundation

/// Shell commands for building fixtures (archives, repositories) with the system tools.
public enum Shell {
    /// Runs `command` in `directory`, with stdout and stderr together.
    public static func run(_ command: String, in directory: String) async throws -> (status: Int32, output: String) {
        let result = try await ChildProcess.run("/bin/sh", ["-c", "exec 2>&1; " + command], in: directory)
        return (result.status, result.stdoutText)
    }

    /// Whether `tool` is on PATH: looked up directly, so a test's enabling condition
    /// spawns nothing.
    public static func isAvailable(_ tool: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(tool)", X_OK) == 0 }
    }
}
