import Foundation
import ReleaseKitCore
import Testing

/// What all six executables promise alike: help, version, usage errors.
@Suite struct CommonBehaviourTests {
    @Test(arguments: BuiltTool.names)
    func answersHelp(name: String) async throws {
        let run = try await BuiltTool(name: name).run(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: \(name)"))
        #expect(run.stdout.contains("--json"))
        #expect(run.stdout.contains("--output-file"))
    }

    @Test(arguments: BuiltTool.names)
    func answersTheSameVersion(name: String) async throws {
        let run = try await BuiltTool(name: name).run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == ToolkitVersion.current + "\n")
    }

    @Test(arguments: BuiltTool.names)
    func unknownFlagIsUsageErrorWithStatusTwo(name: String) async throws {
        let run = try await BuiltTool(name: name).run(["--no-such-flag"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--no-such-flag"))
        #expect(run.stdout.isEmpty)
    }

    @Test func usageErrorsAreEscapedAnnotationsOnGitHub() async throws {
        let run = try await BuiltTool(name: "guard-loop").run(["--output-format", "dotenv"], environment: ["GITHUB_ACTIONS": "true"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("::error title=guard-loop%3A invalid usage::"))
        #expect(run.stderr.contains("--output-file"))
    }
}
