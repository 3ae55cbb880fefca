import Foundation
import Testing
import ReleaseKitCore
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// Issue 18, class 7, for outputs: every file a report replaces is checked before
/// the first is written.
@Suite struct OutputFileTargetTests {
    @Test("an output file that is not a regular file is refused, and nothing is written",
          arguments: SpecialFile.allCases, OutputFormat.allCases)
    func refusedBeforeAnythingIsWritten(kind: SpecialFile, format: OutputFormat) throws {
        let directory = ScratchDirectory()
        let path = directory.path("outputs")
        guard kind.make(at: path) else { return }
        let before = try FileManager.default.contentsOfDirectory(atPath: directory.root).sorted()
        var outputs = StepOutputs()
        outputs.set("notes", "multi\nline")
        let reporter = OutputReporter(destinations: OutputDestinations(file: (path, format)), fileSystem: LocalFileSystem(),
                                      stdout: BufferSink(), log: Log(sink: BufferSink(), usesWorkflowCommands: false))
        #expect(throws: FileError.self) { try reporter.report(outputs) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.root).sorted() == before)
    }

    @Test("a dotenv side file that is not a regular file is refused before the report is written", arguments: SpecialFile.allCases)
    func sideFileRefused(kind: SpecialFile) throws {
        let directory = ScratchDirectory()
        let path = directory.path("outputs.env")
        guard kind.make(at: path + ".notes") else { return }
        var outputs = StepOutputs()
        outputs.set("notes", "multi\nline")
        let reporter = OutputReporter(destinations: OutputDestinations(file: (path, .dotenv)), fileSystem: LocalFileSystem(),
                                      stdout: BufferSink(), log: Log(sink: BufferSink(), usesWorkflowCommands: false))
        #expect(throws: FileError.self) { try reporter.report(outputs) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
