import Foundation
import Testing
import GitHubAPI
import ReleaseKitCore

/// Issue 18, class 4: an error body that is not JSON was cut at 300 bytes before the
/// log redacted it, so a token straddling the cut printed its first characters.
@Suite struct ErrorBodyRedactionTests {
    static let token = "ghs_CanaryToken1234567890abcdef"

    @Test("a token anywhere near the cut leaves no part of itself", arguments: [0, 250, 280, 290, 299, 300, 310])
    func redactedBeforeTheCut(offset: Int) {
        for suffix in ["", "\u{301}", "\u{200D}"] {
            let body = String(repeating: "e", count: offset) + Self.token + suffix + String(repeating: "z", count: 400)
            let result = HTTPResult(status: 401, headers: ["Content-Type": "text/html"], body: Data(body.utf8))
            let error = Redaction.$active.withValue({ Redaction.remove([Array(Self.token.utf8)], from: $0) }) {
                GitHubAPIError(result: result, operation: "create the release", repository: "o/r", repositoryLevel: true)
            }
            #expect(!error.description.contains(Self.token.prefix(6)), "\(offset): \(error.description.suffix(80))")
            #expect(error.detail.utf8.count <= 300)
        }
    }
}
