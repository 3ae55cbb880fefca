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
public enum ReleaseRank {
    /// Ascending: lower precedence first; equal precedence, smaller tag name first.
    /// A strict weak order within one scheme (versions of two schemes have no
    /// precedence, and fall back to the name).
    public static func precedes(_ left: some TaggedRelease, _ right: some TaggedRelease) -> Bool {
        switch left.version.precedence(comparedTo: right.version) {
        case .lower?: true
        case .higher?: false
        case .same?, nil: left.tag.utf8.lexicographicallyPrecedes(right.tag.utf8)
        }
    }

    /// Whether `candidate` is the better answer to "which is the highest release":
    /// higher precedence, or equal precedence and first in `precedes` order (the
    /// smallest name stands for its precedence group). Incomparable versions never win.
    public static func outranks(_ candidate: some TaggedRelease, _ best: some TaggedRelease) -> Bool {
        switch candidate.version.precedence(comparedTo: best.version) {
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
