import Foundation

/// Appends Markdown to the job summary (`GITHUB_STEP_SUMMARY`), keeping the step's
/// file under GitHub's 1 MiB limit: past it GitHub drops the whole summary, so we
/// cut ours short with a visible note instead. Elsewhere it does nothing.
public struct StepSummary: Sendable {
    public static let limit = 1024 * 1024
    public let path: String?
    public let fileSystem: FileSystem
    public let redactor: SecretRedactor
    public let limit: Int

    public init(path: String?, fileSystem: FileSystem, redactor: SecretRedactor, limit: Int = StepSummary.limit) {
        self.path = (path?.isEmpty ?? true) ? nil : path
        self.fileSystem = fileSystem
        self.redactor = redactor
        self.limit = limit
    }

    public var isEnabled: Bool { path != nil }

    /// Appends `markdown` (and a newline). Returns false when it had to be truncated.
    @discardableResult
    public func append(_ markdown: String) throws -> Bool {
        guard let path else { return true }
        var text = redactor.redact(markdown)
        if !text.hasSuffix("\n") { text += "\n" }
        let used = fileSystem.size(of: path) ?? 0
        let bytes = Array(text.utf8)
        if used + bytes.count <= limit {
            try fileSystem.append(Data(bytes), to: path)
            return true
        }
        let note = "\n\n> **Note:** this summary was truncated to stay under GitHub's 1 MiB step-summary limit.\n"
        let room = limit - used - note.utf8.count
        guard room > 0 else { return false }
        // Never split a UTF-8 sequence; the text was redacted above, before this cut.
        try fileSystem.append(Data(text.utf8Prefix(room).utf8) + Data(note.utf8), to: path)
        return false
    }

    /// Escapes text for a Markdown table cell: pipes, newlines and HTML cannot break
    /// the table or inject markup.
    public static func cell(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|": result += "\\|"
            case "\n", "\r\n", "\r": result += " "
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "`": result += "\\`"
            default: result.append(character)
            }
        }
        return result
    }

    /// A Markdown table from a header row and rows of cells (escaped here).
    public static func table(header: [String], rows: [[String]]) -> String {
        var lines = ["| " + header.map(cell).joined(separator: " | ") + " |",
                     "|" + header.map { _ in " --- " }.joined(separator: "|") + "|"]
        for row in rows {
            lines.append("| " + row.map(cell).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
