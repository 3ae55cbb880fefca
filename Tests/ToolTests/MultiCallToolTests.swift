import Foundation
import Testing
import ReleaseKitTestSupport

/// The multi-call binary the release archives ship: the same tools, by name or by link.
@Suite struct MultiCallToolTests {
    let releasekit = BuiltTool(name: "releasekit")

    @Test(arguments: BuiltTool.names)
    func namedFirstAnswersVersionLikeTheSeparateTool(tool: String) async throws {
        let run = try await releasekit.run([tool, "--version"])
        let separate = try await BuiltTool(name: tool).run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == separate.stdout)
    }

    @Test func namedFirstRunsTheTool() async throws {
        let run = try await releasekit.run(["parse-tag", "v1.2.3-rc.1", "--json"], in: NSTemporaryDirectory())
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"is-prerelease\":\"true\""))
    }

    @Test func invokedThroughALinkRunsTheToolOfThatName() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("multicall-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("parse-tag")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: BuiltTool.binDirectory + "/releasekit")
        let result = try await ChildProcess.run(link.path, ["not a tag"], environment: ["PATH": "/usr/bin:/bin"], in: directory.path)
        let stderr = result.stderrText
        // parse-tag's own usage error: exit 2 naming the input.
        #expect(result.status == 2)
        #expect(stderr.contains("not a tag"))
    }

    @Test func unknownToolIsAUsageError() async throws {
        let run = try await releasekit.run(["publish-everything"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("expected one of guard-loop, parse-tag"))
    }
}
