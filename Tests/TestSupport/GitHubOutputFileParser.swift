import Foundation

/// Reads a `GITHUB_OUTPUT`-style file the way the Actions runner does on Linux, so
/// tests can prove what a workflow would actually receive.
///
/// Rules (actions/runner's file-command reader): lines end at `\n` only; empty lines
/// are skipped; on each line whichever of `=` or `<<` comes first decides the form;
/// a heredoc ends at the first line exactly equal to its delimiter, and the value
/// excludes the newline before it; a missing delimiter or an empty name is an error.
public enum GitHubOutputFileParser {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public static func parse(_ text: String) throws -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        // Split on the LF byte, as the runner does: Swift's Character view would keep
        // "\r\n" together as one grapheme and disagree with it.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }[...]
        // A trailing newline yields one empty final piece, which is not a line.
        if lines.last == "" { lines = lines.dropLast() }
        while let line = lines.first {
            lines = lines.dropFirst()
            if line.isEmpty { continue }
            let equals = line.range(of: "=", options: .literal)?.lowerBound
            let heredoc = line.range(of: "<<", options: .literal)?.lowerBound
            if let equals, heredoc == nil || equals < heredoc! {
                let name = String(line[..<equals])
                guard !name.isEmpty else { throw ParseError(description: "empty name in line \(line)") }
                result.append((name, String(line[line.index(after: equals)...])))
            } else if let heredoc {
                let name = String(line[..<heredoc])
                let delimiter = String(line[line.index(heredoc, offsetBy: 2)...])
                guard !name.isEmpty else { throw ParseError(description: "empty name in line \(line)") }
                guard !delimiter.isEmpty else { throw ParseError(description: "empty delimiter for \(name)") }
                var valueLines: [String] = []
                var closed = false
                while let next = lines.first {
                    lines = lines.dropFirst()
                    if next == delimiter { closed = true; break }
                    valueLines.append(next)
                }
                guard closed else { throw ParseError(description: "matching delimiter not found for \(name)") }
                result.append((name, valueLines.joined(separator: "\n")))
            } else {
                throw ParseError(description: "invalid format: \(line)")
            }
        }
        return result
    }
}
