/// One thing found in the artifact directory, classified without following anything
/// out of the directory.
public struct ArtifactEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A regular file, or a symlink to one inside the directory, readable and non-empty.
        case file(size: UInt64)
        case directory
        /// A symlink whose target resolves outside the directory: never read.
        case symlinkOutside(target: String)
        /// A symlink to a directory inside: not followed (an artifact is a file).
        case symlinkToDirectory
        case danglingSymlink(target: String)
        /// A FIFO, socket or device.
        case special(String)
        case empty
        case unreadable(String)
        /// A name that is not valid UTF-8: it cannot be matched, listed in a checksum
        /// file or uploaded under that name, and it is shown with U+FFFD.
        case invalidName
    }

    /// The path relative to the directory, `/`-separated: the artifact's name.
    public var name: String
    /// The path to open: the file itself, or the resolved target of a symlink inside.
    public var path: String
    public var kind: Kind

    public init(name: String, path: String, kind: Kind) {
        self.name = name
        self.path = path
        self.kind = kind
    }

    public var size: UInt64? {
        if case .file(let size) = kind { return size }
        return nil
    }

    /// Why this entry cannot be an artifact, or nil when it can.
    public var problem: String? {
        switch kind {
        case .file, .directory: nil
        case .symlinkOutside(let target): "is a symlink to \(target), outside the artifact directory (not followed)"
        case .symlinkToDirectory: "is a symlink to a directory; expected a regular file"
        case .danglingSymlink(let target): "is a symlink to \(target), which does not exist"
        case .special(let what): "is a \(what); expected a regular file"
        case .empty: "is empty"
        case .unreadable(let reason): "cannot be read: \(reason)"
        case .invalidName: "has a name that is not valid UTF-8 (the invalid bytes are shown as \u{FFFD}); rename it"
        }
    }
}
