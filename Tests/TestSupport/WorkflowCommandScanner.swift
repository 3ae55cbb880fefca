import Foundation

/// Reads log text the way the Actions runner looks for commands (actions/runner,
/// `ActionCommand.TryParseV2` then `TryParse`), so tests catch what the runner would act on:
/// - lines end at `\n`, `\r` or `\r\n` (.NET `ReadLine`);
/// - leading .NET whitespace (tab, NBSP, U+3000, …) is trimmed before looking for `::`;
/// - failing that, the legacy `##[name props]data` is found anywhere in the line;
/// - the comparisons are culture-sensitive, which skips default-ignorable code points
///   (U+200D, U+200B, U+FEFF, …), so the scanner skips them too;
/// - lines between `::stop-commands::TOKEN` and `::TOKEN::` are inert.
///
/// It reports every line the runner would try to parse as a command, whatever the
/// name, which is stricter than the runner (it drops unregistered names): a test
/// that sees no command here sees none in Actions.
public struct WorkflowCommandScanner {
    public struct Command: Equatable, Sendable {
        public var name: String
        public var properties: String
        public var data: String
    }

    public static func commands(in text: String) -> [Command] {
        var found: [Command] = []
        var stopToken: String?
        for line in lines(of: text) {
            let command = v2Command(in: line) ?? legacyCommand(in: line)
            if let token = stopToken {
                if let command, command.name.lowercased() == token.lowercased() { stopToken = nil }
                continue
            }
            guard let command else { continue }
            if command.name == "stop-commands" { stopToken = command.data }
            found.append(command)
        }
        return found
    }

    /// The runner's lines: split at CR, LF and CRLF.
    public static func lines(of text: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(current)
                current = []
            } else {
                current.append(scalar)
            }
        }
        lines.append(current)
        return lines
    }

    /// `::name props::data` after leading whitespace (ignorables skipped in `::`).
    static func v2Command(in line: [Unicode.Scalar]) -> Command? {
        var index = line.firstIndex { !isDotNetWhitespace($0) } ?? line.endIndex
        for _ in 0..<2 {
            while index < line.endIndex, line[index].properties.isDefaultIgnorableCodePoint { index += 1 }
            guard index < line.endIndex, line[index] == ":" else { return nil }
            index += 1
        }
        let rest = Array(line[index...])
        guard let end = (0..<max(0, rest.count - 1)).first(where: { rest[$0] == ":" && rest[$0 + 1] == ":" }) else { return nil }
        return command(head: rest[..<end], data: rest[(end + 2)...])
    }

    /// `##[name props]data` anywhere in the line (ignorables skipped in `##[`).
    static func legacyCommand(in line: [Unicode.Scalar]) -> Command? {
        let significant = line.indices.filter { !line[$0].properties.isDefaultIgnorableCodePoint }
        guard significant.count >= 3 else { return nil }
        for position in 0...(significant.count - 3)
        where line[significant[position]] == "#" && line[significant[position + 1]] == "#" && line[significant[position + 2]] == "[" {
            let start = significant[position + 2] + 1
            guard let close = line[start...].firstIndex(of: "]") else { return nil }
            return command(head: line[start..<close], data: line[(close + 1)...])
        }
        return nil
    }

    private static func command(head: ArraySlice<Unicode.Scalar>, data: ArraySlice<Unicode.Scalar>) -> Command {
        let text = String(String.UnicodeScalarView(head))
        let parts = text.split(separator: " ", maxSplits: 1)
        return Command(name: parts.first.map(String.init) ?? "", properties: parts.count > 1 ? String(parts[1]) : "",
                       data: String(String.UnicodeScalarView(data)))
    }

    /// `Char.IsWhiteSpace`, which the runner's `TrimStart()` uses.
    static func isDotNetWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// What the runner shows for an annotation's data.
    public static func unescapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%25", with: "%")
    }

    /// Leading whitespace and joiner tricks, for tables of tests: each is put before
    /// a command, or inside `##[`, to check it cannot fire.
    public static let disguises: [String] = [
        "", " ", "   ", "\t", "\u{A0}", "\u{3000}", "\u{2003}", "\u{200D}", "\u{200B}", "\u{FEFF}", " \t\u{A0}",
    ]

    /// Untrusted texts that would issue a command if printed raw on some line.
    public static let forgeries: [String] = disguises.flatMap { (prefix: String) -> [String] in
        let warning: String = prefix + "::warning::forged"
        let afterCR: String = "text \r" + prefix + "::error::forged"
        // Between the characters of `##[` only ignorables keep it a command.
        let joiner: String = String(String.UnicodeScalarView(prefix.unicodeScalars.filter(\.properties.isDefaultIgnorableCodePoint)))
        let legacy: String = "x #" + joiner + "#[error]forged"
        let afterCRLF: String = "a\r\n" + prefix + "::add-mask::x"
        return [warning, afterCR, legacy, "feat: x ##[error]forged", afterCRLF]
    }
}
