/// GitHub's limits on one release, which hold with or without immutability: checked on
/// the local files and notes before anything is sent, so a run never fails at the
/// 1,001st upload or after minutes of sending a file GitHub will not store.
public enum ReleaseLimits {
    /// An asset must be under 2 GiB.
    public static let maxAssetBytes: Int64 = 2 << 30
    /// A release holds at most 1,000 assets.
    public static let maxAssets = 1000
    /// The release body holds at most 125,000 characters.
    public static let maxNotesCharacters = 125_000

    /// A limit a local input breaks (exit 2): the message names the files; the edge
    /// says which flag they came from.
    public static func check(_ locals: [CreateReleaseFacts.LocalFile]) throws(InputError) {
        let large = locals.filter { $0.size >= maxAssetBytes }
        if !large.isEmpty {
            let list = large.map { "\($0.name) (\($0.size) bytes)" }.joined(separator: ", ")
            throw InputError("\(list): GitHub stores only assets under 2 GiB (\(maxAssetBytes) bytes); split the file or publish it elsewhere and link to it from the notes. Nothing was sent.")
        }
        if locals.count > maxAssets {
            throw InputError("\(locals.count) files; a GitHub release holds at most \(maxAssets) assets. Combine files into archives. Nothing was sent.")
        }
    }

    /// The assets the release would hold after this run: those there, plus the new names.
    public static func checkTotal(existing: [CreateReleaseFacts.Asset], locals: [CreateReleaseFacts.LocalFile], tag: String,
                                  temporaryPrefix: String) throws(OperationError) {
        let kept = Set(existing.filter { !$0.name.hasPrefix(temporaryPrefix) }.map(\.name))
        let total = kept.union(locals.map(\.name)).count
        guard total <= maxAssets else {
            throw OperationError("release \(tag) would hold \(total) assets (\(kept.count) there already); GitHub allows at most \(maxAssets). Nothing was uploaded. Remove assets from the release, or combine files into archives.")
        }
    }

    /// What the notes' length comes to.
    public enum Notes: Sendable, Equatable {
        case fits(String)
        /// Cut at a line boundary, with a visible note and the link to the full text.
        case truncated(String, droppedCharacters: Int)
    }

    /// Counts characters as Unicode scalars (never fewer than GitHub counts). Over the
    /// limit, truncates only when asked (`--truncate-notes`), else refuses (exit 2).
    public static func notes(_ text: String, truncate: Bool, fullChangelogURL: String, source: String) throws(InputError) -> Notes {
        let count = text.unicodeScalars.count
        guard count > maxNotesCharacters else { return .fits(text) }
        guard truncate else {
            throw InputError("\(source): the release notes are \(count) characters; GitHub allows at most \(maxNotesCharacters). Shorten them, or pass --truncate-notes to cut them with a note linking to the full changelog. Nothing was sent.")
        }
        let note = "\n\n---\n\n*These notes were truncated to fit GitHub's limit of \(maxNotesCharacters) characters. The full changelog: \(fullChangelogURL)*\n"
        let room = maxNotesCharacters - note.unicodeScalars.count
        var kept = String(String.UnicodeScalarView(text.unicodeScalars.prefix(room)))
        // Cut at the last line break, so no line (or Markdown link) is left half-written.
        if let newline = kept.lastIndex(of: "\n") { kept = String(kept[..<newline]) }
        return .truncated(kept + note, droppedCharacters: count - kept.unicodeScalars.count)
    }
}
