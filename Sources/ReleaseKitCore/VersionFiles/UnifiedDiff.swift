/// A unified diff of a file before and after an edit, for `--dry-run`.
///
/// Version edits replace text within lines, so the two sides have the same lines
/// in the same places and a line-by-line comparison is the exact diff; when the
/// line counts differ (not a case bump-version produces) the whole file is shown
/// as one replaced hunk, which is still a correct diff.
public enum UnifiedDiff {
    public static func diff(old: String, new: String, path: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let before = lines(old), after = lines(new)
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        guard before.count == after.count else {
            out += "@@ -1,\(before.count) +1,\(after.count) @@\n"
            out += before.map { "-" + $0 + "\n" }.joined() + after.map { "+" + $0 + "\n" }.joined()
            return out
        }
        let changed = before.indices.filter { before[$0] != after[$0] }
        var hunks: [ClosedRange<Int>] = []
        for line in changed {
            let range = max(0, line - context)...min(before.count - 1, line + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...range.upperBound
            } else {
                hunks.append(range)
            }
        }
        for hunk in hunks {
            out += "@@ -\(hunk.lowerBound + 1),\(hunk.count) +\(hunk.lowerBound + 1),\(hunk.count) @@\n"
            for line in hunk {
                if before[line] == after[line] {
                    out += " " + before[line] + "\n"
                } else {
                    out += "-" + before[line] + "\n" + "+" + after[line] + "\n"
                }
            }
        }
        return out
    }

    private static func lines(_ text: String) -> [String] {
        // Split on the byte: in a Swift string "\r\n" is one character, not two.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
