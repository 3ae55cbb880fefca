import Foundation
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

@Suite struct OutputReporterTests {
    let directory = ScratchDirectory()

    func sample() -> StepOutputs {
        var outputs = StepOutputs()
        outputs.set("tag", "v1.2.3")
        outputs.set("is-prerelease", false)
        outputs.set("notes", "line one\n::error::forged\nline three")
        return outputs
    }

    func reporter(_ destinations: OutputDestinations, stdout: BufferSink, log: BufferSink, github: Bool = false) -> OutputReporter {
        OutputReporter(destinations: destinations, fileSystem: LocalFileSystem(), stdout: stdout,
                       log: Log(sink: log, usesWorkflowCommands: github))
    }

    @Test func laptopGetsReadableLines() throws {
        let stdout = BufferSink()
        try reporter(OutputDestinations(), stdout: stdout, log: BufferSink()).report(sample())
        #expect(stdout.text == "tag: v1.2.3\nis-prerelease: false\nnotes:\n  line one\n  ::error::forged\n  line three\n")
    }

    @Test func jsonOnStdoutIsTheOnlyThingThere() throws {
        let stdout = BufferSink()
        let output = directory.path("github_output")
        try reporter(OutputDestinations(jsonOnStdout: true, githubOutput: output), stdout: stdout, log: BufferSink(), github: true).report(sample())
        let object = try JSONSerialization.jsonObject(with: Data(stdout.text.utf8)) as? [String: String]
        #expect(object?["is-prerelease"] == "false")
        #expect(object?["notes"] == "line one\n::error::forged\nline three")
        #expect(try GitHubOutputFileParser.parse(String(contentsOfFile: output, encoding: .utf8)).count == 3)
    }

    @Test func githubOutputIsAppendedAndTheLogShowsValuesInertly() throws {
        let output = directory.path("github_output")
        try Data("earlier=1\n".utf8).write(to: URL(fileURLWithPath: output))
        let log = BufferSink()
        try reporter(OutputDestinations(githubOutput: output), stdout: BufferSink(), log: log, github: true).report(sample())
        let parsed = try GitHubOutputFileParser.parse(String(contentsOfFile: output, encoding: .utf8))
        #expect(parsed.map(\.name) == ["earlier", "tag", "is-prerelease", "notes"])
        #expect(parsed.last?.value == "line one\n::error::forged\nline three")
        let commands = WorkflowCommandScanner.commands(in: log.text).map(\.name)
        #expect(commands == ["group", "stop-commands", "endgroup"])
    }

    @Test(arguments: OutputFormat.allCases)
    func outputFileInEachFormat(format: OutputFormat) throws {
        let path = directory.path("outputs.\(format.rawValue)")
        try reporter(OutputDestinations(file: (path, format)), stdout: BufferSink(), log: BufferSink()).report(sample())
        let text = try String(contentsOfFile: path, encoding: .utf8)
        switch format {
        case .github:
            #expect(try GitHubOutputFileParser.parse(text).map(\.value) == sample().entries.map(\.value))
        case .json:
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
            #expect(object?["tag"] == "v1.2.3")
        case .dotenv:
            #expect(text == "TAG=v1.2.3\nIS_PRERELEASE=false\nNOTES_VALUE_FILE=\(path).notes\n")
            #expect(try String(contentsOfFile: path + ".notes", encoding: .utf8) == "line one\n::error::forged\nline three")
        }
    }

    @Test func secretsNeverLeaveThroughOutputs() throws {
        let stdout = BufferSink()
        let log = Log(sink: BufferSink(), usesWorkflowCommands: false)
        log.mask("tok_canary_123456")
        var outputs = StepOutputs()
        outputs.set("url", "https://x-access-token:tok_canary_123456@github.com/o/r")
        try OutputReporter(destinations: OutputDestinations(jsonOnStdout: true), fileSystem: LocalFileSystem(),
                           stdout: stdout, log: log).report(outputs)
        #expect(!stdout.text.contains("tok_canary_123456"))
        #expect(stdout.text.contains("***"))
    }
}
