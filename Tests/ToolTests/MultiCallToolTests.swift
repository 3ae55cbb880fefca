import Foundation
import Testing

/// The multi-call binary the release archives ship: the same tools, by name or by link.
@Suite struct MultiCallToolTests {
    let releasekit = BuiltTool(name: "releasekit")

    @Test(arguments: BuiltTool.names)
    func namedFirstAnswersVersionLikeTheSeparateTool(tool: String) throws {
        let run = try releasekit.run([tool, "--version"])
        let separate = try BuiltTool(name: tool).run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == separate.stdout)
    }

    @Test func namedFirstRunsTheTool() throws {
        let run = try releasekit.run(["parse-tag", "v1.2.3-rc.1", "--json"], in: NSTemporaryDirectory())
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"is-prerelease\":\"true\""))
    }

    @Test func invokedThroughALinkRunsTheToolOfThatName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("multicall-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("parse-tag")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: BuiltTool.binDirectory + "/releasekit")
        let process = Process()
        process.executableURL = link
        process.arguments = ["not a tag"]
        process.currentDirectoryURL = directory
        process.environment = ["PATH": "/usr/bin:/bin"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // parse-tag's own usage error: exit 2 naming the input.
        #expect(process.terminationStatus == 2)
        #expect(stderr.contains("not a tag"))
    }

    @Test func unknownToolIsAUsageError() throws {
        let run = try releasekit.run(["publish-everything"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("expected one of guard-loop, parse-tag"))
    }
}
