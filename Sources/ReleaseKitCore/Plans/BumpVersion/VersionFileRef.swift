/// A version file as bump-version names it: where it is on disk, how messages
/// name it, and how git names it.
public struct VersionFileRef: Sendable, Hashable {
    /// As named until the edge resolves symlinks, then the real file: a `VERSION`
    /// symlink is edited through its target, never replaced by a regular file.
    public let absolutePath: String
    /// Relative to the repository root (or the working directory outside git), as
    /// named: what messages show.
    public let displayPath: String
    public let spec: VersionFileSpec
    /// Where the name came from (`--file`, `version-files in .releasekit.yml`, …),
    /// for the message that refuses it.
    public var origin: String
    /// The real file relative to the root: what `changed-files` lists and `git add`
    /// receives (the target, not the symlink, which does not change).
    public var gitPath: String

    public init(absolutePath: String, displayPath: String, spec: VersionFileSpec, origin: String = "--file",
                gitPath: String? = nil) {
        self.absolutePath = absolutePath
        self.displayPath = displayPath
        self.spec = spec
        self.origin = origin
        self.gitPath = gitPath ?? displayPath
    }
}
