/// Escaping for the GitHub Actions workflow-command protocol.
///
/// The runner reads `::name props::data` at the start of a line and the legacy
/// `##[name ...]` form anywhere in a line, on stdout and stderr alike. Anything we
/// print that came from a commit, a branch, a tag or an API body must not be able to
/// start such a command, so every message passes through here before it is printed.
public enum WorkflowCommandEscaping {
    /// Escapes a command's data part as the runner expects (it reverses `%25`, `%0D`,
    /// `%0A`), and breaks up `##[` so the legacy form cannot fire either.
    public static func data(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return breakLegacyCommands(escaped)
    }

    /// Escapes a property value (`title=`, `file=`): data escaping plus `:` and `,`,
    /// which delimit properties.
    public static func property(_ text: String) -> String {
        data(text)
            .replacingOccurrences(of: ":", with: "%3A")
            .replacingOccurrences(of: ",", with: "%2C")
    }

    /// A plain log line that carries untrusted text: newlines cannot start a new line,
    /// `##[` cannot fire, and a leading `::` cannot be read as a command.
    public static func logLine(_ text: String) -> String {
        let escaped = data(text)
        if escaped.hasPrefix("::") { return ":%3A" + escaped.dropFirst(2) }
        return escaped
    }

    private static func breakLegacyCommands(_ text: String) -> String {
        guard text.contains("##[") else { return text }
        return text.replacingOccurrences(of: "##[", with: "#%23[")
    }
}
