/// How far a release moves the version: the outcome of reading the commits
/// since the last release, before it is applied to a SemVer or PEP 440 version.
///
/// Ordered so that combining commits is `max`: one breaking change outweighs any
/// number of fixes. The raw value is the name bump-version prints in its `level`
/// output.
public enum BumpLevel: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Nothing releasable: bump-version reports `released=false` and touches no file.
    case none
    case patch
    case minor
    case major

    private var rank: Int {
        switch self {
        case .none: 0
        case .patch: 1
        case .minor: 2
        case .major: 3
        }
    }

    public static func < (lhs: BumpLevel, rhs: BumpLevel) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }
}
