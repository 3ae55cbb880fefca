/// Text from bytes that may not all be UTF-8, and back, byte for byte.
///
/// A CHANGELOG.md with old entries in Latin-1 is still a file the tools edit as
/// text (render-changelog --prepend); decoding it the usual way turns every
/// invalid byte into U+FFFD, so writing it back changes bytes nobody asked to
/// change. Here each byte that is not part of a valid UTF-8 sequence becomes one
/// private-use scalar, U+10FF00 plus the byte (always 0x80 or above: ASCII is never
/// invalid), which no line, blank or heading check mistakes for anything but a
/// character; `encode` turns it back into the byte.
public enum LosslessUTF8 {
    /// The private-use scalars standing for invalid bytes 0x80...0xFF.
    static let escapes: ClosedRange<UInt32> = 0x10FF80...0x10FFFF

    /// `bytes` as text with invalid bytes escaped; nil when the bytes already hold
    /// one of the escape scalars as real text, which `encode` could not tell apart.
    public static func decode(_ bytes: [UInt8]) -> String? {
        let plain = String(decoding: bytes, as: UTF8.self)
        if plain.utf8.elementsEqual(bytes) { return containsEscapes(plain) ? nil : plain }
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let width = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
            if width > 0, index + width <= bytes.count {
                // A candidate sequence is valid exactly when it decodes back to itself.
                let candidate = bytes[index..<(index + width)]
                let decoded = String(decoding: candidate, as: UTF8.self)
                if decoded.utf8.elementsEqual(candidate), let scalar = decoded.unicodeScalars.first {
                    if escapes.contains(scalar.value) { return nil }
                    scalars.append(scalar)
                    index += width
                    continue
                }
            }
            scalars.append(Unicode.Scalar(0x10FF00 + UInt32(lead))!)
            index += 1
        }
        return String(scalars)
    }

    /// `text` as bytes, each escape scalar back to the byte it stands for.
    public static func encode(_ text: String) -> [UInt8] {
        guard containsEscapes(text) else { return Array(text.utf8) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if escapes.contains(scalar.value) {
                bytes.append(UInt8(scalar.value - 0x10FF00))
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// Whether `text` holds an escape scalar (in text that did not come from
    /// `decode`, such as rendered sections, that is real text `encode` would change).
    public static func containsEscapes(_ text: String) -> Bool {
        text.unicodeScalars.contains { escapes.contains($0.value) }
    }
}
