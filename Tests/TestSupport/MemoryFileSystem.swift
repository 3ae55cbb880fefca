import Foundation
import ReleaseKitCore
import ReleaseKitRuntime

/// A file system in memory, for in-process runs of a tool's stages: files are bytes
/// keyed by absolute path, directories are implied by the files under them.
public final class MemoryFileSystem: FileSystem, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: Data]

    public init(_ files: [String: Data] = [:]) {
        self.files = files
    }

    public subscript(path: String) -> Data? {
        lock.withLock { files[path] }
    }

    public var paths: [String] { lock.withLock { files.keys.sorted() } }

    public func read(_ path: String) throws -> Data {
        guard let data = self[path] else { throw FileError(path: path, action: "read", reason: "no such file", kind: .invalidInput) }
        return data
    }

    public func exists(_ path: String) -> Bool { self[path] != nil || isDirectory(path) }
    public func size(of path: String) -> Int? { self[path]?.count }
    public func writeAtomically(_ data: Data, to path: String) throws { lock.withLock { files[path] = data } }
    public func append(_ data: Data, to path: String) throws { lock.withLock { files[path, default: Data()].append(data) } }

    public func contentsOfDirectory(_ path: String) throws -> [String] {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        let names = Set(paths.filter { $0.hasPrefix(prefix) }.compactMap { $0.dropFirst(prefix.count).split(separator: "/").first.map(String.init) })
        guard !names.isEmpty else { throw FileError(path: path, action: "list", reason: "no such directory", kind: .invalidInput) }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    public func isDirectory(_ path: String) -> Bool {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return paths.contains { $0.hasPrefix(prefix) }
    }

    public func createDirectory(_ path: String) throws {}

    /// No symlinks in memory: a path that exists is its own real path.
    public func realPath(_ path: String) -> String? {
        let normalized = PathResolver.normalize(path)
        return exists(normalized) ? normalized : nil
    }

    public func isRegularFile(_ path: String) -> Bool { self[path] != nil }
    /// Directories are implied by files, so a private one is only checked for.
    public func createPrivateDirectory(_ path: String) throws {
        if isDirectory(path) || self[path] != nil { throw FileError(path: path, action: "create", reason: "File exists") }
    }
    public func writeDurably(_ data: Data, to path: String, permissions: Int) throws { try writeAtomically(data, to: path) }
    public func permissions(of path: String) -> Int? { self[path] == nil ? nil : 0o644 }
    public func rename(_ source: String, to target: String) throws {
        try lock.withLock {
            guard let data = files.removeValue(forKey: source) else { throw FileError(path: source, action: "rename", reason: "No such file or directory") }
            files[target] = data
        }
    }
    public func syncDirectory(_ path: String) {}
    /// Every file was written at the same instant, the start of 2026.
    public func status(of path: String) -> FileStatus? {
        self[path].map { FileStatus(isRegularFile: true, size: $0.count, modified: Date(timeIntervalSince1970: 1_767_225_600)) }
    }
    /// glob(3)'s matching, over the files held (fnmatch with FNM_PATHNAME, so `*` stays
    /// inside one directory).
    public func glob(_ pattern: String) -> [String] {
        paths.filter { fnmatch(pattern, $0, FNM_PATHNAME) == 0 }
    }

    public func remove(_ path: String) throws {
        lock.withLock { files = files.filter { $0.key != path && !$0.key.hasPrefix(path + "/") } }
    }
}
