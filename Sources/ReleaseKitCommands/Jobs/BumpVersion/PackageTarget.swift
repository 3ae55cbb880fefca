import Foundation
import ReleaseKitCore
import ReleaseKitRuntime

/// A version file as the job handles it: where it is on disk and how to name it.
struct VersionFileRef: Sendable {
    /// As named until `resolvingSymlinks`, then the real file: a `VERSION` symlink
    /// is edited through its target, never replaced by a regular file.
    let absolutePath: String
    /// Relative to the repository root (or the working directory outside git), as
    /// named: what messages show.
    let displayPath: String
    let spec: VersionFileSpec
    /// Where the name came from (`--file`, `version-files in .releasekit.yml`, …),
    /// for the message that refuses it.
    var origin = "--file"
    /// The real file relative to the root: what `changed-files` lists and `git add`
    /// receives (the target, not the symlink, which does not change).
    var gitPath: String

    init(absolutePath: String, displayPath: String, spec: VersionFileSpec, origin: String = "--file") {
        self.absolutePath = absolutePath
        self.displayPath = displayPath
        self.spec = spec
        self.origin = origin
        gitPath = displayPath
    }

    private init(resolved: String, gitPath: String, from ref: VersionFileRef) {
        absolutePath = resolved
        displayPath = ref.displayPath
        spec = ref.spec
        origin = ref.origin
        self.gitPath = gitPath
    }

    /// This file with symlinks resolved, checked to be a regular file inside `root`
    /// (when `confined`, that is in a repository). Exit 2 naming the path and where
    /// it came from otherwise: bump-version commits what it edits, and a file outside
    /// the repository (`../x`, `/etc/x`, a symlink pointing out) cannot be committed
    /// and is not the package's to change. A symlink that stays inside (`selfdir ->
    /// .`) is fine.
    func resolvingSymlinks(root: String, confined: Bool) throws -> VersionFileRef {
        guard let real = Self.realPath(absolutePath) else {
            throw VersionFileError(path: displayPath, reason: "no such file (from \(origin))")
        }
        let realRoot = Self.realPath(root) ?? root
        let inside = real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")
        if confined, !inside {
            let via = real == PathResolver.normalize(absolutePath) ? "" : " (it resolves to \(real))"
            throw VersionFileError(path: displayPath, reason: "is outside the repository \(realRoot)\(via), given by \(origin); bump-version only edits files inside the repository it commits to")
        }
        var info = stat()
        guard stat(real, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw VersionFileError(path: displayPath, reason: "is not a regular file (from \(origin)); a version file is replaced by a rename, which must never happen to a directory, FIFO or device")
        }
        return VersionFileRef(resolved: real, gitPath: inside ? String(real.dropFirst(realRoot.count + 1)) : real, from: self)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
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
