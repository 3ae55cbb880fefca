/// Error messages echo the offending input, which may be anything a user or a CI
/// payload supplied: control characters are escaped so the message stays on one
/// line, and very long input is shortened so a pasted file cannot flood the log.
public func quotedInput<S: StringProtocol>(_ text: S, limit: Int = 120) -> String {
    // Redact before cutting, so a secret cut in half cannot survive as its first part.
    let whole = Redaction.beforeTruncating(String(text))
    let shown = whole.count > limit ? String(whole.prefix(limit)) + "…" : whole
    return String(reflecting: shown)
}
