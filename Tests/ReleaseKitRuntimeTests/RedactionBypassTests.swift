import Foundation
import Testing
import ReleaseKitCore
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// Issue 18, class 4: redaction matched by `String` (grapheme) equality, so a token
/// followed by a combining mark or joiner was printed whole; truncation before
/// redaction printed a token's first characters.
@Suite struct RedactionBypassTests {
    static let token = "ghs_CanaryToken1234567890abcdef"
    /// What can follow or precede a token and merge with it into one grapheme cluster.
    static let neighbours = ["\u{301}", "\u{200D}", "\u{FE0F}", "\u{20E3}", "\u{1F3FB}", "\u{0308}\u{0301}", "\r", "\t", "\u{A0}", "\u{3000}"]

    @Test("a token inside a larger grapheme cluster is still removed", arguments: neighbours)
    func tokenNextToACombiningMark(neighbour: String) {
        let redactor = SecretRedactor()
        redactor.register(Self.token)
        for text in [Self.token + neighbour, "x" + neighbour + Self.token + neighbour + "y", "\u{301}" + Self.token] {
            let redacted = redactor.redact(text)
            #expect(!redacted.utf8.elementsEqual(text.utf8))
            #expect(Data(redacted.utf8).range(of: Data(Self.token.utf8)) == nil, "\(text.debugDescription) -> \(redacted.debugDescription)")
            // Bytes again: "***" + U+0301 is not a "***" Character.
            #expect(Data(redacted.utf8).range(of: Data(Redaction.replacement.utf8)) != nil)
        }
    }

    @Test("a token with a combining mark never reaches a log, in either mode", arguments: neighbours)
    func logsRedactOnBytes(neighbour: String) {
        for workflow in [true, false] {
            let sink = BufferSink()
            let log = Log(sink: sink, usesWorkflowCommands: workflow, verbose: true, redactor: SecretRedactor(environment: ["GITHUB_TOKEN": Self.token]))
            log.error("401: bad credentials " + Self.token + neighbour)
            log.info(Self.token + neighbour)
            log.verbatim(Self.token + neighbour)
            #expect(Data(sink.text.utf8).range(of: Data(Self.token.utf8)) == nil)
        }
    }

    @Test("text is redacted before it is cut, wherever the token falls", arguments: [0, 1, 10, 20, 30, 60, 100, 119])
    func redactionBeforeTruncation(offset: Int) {
        let redactor = SecretRedactor(environment: ["GH_TOKEN": Self.token])
        let text = String(repeating: "a", count: offset) + Self.token + String(repeating: "b", count: 200)
        redactor.scope {
            let quoted = quotedInput(text)
            #expect(!quoted.contains(Self.token.prefix(8)), "\(quoted)")
        }
        // Outside a run nothing is redacted: the binding, not a global, carries the secrets.
        #expect(quotedInput(Self.token).contains(Self.token))
    }

    @Test func theStepSummaryIsRedactedBeforeItIsCut() throws {
        let directory = ScratchDirectory()
        let redactor = SecretRedactor(environment: ["GITHUB_TOKEN": Self.token])
        let summary = StepSummary(path: directory.path("summary"), fileSystem: LocalFileSystem(), redactor: redactor, limit: 200)
        try summary.append(String(repeating: "x", count: 90) + Self.token + "\u{301}" + String(repeating: "y", count: 200))
        let text = directory.read("summary")
        #expect(!text.contains(Self.token.prefix(6)))
    }
}
