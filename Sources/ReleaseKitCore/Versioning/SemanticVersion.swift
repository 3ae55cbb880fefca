/// A version under Semantic Versioning 2.0.0 (https://semver.org).
///
/// Parsing is strict on purpose: a release pipeline that quietly accepts `1.2` or
/// `01.2.3` would publish versions other SemVer tools reject. Numbers are
/// ``VersionNumber`` so no input, however long, can trap.
///
/// Equality is structural: `1.0.0+a` and `1.0.0+b` are different values (they
/// are different tags), although SemVer gives them the same precedence. `<` orders
/// by precedence and breaks precedence ties by build metadata only so that it
/// stays a total order consistent with `==`; code that must follow the spec's
/// "build metadata is ignored" rule uses ``precedence(comparedTo:)``.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// One dot-separated prerelease identifier. The split matters because numeric
    /// identifiers compare as numbers and rank below alphanumeric ones.
    public enum PrereleaseIdentifier: Sendable, Hashable, Comparable, CustomStringConvertible {
        case numeric(VersionNumber)
        case alphanumeric(String)

        /// Classifies an identifier exactly as the SemVer grammar does; `nil` when
        /// it is empty, has a character outside `[0-9A-Za-z-]`, or is numeric with
        /// a leading zero.
        public init?<S: StringProtocol>(_ text: S) {
            guard !text.isEmpty, text.utf8.allSatisfy(SemanticVersion.isIdentifierByte) else { return nil }
            if text.utf8.allSatisfy(SemanticVersion.isDigit) {
                guard text.utf8.count == 1 || text.utf8.first != UInt8(ascii: "0"),
                      let number = VersionNumber(digits: text) else { return nil }
                self = .numeric(number)
            } else {
                self = .alphanumeric(String(text))
            }
        }

        public var description: String {
            switch self {
            case .numeric(let number): number.description
            case .alphanumeric(let text): text
            }
        }

        /// Numeric below alphanumeric; numbers numerically; text in ASCII order.
        public static func < (lhs: Self, rhs: Self) -> Bool {
            switch (lhs, rhs) {
            case (.numeric(let left), .numeric(let right)): left < right
            case (.numeric, .alphanumeric): true
            case (.alphanumeric, .numeric): false
            case (.alphanumeric(let left), .alphanumeric(let right)):
                left.utf8.lexicographicallyPrecedes(right.utf8)
            }
        }
    }

    public let major: VersionNumber
    public let minor: VersionNumber
    public let patch: VersionNumber
    /// Empty for a normal (final) version.
    public let prerelease: [PrereleaseIdentifier]
    /// Build metadata identifiers, kept verbatim (leading zeros are allowed here).
    public let build: [String]

    /// Builds a version from parts; throws `InputError` when a build identifier
    /// breaks the grammar, so every value can be printed and parsed back.
    public init(
        major: VersionNumber, minor: VersionNumber, patch: VersionNumber,
        prerelease: [PrereleaseIdentifier] = [], build: [String] = []
    ) throws {
        for identifier in build where !Self.isValidBuildIdentifier(identifier) {
            throw InputError("\(quotedInput(identifier)) is not a valid SemVer build identifier: expected one or more of [0-9A-Za-z-]")
        }
        self.init(unchecked: major, minor, patch, prerelease, build)
    }

    private init(
        unchecked major: VersionNumber, _ minor: VersionNumber, _ patch: VersionNumber,
        _ prerelease: [PrereleaseIdentifier], _ build: [String]
    ) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.build = build
    }

    /// Parses SemVer 2.0.0 text exactly: no surrounding whitespace, no `v` prefix.
    /// Throws `InputError` naming the text and what was wrong with it.
    public init(parsing text: String) throws {
        switch Self.parse(text) {
        case .success(let version): self = version
        case .failure(let reason):
            throw InputError("\(quotedInput(text)) is not a valid SemVer 2.0.0 version (\(reason.text)): expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]")
        }
    }

    /// `nil` instead of an error, for callers that try several schemes.
    public static func parseIfValid(_ text: String) -> SemanticVersion? {
        if case .success(let version) = parse(text) { return version }
        return nil
    }

    public var isPrerelease: Bool { !prerelease.isEmpty }

    /// The prerelease identifiers as written after `-`, or `nil` for a final version.
    public var prereleaseText: String? {
        prerelease.isEmpty ? nil : prerelease.map(\.description).joined(separator: ".")
    }

    /// The build metadata as written after `+`, or `nil` when there is none.
    public var buildText: String? {
        build.isEmpty ? nil : build.joined(separator: ".")
    }

    /// The same version without prerelease and build: the release it leads to.
    public var finalRelease: SemanticVersion {
        SemanticVersion(unchecked: major, minor, patch, [], [])
    }

    /// Canonical text; for a parsed version this is exactly the input.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if let prereleaseText { text += "-" + prereleaseText }
        if let buildText { text += "+" + buildText }
        return text
    }

    /// SemVer precedence (spec item 11): build metadata does not take part.
    public func precedence(comparedTo other: SemanticVersion) -> Precedence {
        if major != other.major { return major < other.major ? .lower : .higher }
        if minor != other.minor { return minor < other.minor ? .lower : .higher }
        if patch != other.patch { return patch < other.patch ? .lower : .higher }
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return .same
        case (true, false): return .higher
        case (false, true): return .lower
        case (false, false):
            if prerelease == other.prerelease { return .same }
            return prerelease.lexicographicallyPrecedes(other.prerelease) ? .lower : .higher
        }
    }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        switch lhs.precedence(comparedTo: rhs) {
        case .lower: return true
        case .higher: return false
        case .same:
            // Tie-break only so that `<` agrees with structural `==`.
            return lhs.build.lexicographicallyPrecedes(rhs.build) {
                $0.utf8.lexicographicallyPrecedes($1.utf8)
            }
        }
    }

    // MARK: - Grammar

    /// Why text is not SemVer. The message is built only when asked for: scanning
    /// thousands of tags rejects most candidates, and formatting every rejection
    /// would dominate the scan.
    struct Reason: Error {
        private let message: @Sendable () -> String
        init(text: @autoclosure @escaping @Sendable () -> String) { message = text }
        var text: String { message() }
    }

    private static func parse(_ text: String) -> Result<SemanticVersion, Reason> {
        let utf8 = text.utf8
        // Everything valid is ASCII; rejecting the rest first also keeps the
        // index arithmetic below on scalar (not grapheme) boundaries.
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            return .failure(Reason(text: "only ASCII characters are allowed"))
        }
        var rest = Substring(text)
        var build: [String] = []
        if let plus = utf8.firstIndex(of: UInt8(ascii: "+")) {
            let metadata = text[text.index(after: plus)...]
            guard !metadata.isEmpty else { return .failure(Reason(text: "empty build metadata after \"+\"")) }
            for identifier in metadata.split(separator: ".", omittingEmptySubsequences: false) {
                guard isValidBuildIdentifier(identifier) else {
                    return .failure(Reason(text: identifier.isEmpty
                        ? "empty build identifier"
                        : "build identifier \(quotedInput(identifier)) may only hold [0-9A-Za-z-]"))
                }
                build.append(String(identifier))
            }
            rest = text[..<plus]
        }
        var prerelease: [PrereleaseIdentifier] = []
        if let dash = rest.utf8.firstIndex(of: UInt8(ascii: "-")) {
            let identifiers = rest[rest.index(after: dash)...]
            guard !identifiers.isEmpty else { return .failure(Reason(text: "empty prerelease after \"-\"")) }
            for identifier in identifiers.split(separator: ".", omittingEmptySubsequences: false) {
                guard let parsed = PrereleaseIdentifier(identifier) else {
                    return .failure(Reason(text: prereleaseProblem(identifier)))
                }
                prerelease.append(parsed)
            }
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3 else {
            return .failure(Reason(text: "the core must be three dot-separated numbers, found \(core.count) part\(core.count == 1 ? "" : "s")"))
        }
        var numbers: [VersionNumber] = []
        for (name, part) in zip(["major", "minor", "patch"], core) {
            guard !part.isEmpty, part.utf8.allSatisfy(isDigit), let number = VersionNumber(digits: part) else {
                return .failure(Reason(text: "\(name) \(quotedInput(part)) is not a number"))
            }
            guard part.utf8.count == 1 || part.utf8.first != UInt8(ascii: "0") else {
                return .failure(Reason(text: "\(name) \(quotedInput(part)) has a leading zero"))
            }
            numbers.append(number)
        }
        return .success(SemanticVersion(unchecked: numbers[0], numbers[1], numbers[2], prerelease, build))
    }

    private static func prereleaseProblem(_ identifier: Substring) -> String {
        if identifier.isEmpty { return "empty prerelease identifier" }
        if !identifier.utf8.allSatisfy(isIdentifierByte) {
            return "prerelease identifier \(quotedInput(identifier)) may only hold [0-9A-Za-z-]"
        }
        return "numeric prerelease identifier \(quotedInput(identifier)) has a leading zero"
    }

    static func isValidBuildIdentifier<S: StringProtocol>(_ identifier: S) -> Bool {
        !identifier.isEmpty && identifier.utf8.allSatisfy(isIdentifierByte)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte)
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "-")
    }
}
