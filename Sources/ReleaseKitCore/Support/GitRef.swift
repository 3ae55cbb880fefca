/// Full git ref names for tags and branches, built and taken apart in one place, so
/// every tool reads `refs/tags/v1.2.0` and `v1.2.0` as the same tag.
public enum GitRef {
    public static let tagPrefix = "refs/tags/"
    public static let branchPrefix = "refs/heads/"

    /// `refs/tags/NAME`.
    public static func tag(_ name: String) -> String { tagPrefix + name }

    /// `refs/heads/NAME`.
    public static func branch(_ name: String) -> String { branchPrefix + name }

    /// The tag a full ref names (`refs/tags/v1` → `v1`), or nil for any other ref.
    public static func tagName(ofRef ref: String) -> String? {
        ref.hasPrefix(tagPrefix) ? String(ref.dropFirst(tagPrefix.count)) : nil
    }

    /// The branch a full ref names (`refs/heads/main` → `main`), or nil for any other ref.
    public static func branchName(ofRef ref: String) -> String? {
        ref.hasPrefix(branchPrefix) ? String(ref.dropFirst(branchPrefix.count)) : nil
    }

    /// A tag given either way, as a tag name: `refs/tags/v1` and `v1` are both `v1`.
    public static func tagName(_ nameOrRef: String) -> String {
        tagName(ofRef: nameOrRef) ?? nameOrRef
    }
}
