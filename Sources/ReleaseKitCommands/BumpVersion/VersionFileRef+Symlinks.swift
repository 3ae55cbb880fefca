import ReleaseKitCore
import ReleaseKitRuntime

extension VersionFileRef {
    /// This file with symlinks resolved, checked to be a regular file inside `root`
    /// (when `confined`, that is in a repository). Exit 2 naming the path and where
    /// it came from otherwise: bump-version commits what it edits, and a file outside
    /// the repository (`../x`, `/etc/x`, a symlink pointing out) cannot be committed
    /// and is not the package's to change. A symlink that stays inside (`selfdir ->
    /// .`) is fine.
    func resolvingSymlinks(root: String, confined: Bool, in fileSystem: FileSystem) throws -> VersionFileRef {
        guard let real = fileSystem.realPath(absolutePath) else {
            throw VersionFileError(path: displayPath, reason: "no such file (from \(origin))")
        }
        let realRoot = fileSystem.realPath(root) ?? root
        let inside = real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")
        if confined, !inside {
            let via = real == PathResolver.normalize(absolutePath) ? "" : " (it resolves to \(real))"
            throw VersionFileError(path: displayPath, reason: "is outside the repository \(realRoot)\(via), given by \(origin); bump-version only edits files inside the repository it commits to")
        }
        guard fileSystem.isRegularFile(real) else {
            throw VersionFileError(path: displayPath, reason: "is not a regular file (from \(origin)); a version file is replaced by a rename, which must never happen to a directory, FIFO or device")
        }
        return VersionFileRef(absolutePath: real, displayPath: displayPath, spec: spec, origin: origin,
                              gitPath: inside ? String(real.dropFirst(realRoot.count + 1)) : real)
    }
}
