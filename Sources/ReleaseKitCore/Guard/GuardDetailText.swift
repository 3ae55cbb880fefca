/// Makes untrusted text (commit subjects, branch names, logins) safe to place inside
/// the one-line `detail` sentence.
///
/// `detail` becomes a step output, a log line and a summary cell. The caller escapes it
/// for each of those, but it must stay one line whatever the payload holds: a newline
/// in a branch name or commit subject would otherwise break the sentence apart. So
/// line breaks and other control characters become spaces, and long values are cut
/// with an ellipsis.
enum GuardDetailText {
    /// Longest value shown, in characters; longer values end in "…".
    static let limit = 72

    /// `value` on one line, truncated, in double quotes (inner quotes escaped).
    static func quoted(_ value: String, limit: Int = limit) -> String {
        "\"" + oneLine(value, limit: limit).replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `value` with every control or line-separator character replaced by a space and
    /// runs of them collapsed, cut to `limit` characters.
    static func oneLine(_ value: String, limit: Int = limit) -> String {
        var text = ""
        var lastWasBreak = false
        // Redact before cutting, so a secret cut in half cannot survive as its first part.
        for character in Redaction.beforeTruncating(value) {
            let isBreak = character.unicodeScalars.contains { scalar in
                scalar.properties.generalCategory == .control
                    || scalar.properties.generalCategory == .lineSeparator
                    || scalar.properties.generalCategory == .paragraphSeparator
            }
            if isBreak {
                if !lastWasBreak { text.append(" ") }
                lastWasBreak = true
            } else {
                text.append(character)
                lastWasBreak = false
            }
        }
        if text.count > limit {
            text = String(text.prefix(limit - 1)) + "…"
        }
        return text
    }

    /// `"a", "b", "c"` for listing configured values.
    static func list(_ values: [String]) -> String {
        values.map { quoted($0) }.joined(separator: ", ")
    }
}
