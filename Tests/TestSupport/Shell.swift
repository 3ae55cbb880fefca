import Foundation

/// `/bin/sh -c` for tests that build fixtures with system tools (tar, zip, ar,
/// sha256sum) or check results with them.
public enum Shell {
    /// Runs `command` in `directory`, with stdout and stderr together.
    public static func run(_ command: String, in directory: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// Whether `tool` is on PATH.
    public static func isAvailable(_ tool: String) -> Bool {
        (try? run("command -v '\(tool)' >/dev/null", in: "/"))?.status == 0
    }
}
