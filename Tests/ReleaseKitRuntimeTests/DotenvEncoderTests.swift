import Testing
@testable import ReleaseKitRuntime

@Suite struct DotenvEncoderTests {
    @Test func keysAreUpperCasedWithUnderscores() throws {
        var outputs = StepOutputs()
        outputs.set("is-prerelease", true)
        outputs.set("tag", "v1.2.3")
        outputs.set("empty", "")
        outputs.set("quoted", "\"kept\" 'as is'")
        let result = try DotenvEncoder().encode(outputs) { "/tmp/side-" + $0 }
        #expect(result.text == "IS_PRERELEASE=true\nTAG=v1.2.3\nEMPTY=\nQUOTED=\"kept\" 'as is'\n")
        #expect(result.sideFiles.isEmpty)
    }

    @Test("values GitLab cannot carry go to a side file, never into a broken line",
          arguments: ["two\nlines", "cr\rhere", " leading", "trailing ", "\n", "nul\0byte"])
    func inexpressibleValuesGoToSideFiles(value: String) throws {
        var outputs = StepOutputs()
        outputs.set("notes", value)
        outputs.set("notes-file", "/tmp/notes.md")
        let result = try DotenvEncoder().encode(outputs) { "/out/report.env." + $0 }
        #expect(result.text == "NOTES_VALUE_FILE=/out/report.env.notes\nNOTES_FILE=/tmp/notes.md\n")
        #expect(result.sideFiles == [.init(outputName: "notes", key: "NOTES_VALUE_FILE", path: "/out/report.env.notes", value: value)])
        for line in result.text.split(separator: "\n") {
            #expect(line.contains("="))
        }
    }

    @Test func clashingSideKeyIsAClearError() {
        var outputs = StepOutputs()
        outputs.set("notes", "a\nb")
        outputs.set("notes-value-file", "x")
        #expect(throws: OutputFormatError.self) {
            try DotenvEncoder().encode(outputs) { "/out/" + $0 }
        }
    }
}
