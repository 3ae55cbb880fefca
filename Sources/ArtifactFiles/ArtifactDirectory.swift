import Foundation
import ReleaseKitCore

/// Lists the artifact directory recursively with `lstat`, so a symlink is judged by
/// where it resolves before anything is read through it.
public struct ArtifactDirectory: Sendable {
    /// The directory as given, and its real path (symlinks resolved) for containment checks.
    public let path: String
    public let realPath: String

    public init(path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 || stat(path, &info) == 0 else {
            throw InputError("--dir \(path) does not exist; expected the directory holding the release files")
        }
        guard let resolved = Self.realpath(path) else {
            throw InputError("--dir \(path) cannot be resolved: \(String(cString: strerror(errno)))")
        }
        var target = stat()
        guard stat(resolved, &target) == 0, (target.st_mode & S_IFMT) == S_IFDIR else {
            throw InputError("--dir \(path) is not a directory; expected the directory holding the release files")
        }
        self.path = path
        realPath = resolved
    }

    /// Every entry below the directory except `excluding` (absolute real paths such as
    /// the checksum file being written), sorted by name. Directories are walked and
    /// also returned, so a pattern that names only a directory can say so.
    public func entries(excluding: Set<String> = []) throws -> [ArtifactEntry] {
        var result: [ArtifactEntry] = []
        try walk(realPath, prefix: "", excluding: excluding, into: &result)
        return result.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    private func walk(_ directory: String, prefix: String, excluding: Set<String>, into result: inout [ArtifactEntry]) throws {
        guard let names = Self.names(in: directory) else {
            if prefix.isEmpty { throw FileErrorText.unreadableDirectory(path) }
            result.append(ArtifactEntry(name: String(prefix.dropLast()), path: directory, kind: .unreadable("the directory cannot be listed")))
            return
        }
        for bytes in names {
            // FileManager would turn invalid UTF-8 into U+FFFD, a name that no longer
            // opens (it was reported "No such file or directory"): say what is wrong.
            guard let name = String(validating: bytes, as: UTF8.self) else {
                let shown = String(decoding: bytes, as: UTF8.self)
                result.append(ArtifactEntry(name: prefix + shown, path: directory + "/" + shown, kind: .invalidName))
                continue
            }
            let full = directory + "/" + name
            if excluding.contains(full) { continue }
            let relative = prefix + name
            let entry = classify(full, name: relative)
            result.append(entry)
            if entry.kind == .directory {
                try walk(full, prefix: relative + "/", excluding: excluding, into: &result)
            }
        }
    }

    /// The entries of `directory` as raw bytes (without `.` and `..`), or nil when it
    /// cannot be listed.
    static func names(in directory: String) -> [[UInt8]]? {
        guard let handle = opendir(directory) else { return nil }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name == Array(".".utf8) || name == Array("..".utf8) { continue }
            names.append(name)
        }
        return names
    }

    func classify(_ full: String, name: String) -> ArtifactEntry {
        var info = stat()
        guard lstat(full, &info) == 0 else {
            return ArtifactEntry(name: name, path: full, kind: .unreadable(String(cString: strerror(errno))))
        }
        var openPath = full
        if (info.st_mode & S_IFMT) == S_IFLNK {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?"
            guard let resolved = Self.realpath(full) else {
                return ArtifactEntry(name: name, path: full, kind: .danglingSymlink(target: target))
            }
            // The directory itself (`selfdir -> .`) is inside, not outside.
            guard resolved == realPath || resolved.hasPrefix(realPath.hasSuffix("/") ? realPath : realPath + "/") else {
                return ArtifactEntry(name: name, path: full, kind: .symlinkOutside(target: target))
            }
            guard stat(resolved, &info) == 0 else {
                return ArtifactEntry(name: name, path: full, kind: .danglingSymlink(target: target))
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                return ArtifactEntry(name: name, path: full, kind: .symlinkToDirectory)
            }
            openPath = resolved
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            return ArtifactEntry(name: name, path: full, kind: .directory)
        case S_IFREG:
            break
        case S_IFIFO:
            return ArtifactEntry(name: name, path: full, kind: .special("FIFO"))
        case S_IFSOCK:
            return ArtifactEntry(name: name, path: full, kind: .special("socket"))
        default:
            return ArtifactEntry(name: name, path: full, kind: .special("device"))
        }
        // Opening proves readability (a permission check alone is wrong for root and ACLs).
        let descriptor = open(openPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else {
            return ArtifactEntry(name: name, path: openPath, kind: .unreadable(String(cString: strerror(errno))))
        }
        close(descriptor)
        guard info.st_size > 0 else { return ArtifactEntry(name: name, path: openPath, kind: .empty) }
        return ArtifactEntry(name: name, path: openPath, kind: .file(size: UInt64(info.st_size)))
    }

    /// The canonical absolute path, or nil when it cannot be resolved.
    public static func realpath(_ path: String) -> String? {
        guard let resolved = Foundation.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

enum FileErrorText {
    static func unreadableDirectory(_ path: String) -> InputError {
        InputError("--dir \(path) cannot be listed: \(String(cString: strerror(errno)))")
    }
}
