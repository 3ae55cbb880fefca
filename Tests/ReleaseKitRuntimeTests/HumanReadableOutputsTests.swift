import Testing
@testable import ReleaseKitRuntime

@Suite struct HumanReadableOutputsTests {
    /// The rule as first written, by `Character`: the byte walk must print the same.
    static func reference(_ outputs: StepOutputs) -> String {
        var text = ""
        for (name, value) in outputs.entries {
            if value.utf8.contains(UInt8(ascii: "\n")) {
                text += "\(name):\n"
                for line in value.split(separator: "\n", omittingEmptySubsequences: false) { text += "  \(line)\n" }
            } else if value.isEmpty {
                text += "\(name):\n"
            } else {
                text += "\(name): \(value)\n"
            }
        }
        return text
    }

    @Test(arguments: [
        "", "one line", "two\nlines", "ends with a newline\n", "\n", "\n\nblank lines\n\n",
        "crlf\r\nstays in its line\r\n", "lone\rcarriage return", "é\n\u{301}combining after a break\n🎉",
        "## [1.2.0] - 2026-01-31\n\n### Features\n\n- a (abc1234)\n",
    ])
    func printsEveryValueAsTheCharacterRuleDid(_ value: String) {
        var outputs = StepOutputs()
        outputs.set("notes", value)
        outputs.set("version", "1.2.0")
        outputs.set("empty", "")
        #expect(OutputReporter.humanReadable(outputs) == Self.reference(outputs))
    }
}
