import Foundation
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

@Suite struct StepSummaryTests {
    let directory = ScratchDirectory()

    @Test func appendsMarkdownWhenEnabled() throws {
        let path = directory.path("summary.md")
        let summary = StepSummary(path: path, fileSystem: LocalFileSystem(), redactor: SecretRedactor())
        try summary.append("## One")
        try summary.append("two\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "## One\ntwo\n")
    }

    @Test func isANoOpWithoutThePath() throws {
        let summary = StepSummary(path: nil, fileSystem: LocalFileSystem(), redactor: SecretRedactor())
        #expect(!summary.isEnabled)
        #expect(try summary.append("anything"))
        #expect(StepSummary(path: "", fileSystem: LocalFileSystem(), redactor: SecretRedactor()).isEnabled == false)
    }

    @Test func truncatesWithAVisibleNoteAndStaysUnderTheLimit() throws {
        let path = directory.path("big.md")
        let limit = 4096
        let summary = StepSummary(path: path, fileSystem: LocalFileSystem(), redactor: SecretRedactor(), limit: limit)
        try summary.append(String(repeating: "a", count: 1000))
        let fitted = try summary.append(String(repeating: "é", count: 5000))
        #expect(fitted == false)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count <= limit)
        let text = try #require(String(data: data, encoding: .utf8), "still valid UTF-8 after the cut")
        #expect(text.contains("truncated"))
        // Once full, further appends add nothing and never exceed the limit.
        try summary.append("more")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count <= limit)
    }

    @Test func theRealLimitIsOneMebibyte() throws {
        let path = directory.path("real.md")
        let summary = StepSummary(path: path, fileSystem: LocalFileSystem(), redactor: SecretRedactor())
        for _ in 0..<3 { try summary.append(String(repeating: "x", count: 500_000)) }
        #expect(LocalFileSystem().size(of: path)! <= 1_048_576)
    }

    @Test func redactsSecrets() throws {
        let path = directory.path("secret.md")
        let redactor = SecretRedactor()
        redactor.register("s3cr3t-token")
        try StepSummary(path: path, fileSystem: LocalFileSystem(), redactor: redactor).append("| s3cr3t-token |")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "| *** |\n")
    }

    @Test func tableCellsCannotBreakTheTable() {
        let table = StepSummary.table(header: ["Tag", "Note"], rows: [["v1|2", "a\nb <b>x</b> `c`"]])
        #expect(table == "| Tag | Note |\n| --- | --- |\n| v1\\|2 | a b &lt;b&gt;x&lt;/b&gt; \\`c\\` |\n")
    }
}
