import Foundation
import Testing
import ReleaseKitCore
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// Issue 18, class 5: the runner trims Unicode whitespace before `::`, finds `##[`
/// anywhere, ends lines at `\r`; `--json` and the `name: value` lines printed
/// untrusted text raw.
@Suite struct WorkflowCommandInjectionTests {
    static let values = WorkflowCommandScanner.forgeries + HostileValues.all

    @Test("the scanner sees what the runner sees", arguments: WorkflowCommandScanner.forgeries)
    func scannerFindsEveryForgery(text: String) {
        #expect(!WorkflowCommandScanner.commands(in: text).isEmpty, "\(text.debugDescription)")
    }

    @Test("one rule makes any text inert, in both spellings", arguments: values)
    func inertTextIssuesNoCommand(text: String) {
        #expect(WorkflowCommandScanner.commands(in: WorkflowCommandEscaping.inert(text)).isEmpty)
        #expect(WorkflowCommandScanner.commands(in: WorkflowCommandEscaping.inert(text, spelling: .json)).isEmpty)
        #expect(WorkflowCommandScanner.commands(in: WorkflowCommandEscaping.logLine(text)).isEmpty)
    }

    @Test("plain log lines cannot issue commands", arguments: values)
    func logLinesAreInert(text: String) {
        let sink = BufferSink()
        let log = Log(sink: sink, usesWorkflowCommands: true, verbose: true)
        log.info(text)
        log.debug(text)
        #expect(WorkflowCommandScanner.commands(in: sink.text).isEmpty)
    }

    @Test("an annotation issues exactly its own command", arguments: values)
    func annotationsAreSingleCommands(text: String) {
        let sink = BufferSink()
        Log(sink: sink, usesWorkflowCommands: true).warning(text, title: text)
        #expect(WorkflowCommandScanner.commands(in: sink.text).map(\.name) == ["warning"])
    }

    @Test("--json on stdout issues no command and decodes to the same values", arguments: values)
    func jsonOnStdoutIsInert(text: String) throws {
        let stdout = BufferSink()
        var outputs = StepOutputs()
        outputs.set("notes", text)
        outputs.set("actor", "x" + text)
        try OutputReporter(destinations: OutputDestinations(jsonOnStdout: true), fileSystem: LocalFileSystem(),
                           stdout: stdout, log: Log(sink: BufferSink(), usesWorkflowCommands: true)).report(outputs)
        #expect(WorkflowCommandScanner.commands(in: stdout.text).isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(stdout.text.utf8)) as? [String: String]
        #expect(object?["notes"] == text)
        #expect(object?["actor"] == "x" + text)
    }

    @Test("name: value lines on a runner without GITHUB_OUTPUT issue no command", arguments: values)
    func interactiveLinesOnARunnerAreInert(text: String) throws {
        let stdout = BufferSink()
        var outputs = StepOutputs()
        outputs.set("notes", text)
        try OutputReporter(destinations: OutputDestinations(), fileSystem: LocalFileSystem(),
                           stdout: stdout, log: Log(sink: BufferSink(), usesWorkflowCommands: true)).report(outputs)
        #expect(WorkflowCommandScanner.commands(in: stdout.text).isEmpty)
    }
}
