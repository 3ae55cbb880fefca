import Testing
@testable import ReleaseKitCore

@Suite struct QuotedInputTests {
    @Test func quotesAndEscapesControlCharacters() {
        #expect(quotedInput("1.2") == "\"1.2\"")
        #expect(quotedInput("a\nb\t\"") == #""a\nb\t\"""#)
    }

    @Test func shortensLongInput() {
        let quoted = quotedInput(String(repeating: "9", count: 500))
        #expect(quoted.count < 130)
        #expect(quoted.hasSuffix("…\""))
    }
}
