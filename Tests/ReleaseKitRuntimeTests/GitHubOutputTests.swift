import Foundation
import Testing
import ReleaseKitTestSupport
@testable import ReleaseKitRuntime

@Suite struct GitHubOutputFileParserTests {
    @Test func followsTheRunnersRules() throws {
        let text = "a=1\n\nb<<END\nx\n\ny\nEND\nc=has<<inside\nd<<=\nv\n=\n"
        let parsed = try GitHubOutputFileParser.parse(text)
        #expect(parsed.map(\.name) == ["a", "b", "c", "d"])
        #expect(parsed.map(\.value) == ["1", "x\n\ny", "has<<inside", "v"])
    }

    @Test func delimiterMustMatchExactly() throws {
        let parsed = try GitHubOutputFileParser.parse("a<<END\n END\nEND \nEND\n")
        #expect(parsed.first?.value == " END\nEND ")
    }

    @Test func missingDelimiterIsAnError() {
        #expect(throws: GitHubOutputFileParser.ParseError.self) {
            try GitHubOutputFileParser.parse("a<<END\nvalue\n")
        }
        #expect(throws: GitHubOutputFileParser.ParseError.self) {
            try GitHubOutputFileParser.parse("no separator here\n")
        }
        #expect(throws: GitHubOutputFileParser.ParseError.self) {
            try GitHubOutputFileParser.parse("=value\n")
        }
    }

    @Test func equalsFormSplitsAtFirstEquals() throws {
        let parsed = try GitHubOutputFileParser.parse("a=b=c<<d\n")
        #expect(parsed.first?.name == "a")
        #expect(parsed.first?.value == "b=c<<d")
    }
}

@Suite struct GitHubOutputEncoderTests {
    @Test("every hostile value round-trips exactly with no extra keys", arguments: HostileValues.all)
    func hostileValueRoundTrips(value: String) throws {
        var outputs = StepOutputs()
        outputs.set("before", "1")
        outputs.set("value", value)
        outputs.set("after", "2")
        let text = GitHubOutputEncoder().encode(outputs)
        let parsed = try GitHubOutputFileParser.parse(text)
        #expect(parsed.map(\.name) == ["before", "value", "after"])
        #expect(parsed[1].value == value)
    }

    @Test func allHostileValuesInOneFileStillRoundTrip() throws {
        var outputs = StepOutputs()
        for (index, value) in HostileValues.all.enumerated() { outputs.set("v\(index)", value) }
        let parsed = try GitHubOutputFileParser.parse(GitHubOutputEncoder().encode(outputs))
        #expect(parsed.count == HostileValues.all.count)
        #expect(parsed.map(\.value) == HostileValues.all)
    }

    @Test func delimiterThatOccursInTheValueIsReplaced() throws {
        // A generator that first proposes a delimiter the value contains, then another.
        final class Sequence: @unchecked Sendable { var calls = 0 }
        let sequence = Sequence()
        let encoder = GitHubOutputEncoder(makeDelimiter: {
            sequence.calls += 1
            return sequence.calls == 1 ? "COLLIDE" : "SAFE\(sequence.calls)"
        })
        let entry = encoder.entry(name: "x", value: "a\nCOLLIDE\nb")
        #expect(!entry.contains("<<COLLIDE"))
        #expect(try GitHubOutputFileParser.parse(entry).first?.value == "a\nCOLLIDE\nb")
    }

    @Test func aGeneratorThatAlwaysCollidesStillTerminates() throws {
        let encoder = GitHubOutputEncoder(makeDelimiter: { "X" })
        let entry = encoder.entry(name: "x", value: "X")
        #expect(try GitHubOutputFileParser.parse(entry).first?.value == "X")
    }

    @Test func freshDelimiterPerValue() {
        var outputs = StepOutputs()
        outputs.set("a", "1")
        outputs.set("b", "2")
        let lines = GitHubOutputEncoder().encode(outputs).split(separator: "\n")
        let delimiters = lines.filter { $0.contains("<<") }.map { $0.split(separator: "<").last! }
        #expect(Set(delimiters).count == 2)
    }
}

@Suite struct StepOutputsTests {
    @Test(arguments: ["is-prerelease", "a", "a1-b2", "previous-tag"])
    func acceptsKebabCase(name: String) { #expect(StepOutputs.isValidName(name)) }

    @Test(arguments: ["", "-a", "a-", "a--b", "Is-Prerelease", "is_prerelease", "a b", "a=b"])
    func rejectsOtherNames(name: String) { #expect(!StepOutputs.isValidName(name)) }

    @Test func typedSettersUseOneConvention() {
        var outputs = StepOutputs()
        outputs.set("flag", true)
        outputs.set("count", 3)
        outputs.set("items", lines: ["a", "b"])
        outputs.set("flag", false)
        #expect(outputs.names == ["flag", "count", "items"])
        #expect(outputs["flag"] == "false")
        #expect(outputs["count"] == "3")
        #expect(outputs["items"] == "a\nb")
        #expect(outputs.json.serialized == #"{"count":"3","flag":"false","items":"a\nb"}"#)
    }
}
