import Foundation
import ReleaseKit

/// A version file as the job handles it: where it is on disk and how to name it.
struct VersionFileRef: Sendable {
    let absolutePath: String
    /// Relative to the repository root (or the working directory outside git):
    /// what `changed-files` lists and `git add` receives.
    let displayPath: String
    let spec: VersionFileSpec
}

/// One package to plan, with every setting resolved: flag, then configuration, then default.
struct PackageTarget: Sendable {
    /// The tags' component; empty for a single-package repository.
    let component: String
    /// Repository-relative directories whose commits count; empty for the whole repository.
    let directories: [String]
    /// Where to look for known version files when none are named.
    let detectionRoots: [String]
    let scheme: VersionSchemeChoice?
    let tagFormat: TagFormat
    /// Named files, or nil to detect them.
    let files: [VersionFileRef]?
}

/// Resolves paths against the repository root and the working directory.
struct PathResolver: Sendable {
    let root: String
    let workingDirectory: String

    /// An absolute path for `path` as given on the command line (relative to the
    /// working directory).
    func fromCommandLine(_ path: String) -> String {
        Self.normalize(path.hasPrefix("/") ? path : workingDirectory + "/" + path)
    }

    /// An absolute path for `path` as written in the configuration (relative to the root).
    func fromConfig(_ path: String) -> String {
        Self.normalize(path.hasPrefix("/") ? path : root + "/" + path)
    }

    /// `absolute` relative to the root (`.` for the root), or itself when outside it.
    func relative(_ absolute: String) -> String {
        let root = Self.normalize(self.root)
        if absolute == root { return "." }
        if absolute.hasPrefix(root + "/") { return String(absolute.dropFirst(root.count + 1)) }
        return absolute
    }

    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == "..", !parts.isEmpty { parts.removeLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
