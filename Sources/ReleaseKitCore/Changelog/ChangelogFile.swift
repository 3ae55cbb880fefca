/// Puts rendered release sections into an existing CHANGELOG.md (`--prepend`).
///
/// - New sections go after the file's header, i.e. before its first `## `
///   heading (headings inside fenced code blocks do not count).
/// - A section whose version is already in the file replaces it in place, so a
///   re-run never duplicates a release.
/// - An `## [Unreleased]` section becomes the new version's section instead of
///   staying above it (git-cliff #544 left both).
/// - Everything else keeps its bytes. Link reference definitions at the end of a
///   replaced section (Keep a Changelog's `[1.0.0]: …` lines at the bottom of the
///   file) are kept, except the replaced version's own.
/// - A missing or empty file gets `standardHeader`.
public enum ChangelogFile {
    public static let standardHeader = """
        # Changelog

        All notable changes to this project are documented in this file.
        The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).

        """

    /// A section of the document: its key (see `key(ofHeading:)`) and its lines,
    /// each with its line ending.
    struct Chunk {
        var key: String?
        var lines: [Substring]
    }

    /// The merged document. `sections` are rendered sections, newest first, each
    /// starting with its `## ` heading.
    public static func merge(existing: String?, sections: [String]) -> String {
        let source = existing ?? ""
        let hasContent = source.contains { !$0.isWhitespace }
        var (header, chunks) = split(hasContent ? source : standardHeader)
        let new = sections.map { text -> Chunk in
            let (preamble, parsed) = split(text)
            // A rendered section always starts with its heading; text before one
            // (a template without headings) is kept as an unnamed chunk.
            return parsed.first.map { Chunk(key: $0.key, lines: preamble + $0.lines + parsed.dropFirst().flatMap(\.lines)) }
                ?? Chunk(key: nil, lines: preamble)
        }

        var cursor = 0
        var unreleased = chunks.firstIndex { $0.key == unreleasedKey }
        for section in new {
            if let key = section.key, let index = chunks.firstIndex(where: { $0.key == key }) {
                chunks[index] = replacing(chunks[index], with: section)
                if index == unreleased { unreleased = nil }
                cursor = index + 1
            } else if section.key != unreleasedKey, let index = unreleased {
                chunks[index] = replacing(chunks[index], with: section)
                unreleased = nil
                cursor = index + 1
            } else {
                let position = insertionPoint(for: section, in: chunks, from: cursor)
                chunks.insert(section, at: position)
                if let index = unreleased, index >= position { unreleased = index + 1 }
                cursor = position + 1
            }
        }

        var text = header.joined()
        for chunk in chunks {
            if !text.isEmpty {
                if !endsWithNewline(text) { text += "\n" }
                if !endsWithBlankLine(text) { text += "\n" }
            }
            text += chunk.lines.joined()
        }
        if !endsWithNewline(text) { text += "\n" }
        return text
    }

    // Byte checks: "\r\n" is one Character, so `hasSuffix("\n\n")` misses CRLF files.
    static func endsWithNewline(_ text: String) -> Bool { text.utf8.last == UInt8(ascii: "\n") }

    static func endsWithBlankLine(_ text: String) -> Bool {
        let tail = text.utf8.suffix(3)
        return tail.elementsEqual("\n\r\n".utf8) || tail.suffix(2).elementsEqual("\n\n".utf8)
    }

    static let unreleasedKey = "unreleased"

    /// Where a section that is not in the file yet goes: at `cursor` (the top, or
    /// right after the previous new section), unless the file already lists newer
    /// versions there — an older release rendered later goes below them, before
    /// the first older one.
    static func insertionPoint(for section: Chunk, in chunks: [Chunk], from cursor: Int) -> Int {
        guard let version = section.key.flatMap({ Version.parseIfValid($0) }) else { return cursor }
        var position = cursor
        for index in chunks.indices.dropFirst(cursor) {
            guard let other = chunks[index].key.flatMap({ Version.parseIfValid($0) }) else { continue }
            switch ReleaseRank.precedence(of: other, comparedTo: version) {
            case .higher: position = index + 1
            case .lower: return position
            case .same, nil: continue
            }
        }
        return position
    }

    /// The version a `## ` heading names, for matching sections: the text in the
    /// first brackets, else the first word; lowercased, one leading `v` before a
    /// digit dropped. `## [1.2.3] - 2026-01-31`, `## v1.2.3 (2026-01-31)` and
    /// `## [1.2.3](https://…) (2026-01-31)` all give `1.2.3`.
    static func key(ofHeading line: Substring) -> String? {
        var rest = line.dropFirst(3)
        while rest.first == " " || rest.first == "\t" { rest = rest.dropFirst() }
        let name: Substring
        if rest.first == "[", let close = rest.firstIndex(of: "]") {
            name = rest[rest.index(after: rest.startIndex)..<close]
        } else {
            name = rest.prefix { !$0.isWhitespace }
        }
        return normalize(name)
    }

    static func normalize(_ name: Substring) -> String? {
        var key = name.lowercased()
        while key.last?.isWhitespace == true { key.removeLast() }
        if key.first == "v", key.dropFirst().first?.isNumber == true { key.removeFirst() }
        return key.isEmpty ? nil : key
    }

    /// The label of a link reference definition line (`[1.2.3]: https://…`).
    static func linkLabel(_ line: Substring) -> String? {
        guard line.first == "[", let close = line.firstIndex(of: "]"),
              line[line.index(after: close)...].hasPrefix(":") else { return nil }
        return normalize(line[line.index(after: line.startIndex)..<close])
    }

    /// The replacement for `old`: `new`, followed by the link reference lines
    /// that ended `old` and do not define either section's own version.
    static func replacing(_ old: Chunk, with new: Chunk) -> Chunk {
        var end = old.lines.count
        while end > 0, isBlank(old.lines[end - 1]) { end -= 1 }
        var start = end
        while start > 1, linkLabel(old.lines[start - 1]) != nil { start -= 1 }
        let kept = old.lines[start..<end].filter { line in
            let label = linkLabel(line)
            return label != old.key && label != new.key
        }
        guard !kept.isEmpty else { return new }
        var lines = new.lines
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        if let last = lines.last, last.utf8.last != UInt8(ascii: "\n") { lines[lines.count - 1] = last + "\n" }
        lines.append("\n")
        lines.append(contentsOf: kept.map { $0.utf8.last == UInt8(ascii: "\n") ? $0 : $0 + "\n" })
        return Chunk(key: new.key, lines: lines)
    }

    static func isBlank(_ line: Substring) -> Bool { line.allSatisfy(\.isWhitespace) }

    /// The lines before the first `## ` heading, and the sections from there on.
    static func split(_ text: String) -> (header: [Substring], chunks: [Chunk]) {
        var header: [Substring] = []
        var chunks: [Chunk] = []
        var fence: Substring?
        for line in lines(of: text) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
            } else if line.hasPrefix("## ") {
                chunks.append(Chunk(key: key(ofHeading: line), lines: [line]))
                continue
            }
            if chunks.isEmpty { header.append(line) } else { chunks[chunks.count - 1].lines.append(line) }
        }
        return (header, chunks)
    }

    /// Lines with their `\n` (the last one may have none).
    static func lines(of text: String) -> [Substring] {
        var result: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == UInt8(ascii: "\n") {
                result.append(Substring(utf8[start..<next]))
                start = next
            }
            index = next
        }
        if start < utf8.endIndex { result.append(Substring(utf8[start...])) }
        return result
    }
}
