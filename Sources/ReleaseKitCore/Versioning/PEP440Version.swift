/// A Python package version under PEP 440, accepted, normalised and ordered
/// exactly as `packaging.version.Version` does.
///
/// Python projects tag releases with whatever spelling their tooling accepts
/// (`v1.0-rc.1`, `1.0preview2`, `1.0-1`), and PyPI publishes the normalised form
/// (`1.0rc1`, `1.0rc2`, `1.0.post1`). Matching packaging's behaviour rather than
/// the letter of the PEP means the version a tag names is the one PyPI will show.
///
/// Equality is structural on the normalised parts, so `1.0` and `1.0.0` are
/// different values (their canonical strings differ) even though packaging
/// considers them equal. `<` orders by packaging's rules and only breaks their
/// ties (trailing zeros in the release) so that it stays consistent with `==`;
/// ``precedence(comparedTo:)`` gives packaging's comparison itself.
public struct PEP440Version: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The normalised prerelease phases, in the order they sort.
    public enum PreReleaseLabel: String, Sendable, Hashable, Comparable, CaseIterable {
        case alpha = "a"
        case beta = "b"
        case releaseCandidate = "rc"

        private var rank: Int {
            switch self {
            case .alpha: 0
            case .beta: 1
            case .releaseCandidate: 2
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    public struct PreRelease: Sendable, Hashable, CustomStringConvertible {
        public var label: PreReleaseLabel
        public var number: VersionNumber

        public init(_ label: PreReleaseLabel, _ number: VersionNumber) {
            self.label = label
            self.number = number
        }

        public var description: String { "\(label.rawValue)\(number)" }
    }

    /// One segment of a local version label. Numbers and text are told apart
    /// because packaging compares them differently (text sorts below numbers).
    public enum LocalSegment: Sendable, Hashable, Comparable, CustomStringConvertible {
        case number(VersionNumber)
        case text(String)

        public var description: String {
            switch self {
            case .number(let number): number.description
            case .text(let text): text
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            switch (lhs, rhs) {
            case (.number(let left), .number(let right)): left < right
            case (.text, .number): true
            case (.number, .text): false
            case (.text(let left), .text(let right)): left.utf8.lexicographicallyPrecedes(right.utf8)
            }
        }
    }

    public let epoch: VersionNumber
    /// The release segment as written (never empty); `1.0` keeps its two parts.
    public let release: [VersionNumber]
    public let pre: PreRelease?
    public let post: VersionNumber?
    public let dev: VersionNumber?
    /// Local version label, lowercased, numbers without leading zeros.
    public let localSegments: [LocalSegment]?

    /// Builds a version from normalised parts. Throws `InputError` for an empty
    /// release, an empty local label or a local text segment outside `[a-z0-9]`.
    public init(
        epoch: VersionNumber = .zero, release: [VersionNumber], pre: PreRelease? = nil,
        post: VersionNumber? = nil, dev: VersionNumber? = nil, local: [LocalSegment]? = nil
    ) throws {
        guard !release.isEmpty else {
            throw InputError("a PEP 440 release segment is empty: expected at least one number, as in 1 or 1.0")
        }
        if let local {
            guard !local.isEmpty else {
                throw InputError("a PEP 440 local version label is empty: expected one or more segments of [a-z0-9]")
            }
            for case .text(let text) in local
            where text.isEmpty || !text.utf8.allSatisfy({ Self.isLowerAlphanumeric($0) }) || text.utf8.allSatisfy(Self.isDigit) {
                throw InputError("\(quotedInput(text)) is not a valid PEP 440 local text segment: expected lowercase [a-z0-9] with at least one letter")
            }
        }
        self.init(unchecked: epoch, release, pre, post, dev, local)
    }

    private init(
        unchecked epoch: VersionNumber, _ release: [VersionNumber], _ pre: PreRelease?,
        _ post: VersionNumber?, _ dev: VersionNumber?, _ local: [LocalSegment]?
    ) {
        self.epoch = epoch
        self.release = release
        self.pre = pre
        self.post = post
        self.dev = dev
        localSegments = local
    }

    /// Parses any spelling packaging accepts. Throws `InputError` naming the text.
    public init(parsing text: String) throws {
        guard let version = Self.parseIfValid(text) else {
            throw InputError("\(quotedInput(text)) is not a valid PEP 440 version: expected [v][N!]N(.N)*[{a|b|rc}N][.postN][.devN][+LOCAL], e.g. 1.0, 2!1.0rc1, 1.0.post1.dev2+ubuntu.1")
        }
        self = version
    }

    /// `nil` instead of an error, for callers that try several schemes.
    public static func parseIfValid(_ text: String) -> PEP440Version? {
        var parser = Parser(text)
        return parser?.parse()
    }

    // MARK: - Derived facts

    /// Pre-release or development release: what pip skips unless asked.
    public var isPrerelease: Bool { pre != nil || dev != nil }
    public var isDevRelease: Bool { dev != nil }
    public var isPostRelease: Bool { post != nil }

    /// The local label as packaging prints it (`ubuntu.1`), or `nil`.
    public var local: String? {
        localSegments.map { $0.map(\.description).joined(separator: ".") }
    }

    /// The version without its local label: what an index such as PyPI accepts.
    public var publicVersion: PEP440Version {
        PEP440Version(unchecked: epoch, release, pre, post, dev, nil)
    }

    /// Epoch and release only: the final release this version belongs to.
    public var baseVersion: PEP440Version {
        PEP440Version(unchecked: epoch, release, nil, nil, nil, nil)
    }

    /// Release numbers padded with zeros (or cut) to `count` parts, as `major`,
    /// `minor` and `patch` read them: `1.2` is `1.2.0`.
    public func releaseParts(_ count: Int) -> [VersionNumber] {
        (0..<count).map { $0 < release.count ? release[$0] : .zero }
    }

    /// Everything after the release segment, as in `rc1.post2.dev3` (no leading
    /// dot, no local label); empty for a plain release.
    public var suffixText: String {
        var parts: [String] = []
        if let pre { parts.append(pre.description) }
        if let post { parts.append("post\(post)") }
        if let dev { parts.append("dev\(dev)") }
        return parts.joined(separator: ".")
    }

    /// The normalised form, identical to `str(packaging.version.Version(text))`.
    public var description: String {
        var text = release.map(\.description).joined(separator: ".")
        if !epoch.isZero { text = "\(epoch)!" + text }
        if let pre { text += pre.description }
        if let post { text += ".post\(post)" }
        if let dev { text += ".dev\(dev)" }
        if let local { text += "+" + local }
        return text
    }

    // MARK: - Ordering

    /// packaging's ordering: epoch, release without trailing zeros, then
    /// dev-only < a < b < rc < final, no post < post, dev < no dev, and finally
    /// no local < local, local segments compared pairwise (text below numbers).
    public func precedence(comparedTo other: PEP440Version) -> Precedence {
        if epoch != other.epoch { return epoch < other.epoch ? .lower : .higher }
        let left = trimmedRelease, right = other.trimmedRelease
        if left != right { return left.lexicographicallyPrecedes(right) ? .lower : .higher }
        let leftSuffix = suffixKey, rightSuffix = other.suffixKey
        if leftSuffix != rightSuffix {
            return leftSuffix.lexicographicallyPrecedes(rightSuffix) ? .lower : .higher
        }
        switch (localSegments, other.localSegments) {
        case (nil, nil): return .same
        case (nil, _): return .lower
        case (_, nil): return .higher
        case (let mine?, let theirs?):
            if mine == theirs { return .same }
            return mine.lexicographicallyPrecedes(theirs) ? .lower : .higher
        }
    }

    public static func < (lhs: PEP440Version, rhs: PEP440Version) -> Bool {
        switch lhs.precedence(comparedTo: rhs) {
        case .lower: return true
        case .higher: return false
        case .same:
            // Only trailing zeros can differ here; the shorter spelling goes first.
            return lhs.release.count < rhs.release.count
        }
    }

    private var trimmedRelease: ArraySlice<VersionNumber> {
        var end = release.endIndex
        while end > release.startIndex, release[end - 1].isZero { end -= 1 }
        return release[..<end]
    }

    /// Mirrors packaging's six-part suffix key; numbers ride along as
    /// ``VersionNumber`` so huge counters still compare correctly.
    private var suffixKey: [SuffixKeyPart] {
        let preRank: SuffixKeyPart
        let preNumber: VersionNumber
        if let pre {
            preRank = .rank(pre.label == .alpha ? 0 : pre.label == .beta ? 1 : 2)
            preNumber = pre.number
        } else if post == nil, dev != nil {
            preRank = .rank(-1)
            preNumber = .zero
        } else {
            preRank = .rank(3)
            preNumber = .zero
        }
        return [
            preRank, .number(preNumber),
            .rank(post == nil ? 0 : 1), .number(post ?? .zero),
            .rank(dev == nil ? 1 : 0), .number(dev ?? .zero),
        ]
    }

    private enum SuffixKeyPart: Comparable {
        case rank(Int)
        case number(VersionNumber)
    }

    // MARK: - Grammar

    /// Python's `\s` (which packaging's pattern allows around a version) matches
    /// these code points, not only ASCII blanks.
    static func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
             0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default:
            false
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }

    /// A deterministic reading of packaging's pattern. The pattern's optional
    /// groups are possessive, so taking each piece greedily and never backing
    /// up accepts exactly the same strings.
    private struct Parser {
        private let bytes: [UInt8]
        private var position = 0

        /// `nil` when the text, once Python whitespace is trimmed, is not ASCII.
        init?(_ text: String) {
            let scalars = Array(text.unicodeScalars)
            var start = 0, end = scalars.count
            while start < end, PEP440Version.isPythonWhitespace(scalars[start]) { start += 1 }
            while end > start, PEP440Version.isPythonWhitespace(scalars[end - 1]) { end -= 1 }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(end - start)
            for scalar in scalars[start..<end] {
                guard scalar.isASCII else { return nil }
                // The pattern is matched case-insensitively: fold to lower case once.
                let byte = UInt8(scalar.value)
                bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            }
            self.bytes = bytes
        }

        mutating func parse() -> PEP440Version? {
            _ = take("v")
            var epoch = VersionNumber.zero
            let beforeEpoch = position
            if let number = number(), take("!") {
                epoch = number
            } else {
                position = beforeEpoch
            }
            guard let first = number() else { return nil }
            var release = [first]
            while peek() == UInt8(ascii: "."), let next = peek(offset: 1), PEP440Version.isDigit(next) {
                position += 1
                release.append(number()!)
            }
            let pre = preRelease()
            let post = postRelease()
            let dev = devRelease()
            var local: [LocalSegment]?
            if take("+") {
                guard let segments = localLabel() else { return nil }
                local = segments
            }
            guard position == bytes.count else { return nil }
            return PEP440Version(unchecked: epoch, release, pre, post, dev, local)
        }

        private mutating func preRelease() -> PreRelease? {
            let start = position
            skipSeparator()
            let spellings: [(String, PreReleaseLabel)] = [
                ("alpha", .alpha), ("a", .alpha), ("beta", .beta), ("b", .beta),
                ("preview", .releaseCandidate), ("pre", .releaseCandidate),
                ("c", .releaseCandidate), ("rc", .releaseCandidate),
            ]
            guard let label = spellings.first(where: { take($0.0) })?.1 else {
                position = start
                return nil
            }
            skipSeparator()
            return PreRelease(label, number() ?? .zero)
        }

        private mutating func postRelease() -> VersionNumber? {
            let start = position
            if take("-"), let number = number() { return number }
            position = start
            skipSeparator()
            guard take("post") || take("rev") || take("r") else {
                position = start
                return nil
            }
            skipSeparator()
            return number() ?? .zero
        }

        private mutating func devRelease() -> VersionNumber? {
            let start = position
            skipSeparator()
            guard take("dev") else {
                position = start
                return nil
            }
            skipSeparator()
            return number() ?? .zero
        }

        private mutating func localLabel() -> [LocalSegment]? {
            guard let first = alphanumericRun() else { return nil }
            var segments = [first]
            while let byte = peek(), Parser.isSeparator(byte),
                  let next = peek(offset: 1), PEP440Version.isLowerAlphanumeric(next) {
                position += 1
                segments.append(alphanumericRun()!)
            }
            return segments
        }

        private mutating func alphanumericRun() -> LocalSegment? {
            let start = position
            while let byte = peek(), PEP440Version.isLowerAlphanumeric(byte) { position += 1 }
            guard position > start else { return nil }
            let run = bytes[start..<position]
            if run.allSatisfy(PEP440Version.isDigit) {
                return .number(VersionNumber(digits: String(decoding: run, as: UTF8.self))!)
            }
            return .text(String(decoding: run, as: UTF8.self))
        }

        private mutating func number() -> VersionNumber? {
            let start = position
            while let byte = peek(), PEP440Version.isDigit(byte) { position += 1 }
            guard position > start else { return nil }
            return VersionNumber(digits: String(decoding: bytes[start..<position], as: UTF8.self))
        }

        private mutating func skipSeparator() {
            if let byte = peek(), Parser.isSeparator(byte) { position += 1 }
        }

        /// Consumes `literal` (lower case) when the input continues with it.
        private mutating func take(_ literal: String) -> Bool {
            let literalBytes = Array(literal.utf8)
            guard position + literalBytes.count <= bytes.count,
                  bytes[position..<(position + literalBytes.count)].elementsEqual(literalBytes) else { return false }
            position += literalBytes.count
            return true
        }

        private func peek(offset: Int = 0) -> UInt8? {
            position + offset < bytes.count ? bytes[position + offset] : nil
        }

        private static func isSeparator(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
