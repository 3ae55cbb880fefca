/// A release as tags name it: the tag and the version read from it.
public protocol TaggedRelease {
    var tag: String { get }
    var version: Version { get }
}

extension TagName: TaggedRelease {}

/// A tag with the version a tag format read from it (bump-version reads versions
/// through the configured format, not `TagName`'s split).
public struct TaggedVersion: TaggedRelease, Sendable, Hashable {
    public let tag: String
    public let version: Version

    public init(tag: String, version: Version) {
        self.tag = tag
        self.version = version
    }
}

/// The one order of releases every tool uses: by precedence, and among releases of
/// equal precedence (`1.0.0` and `1.0.0+build`, `1.0` and `1.0.0` in PEP 440) by tag
/// name in bytes. Without the name rule the answer would depend on the order git
/// happens to list tags in.
///
/// Precedence is the scheme's, with one ReleaseKit rule on top for compact SemVer
/// prereleases (`1.3.0-rc1`, seed 002): inside an alphanumeric prerelease identifier,
/// a run of digits compares as a number, so `rc2 < rc9 < rc10`. Strict SemVer
/// compares the identifier as text and puts `rc10` below `rc2`. Everything else is
/// SemVer's order: `rc.1 < rc.2 < rc.10`, `beta1 < rc1`, numeric identifiers below
/// alphanumeric ones. PEP 440 is unchanged (its `rc10` is already a number).
/// parse-tag's `previous-tag`, bump-version's "never backwards" and render-changelog's
/// release order all read precedence from here (`precedence(of:comparedTo:)`).
public enum ReleaseRank {
    /// ReleaseKit's precedence of two versions: the scheme's, with compact prerelease
    /// counters compared as numbers (see above); `nil` across schemes.
    public static func precedence(of left: Version, comparedTo right: Version) -> Precedence? {
        guard case .semver(let a) = left, case .semver(let b) = right, a.isPrerelease, b.isPrerelease,
              a.finalRelease.precedence(comparedTo: b.finalRelease) == .same else {
            return left.precedence(comparedTo: right)
        }
        for (x, y) in zip(a.prerelease, b.prerelease) where x != y {
            if case .alphanumeric(let p) = x, case .alphanumeric(let q) = y {
                switch compareCounted(p, q) {
                case .same: continue
                case let order: return order
                }
            }
            return x < y ? .lower : .higher
        }
        if a.prerelease.count == b.prerelease.count { return .same }
        return a.prerelease.count < b.prerelease.count ? .lower : .higher
    }

    /// Whether a prerelease identifier holds a counter past 9 (`rc10`): where ReleaseKit's
    /// order and strict SemVer's disagree.
    public static func hasCounterPastNine(_ version: Version) -> Bool {
        guard case .semver(let semver) = version else { return false }
        return semver.prerelease.contains { identifier in
            guard case .alphanumeric(let text) = identifier else { return false }
            return tokens(text).contains { token in
                if case .number(let number) = token { return number >= VersionNumber(10) }
                return false
            }
        }
    }

    /// Two alphanumeric identifiers token by token: runs of digits as numbers, other
    /// runs as text (bytes); a number sorts where its first digit would. Equal tokens
    /// (`rc01`, `rc1`) fall back to the bytes, so the order stays total.
    static func compareCounted(_ left: String, _ right: String) -> Precedence {
        let a = tokens(left), b = tokens(right)
        for (x, y) in zip(a, b) where x != y { return x < y ? .lower : .higher }
        if a.count != b.count { return a.count < b.count ? .lower : .higher }
        if left == right { return .same }
        return left.utf8.lexicographicallyPrecedes(right.utf8) ? .lower : .higher
    }

    enum Token: Comparable {
        case text(String)
        case number(VersionNumber)

        /// The first byte decides between a number and text: `-` sorts below digits,
        /// letters above, as in ASCII.
        static func < (lhs: Token, rhs: Token) -> Bool {
            switch (lhs, rhs) {
            case (.number(let x), .number(let y)): x < y
            case (.text(let x), .text(let y)): x.utf8.lexicographicallyPrecedes(y.utf8)
            case (.number, .text(let y)): y.utf8.first.map { $0 > UInt8(ascii: "9") } ?? false
            case (.text(let x), .number): x.utf8.first.map { $0 < UInt8(ascii: "0") } ?? true
            }
        }
    }

    static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var run = ""
        var digits = false
        func flush() {
            guard !run.isEmpty else { return }
            result.append(digits ? .number(VersionNumber(digits: run)!) : .text(run))
            run = ""
        }
        for character in text {
            let isDigit = character.isASCII && character.isNumber
            if isDigit != digits { flush(); digits = isDigit }
            run.append(character)
        }
        flush()
        return result
    }


    /// Ascending: lower precedence first; equal precedence, smaller tag name first.
    /// A strict weak order within one scheme (versions of two schemes have no
    /// precedence, and fall back to the name).
    public static func precedes(_ left: some TaggedRelease, _ right: some TaggedRelease) -> Bool {
        switch precedence(of: left.version, comparedTo: right.version) {
        case .lower?: true
        case .higher?: false
        case .same?, nil: left.tag.utf8.lexicographicallyPrecedes(right.tag.utf8)
        }
    }

    /// Whether `candidate` is the better answer to "which is the highest release":
    /// higher precedence, or equal precedence and first in `precedes` order (the
    /// smallest name stands for its precedence group). Incomparable versions never win.
    public static func outranks(_ candidate: some TaggedRelease, _ best: some TaggedRelease) -> Bool {
        switch precedence(of: candidate.version, comparedTo: best.version) {
        case .higher?: true
        case .same?: precedes(candidate, best)
        case .lower?, nil: false
        }
    }

    /// The highest release of `releases` by `outranks`, or nil when there is none.
    public static func highest<Release: TaggedRelease>(_ releases: some Sequence<Release>) -> Release? {
        releases.reduce(nil as Release?) { best, candidate in
            guard let best else { return candidate }
            return outranks(candidate, best) ? candidate : best
        }
    }
}
