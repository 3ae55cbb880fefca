/// GitHub stores an asset under a sanitized name, so two different files can claim the
/// same asset. This finds that before anything is sent.
public enum CreateReleaseAssetNames {
    /// One file an asset argument named.
    public struct File: Sendable, Equatable {
        public var path: String
        /// The name GitHub would store it under.
        public var name: String

        public init(path: String, name: String) {
            self.path = path
            self.name = name
        }
    }

    /// A name two different files would both be stored as.
    public struct Collision: Error, Sendable, Equatable {
        public var name: String
        public var first: String
        public var second: String
    }

    /// Decides whether `file` is new, a repeat of a path already listed (dropped), or a
    /// collision; `seen` holds the names listed so far.
    public static func admit(_ file: File, seen: inout [String: String]) throws(Collision) -> Bool {
        if let other = seen[file.name] {
            if other == file.path { return false }
            throw Collision(name: file.name, first: other, second: file.path)
        }
        seen[file.name] = file.path
        return true
    }
}
