/// The commit-message markers with which GitHub skips `push` and `pull_request`
/// workflow runs, recognised the way GitHub documents them ("Skipping workflow runs").
///
/// GitHub only honours them for push and pull_request runs; the guard honours them for
/// every event that carries a head commit message (notably `workflow_run`, where GitHub
/// does not), so that a commit the author marked as "no CI" cannot start a release by
/// a side door.
///
/// Two forms:
/// - A bracketed marker anywhere in the message, compared case-insensitively, with
///   exactly the spelling GitHub lists (one space inside): `[skip ci]`, `[ci skip]`,
///   `[no ci]`, `[skip actions]`, `[actions skip]`. Near misses such as `[skip-ci]`,
///   `[skipci]` or a bare `skip ci` are not in GitHub's list and are not markers.
/// - A `skip-checks:true` / `skip-checks: true` trailer. GitHub requires the trailer
///   block at the end of the message, preceded by two empty lines, with `skip-checks`
///   as its last trailer. Git's default cleanup collapses consecutive empty lines, so
///   this form only survives `git commit --cleanup=verbatim`; a message with a single
///   empty line before the trailer is not the documented form, so it is not a marker. The
///   key and value are matched as documented (lower case); trailing whitespace and the
///   message's final newlines are ignored, and CRLF is treated as LF.
public enum CommitSkipMarker {
    /// The bracketed markers, in GitHub's documented order.
    public static let bracketed = ["[skip ci]", "[ci skip]", "[no ci]", "[skip actions]", "[actions skip]"]

    /// The accepted spellings of the trailer line.
    public static let trailers = ["skip-checks:true", "skip-checks: true"]

    /// The marker `message` carries, as written in the list above, or `nil`.
    public static func find(in message: String) -> String? {
        let lowered = message.lowercased()
        if let marker = bracketed.first(where: { lowered.contains($0) }) {
            return marker
        }
        return skipChecksTrailer(in: message)
    }

    /// The `skip-checks` trailer line when the message ends with one in GitHub's
    /// required layout, else `nil`.
    static func skipChecksTrailer(in message: String) -> String? {
        // Any line break counts (Swift sees CRLF as one newline `Character`).
        var lines = message
            .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { String($0) }
        // Ignore trailing empty lines (a message usually ends in a newline).
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        guard let last = lines.last else { return nil }
        let trailer = trimmingTrailingWhitespace(last)
        guard trailers.contains(trailer) else { return nil }

        // The trailer block: the run of non-empty lines that ends the message; every line
        // in it must be a trailer (`Key: value`) for Git and GitHub to read it as one.
        var index = lines.count - 1
        while index >= 0, !isBlank(lines[index]) {
            guard isTrailerLine(lines[index]) else { return nil }
            index -= 1
        }
        // Two empty lines must precede the block.
        guard index >= 1, isBlank(lines[index]), isBlank(lines[index - 1]) else { return nil }
        return trailer
    }

    private static func isBlank(_ line: String) -> Bool {
        line.allSatisfy(\.isWhitespace)
    }

    private static func trimmingTrailingWhitespace(_ line: String) -> String {
        var line = Substring(line)
        while let last = line.last, last.isWhitespace { line.removeLast() }
        return String(line)
    }

    /// `Token: value` where the token is letters, digits and dashes (Git's trailer keys).
    private static func isTrailerLine(_ line: String) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        let key = line[..<colon]
        return !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}
