/// Escaping for the GitHub Actions workflow-command protocol.
///
/// How the runner reads a line (actions/runner, `ActionCommand.TryParseV2` and
/// `TryParse`), which is what every rule here follows:
/// - it splits output into lines at `\n`, `\r` and `\r\n` (.NET `ReadLine`), so a bare
///   `\r` starts a new line as much as `\n` does;
/// - it trims leading whitespace as .NET's `TrimStart()` does (tab, NBSP, U+3000 and the
///   other Unicode spaces, not only ASCII space) and then looks for `::` at the start;
/// - failing that, it looks for the legacy `##[` anywhere in the line;
/// - both lookups are culture-sensitive string comparisons, which skip default-ignorable
///   code points such as U+200D, so `#\u{200D}#[` and `\u{200B}::` count as well.
///
/// Anything we print that came from a commit, a branch, a tag, a payload or an API
/// body must not be able to start such a command, so every line the tools print
/// passes through `inert(_:spelling:)`, the one rule, spelled for its context.
public enum WorkflowCommandEscaping {
    /// How an escaped character is written: in log text the runner's own `%XX`
    /// (annotation data is unescaped by the runner; plain lines show it as is), in
    /// JSON the `\uXXXX` escape, which every JSON reader decodes to the same text.
    public enum Spelling: Sendable {
        case percent
        case json
    }

    /// `text` with every place the runner would start a command broken: the second
    /// `:` of a `::` that begins a line (after whitespace and ignorables), and the
    /// second `#` of every `##[`. Line breaks are kept; nothing else changes.
    public static func inert(_ text: String, spelling: Spelling = .percent) -> String {
        inert(text, spelling: spelling, startsLine: true)
    }

    /// `startsLine` is false for text that follows something else on its line (the
    /// data after `::name::`), where only the legacy form and later lines can fire.
    private static func inert(_ text: String, spelling: Spelling, startsLine: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { $0 == ":" || $0 == "#" }) else { return text }
        var result = String.UnicodeScalarView()
        var atLineStart = startsLine
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                result.append(scalar)
                atLineStart = true
                index += 1
                continue
            }
            if atLineStart {
                if isLeadingSkip(scalar) {
                    result.append(scalar)
                    index += 1
                    continue
                }
                atLineStart = false
                if scalar == ":", let second = next(after: index, in: scalars), scalars[second] == ":" {
                    result.append(contentsOf: scalars[index..<second])
                    result.append(contentsOf: escaped(":", spelling).unicodeScalars)
                    index = second + 1
                    continue
                }
            }
            if scalar == "#", let second = next(after: index, in: scalars), scalars[second] == "#",
               let bracket = next(after: second, in: scalars), scalars[bracket] == "[" {
                result.append(contentsOf: scalars[index..<second])
                result.append(contentsOf: escaped("#", spelling).unicodeScalars)
                index = second + 1
                continue
            }
            result.append(scalar)
            index += 1
        }
        return String(result)
    }

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
    /// `##[` cannot fire, and a leading `::` (after any whitespace) cannot be read as
    /// a command.
    public static func logLine(_ text: String) -> String {
        inert(data(text))
    }

    /// Data never begins a line (it follows `::name::`) and holds no line break once
    /// escaped, so of the one rule only the anywhere-in-a-line legacy form applies.
    private static func breakLegacyCommands(_ text: String) -> String {
        inert(text, spelling: .percent, startsLine: false)
    }

    private static func escaped(_ character: Character, _ spelling: Spelling) -> String {
        let value = character.unicodeScalars.first!.value
        switch spelling {
        case .percent: return "%" + hex(value, width: 2)
        case .json: return "\\u" + hex(value, width: 4)
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The next scalar after `index` that the runner's comparison does not skip.
    private static func next(after index: Int, in scalars: [Unicode.Scalar]) -> Int? {
        var position = index + 1
        while position < scalars.count, isIgnorable(scalars[position]) { position += 1 }
        return position < scalars.count ? position : nil
    }

    /// What the runner passes over before looking for `::`: .NET whitespace, and the
    /// ignorables its culture-sensitive `StartsWith` skips.
    private static func isLeadingSkip(_ scalar: Unicode.Scalar) -> Bool {
        isDotNetWhitespace(scalar) || isIgnorable(scalar)
    }

    /// `Char.IsWhiteSpace` in .NET, which `String.TrimStart()` uses (line breaks are
    /// handled before this, as the runner splits lines first).
    public static func isDotNetWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Default-ignorable code points (joiners, zero-width spaces, bidi controls,
    /// variation selectors, the BOM, soft hyphen): a culture-sensitive comparison treats
    /// them as absent, so `#\u{200D}#[` matches `##[` for the runner.
    public static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isDefaultIgnorableCodePoint
    }
}
