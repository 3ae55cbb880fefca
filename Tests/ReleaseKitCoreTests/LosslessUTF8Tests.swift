import Testing
import ReleaseKitCore

/// Bytes that are not UTF-8 survive a trip through text (issue 18 #10).
@Suite struct LosslessUTF8Tests {
    @Test(arguments: [
        [UInt8]("plain ASCII and é ✓ 𝄞\n".utf8),
        [0x63, 0x61, 0x66, 0xE9, 0x0A],            // Latin-1 é
        [0x80, 0xBF],                              // lone continuation bytes
        [0x61, 0xE2, 0x82],                        // a three-byte sequence cut at the end
        [0xC0, 0x80, 0xC1, 0xBF],                  // overlong forms
        [0xED, 0xA0, 0x80],                        // a UTF-16 surrogate
        [0xF4, 0x90, 0x80, 0x80, 0xF5, 0xFF],      // above U+10FFFF, never-valid bytes
        [0xEF, 0xBB, 0xBF, 0xFF, 0x0D, 0x0A],      // BOM, stray byte, CRLF
        [0xE9, 0xCC, 0x81],                        // an invalid byte before a combining mark
    ])
    func roundTripsEveryByte(bytes: [UInt8]) throws {
        let text = try #require(LosslessUTF8.decode(bytes))
        #expect(LosslessUTF8.encode(text) == bytes)
        // Line ends stay line ends, so line-based edits see the same lines.
        #expect(text.utf8.filter { $0 == 0x0A }.count == bytes.filter { $0 == 0x0A }.count)
    }

    @Test func textHoldingTheEscapeScalarsIsNotDecoded() {
        #expect(LosslessUTF8.decode(Array("a\u{10FF80}".utf8)) == nil)
        #expect(LosslessUTF8.decode(Array("a\u{10FFFF}".utf8) + [0xFF]) == nil)
        #expect(LosslessUTF8.containsEscapes("x\u{10FFAA}"))
        #expect(!LosslessUTF8.containsEscapes("x\u{10FF7F}"))
    }
}
