/// One expected-file pattern: a path relative to the artifact directory, with placeholders
/// (`{version}`, `{component}`, `{tag}`) filled in first, then matched as a glob.
///
/// Globs: `*` any run of characters within one path segment, `?` one character, `[…]`
/// a character class (`[!…]`/`[^…]` negated, `a-z` ranges), `**` as a whole segment any
/// number of directories (zero included), `\x` a literal `x`. Matching is case-sensitive
/// and `*` also matches names starting with a dot, since release directories have no
/// hidden files a workflow means to skip. Values substituted for placeholders are
/// literal text: a version can never turn into a wildcard.
public struct ArtifactPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as given (on the command line or in the configuration).
    public let source: String
    /// The pattern with its placeholders filled in.
    public let expanded: String
    private let segments: [Segment]

    public var description: String { expanded }

    enum Segment: Sendable, Hashable {
        case anyDepth
        case glob([Token])
    }

    enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        case one
        case star
        case set(negated: Bool, ranges: [ClosedRange<UInt32>])
    }

    public init(_ source: String, values: PlaceholderValues) throws {
        self.source = source
        let (expanded, escapedText) = try Self.substitute(source, values: values)
        self.expanded = expanded
        guard !escapedText.isEmpty else { throw ArtifactPatternError(pattern: source, problem: .empty) }
        segments = try Self.compile(escapedText, source: source)
    }

    /// The placeholder names the pattern text uses (to know whether a tag must be found).
    public static func placeholders(in text: String) -> Set<String> {
        var found: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}") {
                let name = String(after[..<close])
                if PlaceholderValues.names.contains(name) { found.insert(name) }
            }
            rest = after
        }
        return found
    }

    /// Whether the pattern has no wildcard: then it names exactly one path.
    public var isLiteral: Bool {
        segments.allSatisfy {
            if case .glob(let tokens) = $0 { return tokens.allSatisfy { if case .literal = $0 { true } else { false } } }
            return false
        }
    }

    /// Whether `path` (relative, `/`-separated, no leading `./`) matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        return Self.match(segments[...], parts[...])
    }

    // MARK: placeholders

    /// Returns the expanded text for display and the same text with substituted values
    /// escaped, ready for compiling.
    private static func substitute(_ text: String, values: PlaceholderValues) throws -> (String, String) {
        var shown = ""
        var compiled = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\\", text.index(after: index) < text.endIndex {
                let next = text.index(after: index)
                shown.append(character)
                shown.append(text[next])
                compiled.append(character)
                compiled.append(text[next])
                index = text.index(after: next)
                continue
            }
            if character == "{", let close = text[index...].firstIndex(of: "}") {
                let name = String(text[text.index(after: index)..<close])
                if name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || $0 == "-" || $0 == "_" }), !name.isEmpty {
                    guard PlaceholderValues.names.contains(name) else {
                        throw ArtifactPatternError(pattern: text, problem: .unknownPlaceholder(name))
                    }
                    guard let value = values.value(of: name) else {
                        throw ArtifactPatternError(pattern: text, problem: .unknownValue(name))
                    }
                    shown += value
                    compiled += escape(value)
                    index = text.index(after: close)
                    continue
                }
            }
            shown.append(character)
            compiled.append(character)
            index = text.index(after: index)
        }
        return (shown, compiled)
    }

    /// Escapes glob syntax so a value matches only itself.
    public static func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            if "*?[]\\".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    // MARK: compiling

    private static func compile(_ text: String, source: String) throws -> [Segment] {
        var trimmed = Substring(text)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        if trimmed.hasPrefix("/") {
            throw ArtifactPatternError(pattern: source, problem: .absolute)
        }
        return try trimmed.split(separator: "/", omittingEmptySubsequences: true).map { part in
            if part == "**" { return .anyDepth }
            return .glob(try tokens(Array(part.unicodeScalars), source: source))
        }
    }

    private static func tokens(_ scalars: [Unicode.Scalar], source: String) throws -> [Token] {
        var result: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                index += 1
                guard index < scalars.count else { result.append(.literal("\\")); break }
                result.append(.literal(scalars[index]))
            case "?":
                result.append(.one)
            case "*":
                if case .star? = result.last {} else { result.append(.star) }
            case "[":
                let (token, end) = try characterClass(scalars, from: index, source: source)
                result.append(token)
                index = end
            default:
                result.append(.literal(scalar))
            }
            index += 1
        }
        return result
    }

    /// Parses `[…]` starting at `start`; returns the token and the index of its `]`.
    private static func characterClass(_ scalars: [Unicode.Scalar], from start: Int, source: String) throws -> (Token, Int) {
        var index = start + 1
        var negated = false
        if index < scalars.count, scalars[index] == "!" || scalars[index] == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while index < scalars.count {
            var scalar = scalars[index]
            if scalar == "]" && !first {
                return (.set(negated: negated, ranges: ranges), index)
            }
            first = false
            if scalar == "\\", index + 1 < scalars.count {
                index += 1
                scalar = scalars[index]
            }
            if index + 2 < scalars.count, scalars[index + 1] == "-", scalars[index + 2] != "]" {
                var upper = scalars[index + 2]
                var end = index + 2
                if upper == "\\", index + 3 < scalars.count {
                    upper = scalars[index + 3]
                    end = index + 3
                }
                guard scalar.value <= upper.value else {
                    throw ArtifactPatternError(pattern: source, problem: .reversedRange(lower: String(scalar), upper: String(upper)))
                }
                ranges.append(scalar.value...upper.value)
                index = end + 1
            } else {
                ranges.append(scalar.value...scalar.value)
                index += 1
            }
        }
        throw ArtifactPatternError(pattern: source, problem: .unclosedClass)
    }

    // MARK: matching

    private static func match(_ segments: ArraySlice<Segment>, _ parts: ArraySlice<[Unicode.Scalar]>) -> Bool {
        guard let segment = segments.first else { return parts.isEmpty }
        switch segment {
        case .anyDepth:
            let rest = segments.dropFirst()
            var remaining = parts
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        case .glob(let tokens):
            guard let part = parts.first, matchSegment(tokens[...], part[...]) else { return false }
            return match(segments.dropFirst(), parts.dropFirst())
        }
    }

    /// Matches one path segment, with the usual single-backtrack-point algorithm for `*`.
    private static func matchSegment(_ tokens: ArraySlice<Token>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        var t = tokens.startIndex
        var n = name.startIndex
        var starToken: Int?
        var starName = 0
        while n < name.endIndex {
            if t < tokens.endIndex {
                switch tokens[t] {
                case .star:
                    starToken = t
                    starName = n
                    t += 1
                    continue
                case .one:
                    t += 1
                    n += 1
                    continue
                case .literal(let scalar) where scalar == name[n]:
                    t += 1
                    n += 1
                    continue
                case .set(let negated, let ranges) where ranges.contains(where: { $0.contains(name[n].value) }) != negated:
                    t += 1
                    n += 1
                    continue
                default:
                    break
                }
            }
            guard let star = starToken else { return false }
            t = star + 1
            starName += 1
            n = starName
        }
        while t < tokens.endIndex, case .star = tokens[t] { t += 1 }
        return t == tokens.endIndex
    }
}
