import Testing
import ReleaseKitCore
import ReleaseKitRuntime

/// A typed outputs value becomes step outputs by one rule, in declaration order.
@Suite struct StepOutputsEncoderTests {
    struct Sample: ToolOutputs {
        var name = "v1.2.0"
        var ok = true
        var count = 3
        var files = ["a.txt", "", "b c.txt"]
        var plan = JSONValue.array([.object(["k": .string("v")])])
        var empty = [String]()

        enum CodingKeys: String, OutputName {
            case name, ok, count, files, plan
            case empty = "empty-list"
            var summary: String { "summary of \(rawValue)" }
        }
    }

    @Test func everyFieldTypeBecomesItsText() {
        let outputs = StepOutputs(Sample())
        #expect(outputs.names == ["name", "ok", "count", "files", "plan", "empty-list"])
        #expect(outputs["name"] == "v1.2.0")
        #expect(outputs["ok"] == "true")
        #expect(outputs["count"] == "3")
        #expect(outputs["files"] == "a.txt\n\nb c.txt")
        #expect(outputs["plan"] == #"[{"k":"v"}]"#)
        #expect(outputs["empty-list"] == "")
    }

    @Test func theNamesAndSummariesAreListedInOrder() {
        #expect(Sample.outputNames.map(\.name) == ["name", "ok", "count", "files", "plan", "empty-list"])
        #expect(Sample.outputNames.last?.summary == "summary of empty-list")
    }

    @Test func parseTagOutputsKeepTheirContractOrder() throws {
        let outputs = StepOutputs(ParseTagOutputs(tag: try TagName(parsing: "core-v1.2.0-rc.1", scheme: .auto), previous: nil))
        #expect(outputs.names == ["tag", "component", "version", "scheme", "major", "minor", "patch", "prerelease",
                                  "build", "is-prerelease", "normalized", "previous-tag", "previous-version"])
        #expect(outputs["component"] == "core")
        #expect(outputs["is-prerelease"] == "true")
    }
}
