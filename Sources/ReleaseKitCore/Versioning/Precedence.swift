/// The outcome of comparing two versions under their scheme's precedence rules.
///
/// A separate type from `Comparable` because precedence is not equality: SemVer
/// ignores build metadata and PEP 440 treats `1.0` and `1.0.0` alike, while the
/// version values themselves stay distinct.
public enum Precedence: Sendable, Hashable {
    case lower
    case same
    case higher
}
