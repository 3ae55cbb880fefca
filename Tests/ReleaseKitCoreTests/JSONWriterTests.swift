import Foundation
import Testing
@testable import ReleaseKitCore

@Suite struct JSONWriterTests {
    /// Strings a commit message can carry, as git gives them (invalid UTF-8 already
    /// replaced by U+FFFD when the log is decoded).
    static let hostile: [String] = [
        "", "plain text", "quote \" and backslash \\ and slash /",
        "\n\r\t\u{8}\u{C}", "\u{0}\u{1}\u{1F}\u{7F}", "\r\n line ending",
        "<script>alert('&amp;')</script>", "line\u{2028}separator\u{2029}paragraph",
        "\u{FEFF}byte order mark", "é ü 漢字 🎉 👩‍👩‍👧", "\u{10FFFF}\u{E000}",
        String(decoding: [0x66, 0x69, 0x78, 0xFF, 0xC3, 0x28, 0xE2, 0x80, 0x20, 0xED, 0xA0, 0x80], as: UTF8.self),
        "\u{E2}\u{80}\u{A8} looks like the bytes of U+2028 but is three characters",
        String(repeating: "long \\ text with \"escapes\" ", count: 500),
        "\\u2028 already escaped text", "#123 & #456 <b>",
    ]

    /// The escaping rule spelled out scalar by scalar, the slow obvious way.
    static func reference(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}", "\u{FEFF}":
                text += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { text += "\\u" + hex4(scalar.value) } else { text.unicodeScalars.append(scalar) }
            }
        }
        return text + "\""
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    static func written(_ value: String) -> String {
        var writer = JSONWriter()
        writer.string(value)
        return writer.text
    }

    @Test(arguments: hostile)
    func stringsEscapeAsTheRuleSays(_ value: String) {
        #expect(Self.written(value) == Self.reference(value))
    }

    @Test(arguments: hostile)
    func stringsReadBackUnchanged(_ value: String) throws {
        let text = "[" + Self.written(value) + "]"
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
        #expect(parsed == [value])
        // Nothing a JSON, HTML or JavaScript reader could trip on stays raw.
        let raw = text.unicodeScalars.filter { $0.value < 0x20 || $0.value == 0x7F || "<>&\u{2028}\u{2029}\u{FEFF}".unicodeScalars.contains($0) }
        #expect(raw.isEmpty)
    }

    @Test(arguments: [
        ("a\"b", #""a\"b""#), ("\u{1}", #""\u0001""#), ("\u{7F}", #""\u007f""#), ("<&>", #""\u003c\u0026\u003e""#),
        ("\u{2028}\u{2029}", #""\u2028\u2029""#), ("\u{FEFF}", #""\ufeff""#), ("\u{8}", #""\u0008""#), ("é", "\"é\""),
    ])
    func escapesAreSpelledExactly(_ value: String, _ expected: String) {
        #expect(Self.written(value) == expected)
    }

    @Test func containersSeparateTheirMembers() {
        var writer = JSONWriter()
        writer.object { w in
            w.key("a"); w.array([1, 2, 3]) { w, n in w.integer(n) }
            w.key("b"); w.object { w in w.member("c", nil as String?); w.member("d", true) }
            w.key("e"); w.array([String]()) { w, s in w.string(s) }
            w.member("f", -7)
        }
        #expect(writer.text == #"{"a":[1,2,3],"b":{"c":null,"d":true},"e":[],"f":-7}"#)
    }

    @Test func aReusedValueIsCopiedWhereverItRecurs() {
        var writer = JSONWriter()
        var calls = 0
        writer.array(["x", "y", "x", "x"]) { w, key in
            w.reusing(key) { w in
                calls += 1
                w.object { w in w.member("k", key); w.key("n"); w.array([1, 2]) { w, n in w.integer(n) } }
            }
        }
        #expect(writer.text == #"[{"k":"x","n":[1,2]},{"k":"y","n":[1,2]},{"k":"x","n":[1,2]},{"k":"x","n":[1,2]}]"#)
        #expect(calls == 2)
    }

    @Test(arguments: [
        (JSONValue.number(3), "3"), (.number(-0.5), "-0.5"), (.number(1e20), "1e+20"),
        (.object(["b": .null, "a": .array([.bool(false), .string("<")])]), #"{"a":[false,"\u003c"],"b":null}"#),
    ])
    func jsonValuesSerializeWithSortedKeys(_ value: JSONValue, _ expected: String) {
        #expect(value.serialized == expected)
    }
}
