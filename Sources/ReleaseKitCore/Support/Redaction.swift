/// Removing secrets from text, on UTF-8 bytes.
///
/// Matching is by bytes, not by `String` equality: Swift compares `Character`s
/// (grapheme clusters), so a token followed by a combining mark (`TOKEN\u{301}`) or a
/// zero-width joiner forms a different last character and `contains` would miss it.
/// A secret's bytes inside valid UTF-8 always start and end on scalar boundaries, so
/// replacing them keeps the text valid.
public enum Redaction {
    public static let replacement = "***"

    /// The run's redactor, bound by the tool for the duration of a run, so that code
    /// which shortens untrusted text (error bodies, quoted inputs) can remove secrets
    /// before it cuts: a token cut in half would no longer match afterwards.
    @TaskLocal public static var active: (@Sendable (String) -> String)?

    /// `text` with the run's secrets removed; call it before truncating anything that
    /// may be printed. Outside a run it returns `text` unchanged.
    public static func beforeTruncating(_ text: String) -> String {
        active?(text) ?? text
    }

    /// Replaces every occurrence of each secret's bytes with `replacement`. Secrets
    /// are tried in the order given (longest first, so one containing another goes whole).
    public static func remove(_ secrets: [[UInt8]], from text: String) -> String {
        var bytes = Array(text.utf8)
        var changed = false
        for secret in secrets where !secret.isEmpty && secret.count <= bytes.count {
            guard let first = firstMatch(of: secret, in: bytes, from: 0) else { continue }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var start = 0
            var match: Int? = first
            while let found = match {
                result += bytes[start..<found]
                result += replacement.utf8
                start = found + secret.count
                match = firstMatch(of: secret, in: bytes, from: start)
            }
            result += bytes[start...]
            bytes = result
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    private static func firstMatch(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let head = needle.first, haystack.count - start >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == head && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}

extension String {
    /// The longest prefix of at most `limit` UTF-8 bytes that ends on a scalar boundary.
    public func utf8Prefix(_ limit: Int) -> String {
        let bytes = Array(utf8)
        guard bytes.count > limit else { return self }
        var cut = Swift.max(0, limit)
        while cut > 0 && (bytes[cut] & 0xC0) == 0x80 { cut -= 1 }
        return String(decoding: bytes[..<cut], as: UTF8.self)
    }
}
