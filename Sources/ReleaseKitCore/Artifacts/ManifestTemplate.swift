/// A text template for a file published with the release — a Homebrew formula, winget
/// manifests — filled from the verified artifacts.
///
/// Placeholders: `{version}`, `{tag}`, `{component}`, and `{name:PATTERN}`,
/// `{sha256:PATTERN}`, `{sha512:PATTERN}`, `{url:PATTERN}` where PATTERN is an
/// `--expect`-style pattern (it may itself hold `{version}`) that must match exactly
/// one verified artifact. Anything else in braces is left alone, so Ruby, YAML and JSON
/// keep their own braces; `#{…}` (Ruby interpolation) is never a placeholder.
public struct ManifestTemplate: Sendable {
    public enum Field: String, Sendable, CaseIterable {
        case name, sha256, sha512, url
    }

    /// A reference to an artifact in the template.
    public struct Reference: Sendable, Equatable {
        public var field: Field
        public var pattern: String
        public var line: Int
    }

    enum Piece: Sendable {
        case text(String)
        case value(String, line: Int)
        case artifact(Reference)
    }

    /// Where the template came from, for messages.
    public let source: String
    private let pieces: [Piece]

    public init(text: String, source: String) {
        self.source = source
        pieces = Self.parse(text)
    }

    /// The simple placeholders the template uses, including those inside patterns.
    public var valuesUsed: Set<String> {
        var names: Set<String> = []
        for piece in pieces {
            switch piece {
            case .value(let name, _): names.insert(name)
            case .artifact(let reference): names.formUnion(ArtifactPattern.placeholders(in: reference.pattern))
            case .text: break
            }
        }
        return names
    }

    public var references: [Reference] {
        pieces.compactMap { if case .artifact(let reference) = $0 { reference } else { nil } }
    }

    /// Renders the template. `resolve` answers one artifact reference or throws.
    public func render(values: PlaceholderValues, resolve: (Reference) throws -> String) throws -> String {
        var output = ""
        for piece in pieces {
            switch piece {
            case .text(let text):
                output += text
            case .value(let name, let line):
                output += try values.require(name, in: "\(source):\(line)")
            case .artifact(let reference):
                output += try resolve(reference)
            }
        }
        return output
    }

    // MARK: parsing

    private static let simpleNames: Set<String> = ["version", "tag", "component"]

    private static func parse(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        var line = 1
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{", index == 0 || scalars[index - 1] != "#",
               let (piece, end) = placeholder(scalars, at: index, line: line) {
                if !literal.isEmpty { pieces.append(.text(literal)) }
                literal = ""
                pieces.append(piece)
                index = end + 1
                continue
            }
            if scalar == "\n" { line += 1 }
            literal.unicodeScalars.append(scalar)
            index += 1
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return pieces
    }

    /// A placeholder starting at `start`, and the index of its closing brace.
    private static func placeholder(_ scalars: [Unicode.Scalar], at start: Int, line: Int) -> (Piece, Int)? {
        var index = start + 1
        var name = ""
        while index < scalars.count, ("a"..."z").contains(scalars[index]) || ("0"..."9").contains(scalars[index]) {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard index < scalars.count else { return nil }
        if scalars[index] == "}" {
            return simpleNames.contains(name) ? (.value(name, line: line), index) : nil
        }
        guard scalars[index] == ":", let field = Field(rawValue: name) else { return nil }
        index += 1
        guard index < scalars.count, !scalars[index].properties.isWhitespace else { return nil }
        var depth = 0
        var pattern = ""
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" { return nil }
            if scalar == "{" { depth += 1 }
            if scalar == "}" {
                if depth == 0 {
                    guard !pattern.isEmpty else { return nil }
                    return (.artifact(Reference(field: field, pattern: pattern, line: line)), index)
                }
                depth -= 1
            }
            pattern.unicodeScalars.append(scalar)
            index += 1
        }
        return nil
    }
}
