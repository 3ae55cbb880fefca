/// Resolves paths against the repository root and the working directory, as text:
/// no file system, so `..` is folded lexically (symlinks are resolved where files are read).
public struct PathResolver: Sendable {
    public let root: String
    public let workingDirectory: String

    public init(root: String, workingDirectory: String) {
        self.root = root
        self.workingDirectory = workingDirectory
    }

    /// An absolute path for `path` as given on the command line (relative to the
    /// working directory).
    public func fromCommandLine(_ path: String) -> String {
        Self.normalize(path.hasPrefix("/") ? path : workingDirectory + "/" + path)
    }

    /// An absolute path for `path` as written in the configuration (relative to the root).
    public func fromConfig(_ path: String) -> String {
        Self.normalize(path.hasPrefix("/") ? path : root + "/" + path)
    }

    /// `absolute` relative to the root (`.` for the root), or itself when outside it.
    public func relative(_ absolute: String) -> String {
        let root = Self.normalize(self.root)
        if absolute == root { return "." }
        if absolute.hasPrefix(root + "/") { return String(absolute.dropFirst(root.count + 1)) }
        return absolute
    }

    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            // `..` of the root is the root, as the kernel resolves it.
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
