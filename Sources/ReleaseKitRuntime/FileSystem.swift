import Foundation
import ReleaseKitCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file operations tools perform, injected so tests can redirect or observe them.
public protocol FileSystem: Sendable {
    func read(_ path: String) throws -> Data
    func exists(_ path: String) -> Bool
    func size(of path: String) -> Int?
    /// Replaces the file in one step: readers see the old content or the new, never a
    /// half-written file, and a failure leaves the old content in place.
    ///
    /// Only a regular file (or a missing one) is replaced. A symlink, FIFO, device,
    /// socket or directory at `path` is refused with an input error naming what it is:
    /// the rename that makes the write atomic would otherwise swap it for a regular
    /// file (as root, `/dev/full` was replaced that way).
    func writeAtomically(_ data: Data, to path: String) throws
    /// Appends, creating the file when missing (the protocol of `GITHUB_OUTPUT` and
    /// `GITHUB_STEP_SUMMARY`, which the runner creates and reads after the step).
    func append(_ data: Data, to path: String) throws
    /// The names in a directory (not `.` or `..`), sorted by their bytes so every
    /// listing is the same on every platform.
    func contentsOfDirectory(_ path: String) throws -> [String]
    /// Whether `path` is a directory (following a symlink).
    func isDirectory(_ path: String) -> Bool
    /// Creates the directory and any missing parents.
    func createDirectory(_ path: String) throws
    /// Removes the file or directory tree; a missing path is not an error.
    func remove(_ path: String) throws
    /// The path with every symlink resolved, or nil when it does not exist.
    func realPath(_ path: String) -> String?
    /// Whether `path` (symlinks followed) is a regular file: not a directory, FIFO or device.
    func isRegularFile(_ path: String) -> Bool
    /// What one stat(2) says of the path (symlinks followed); nil when it does not exist.
    func status(of path: String) -> FileStatus?
    /// The paths an absolute shell pattern (`*`, `?`, `[…]`, as glob(3)) matches, sorted
    /// by their bytes; empty when none does.
    func glob(_ pattern: String) -> [String]

    // Crash-safe writes, for records a killed run must find whole (bump-version's
    // journal): each step is durable on disk before the next one starts.

    /// Creates one directory only its owner can read (0700); an existing one is an error.
    func createPrivateDirectory(_ path: String) throws
    /// Writes the file in place with `permissions`, never through a symlink, and flushes
    /// it to disk before returning.
    func writeDurably(_ data: Data, to path: String, permissions: Int) throws
    /// The permission bits (`0o644`), or nil when the file does not exist.
    func permissions(of path: String) -> Int?
    /// Renames in one step; `CrossDeviceRename` when the two are on different file systems.
    func rename(_ source: String, to target: String) throws
    /// Flushes a directory's entries (a rename into it) to disk; best effort.
    func syncDirectory(_ path: String)
}

/// A path's kind, size and modification time, read together.
public struct FileStatus: Sendable, Equatable {
    public var isRegularFile: Bool
    public var size: Int
    public var modified: Date

    public init(isRegularFile: Bool, size: Int, modified: Date) {
        self.isRegularFile = isRegularFile
        self.size = size
        self.modified = modified
    }
}

/// A rename between two file systems, which cannot be done in one step.
public struct CrossDeviceRename: Error, Sendable {
    public let source: String, target: String
}

/// A file that could not be read or written, with the path and the system's reason.
public struct FileError: ReleaseKitError, Equatable {
    public let path: String
    public let action: String
    public let reason: String
    public let kind: FailureKind

    public init(path: String, action: String, reason: String, kind: FailureKind = .operationFailed) {
        self.path = path
        self.action = action
        self.reason = reason
        self.kind = kind
    }

    public var description: String { "cannot \(action) \(path): \(reason)" }
}

/// How `writeAtomically(_:to:symlinks:)` treats a symlink at the path it writes.
public enum SymlinkWrite: Sendable, Equatable {
    /// Refuse the write (the default of `writeAtomically(_:to:)`).
    case refuse
    /// Replace the file the link finally points to and keep the link, for callers that
    /// have checked the target is theirs to edit (a version file inside the repository).
    case writeTarget
}

extension FileSystem {
    /// `writeAtomically(_:to:)` with an explicit choice for a symlink at `path`. With
    /// `.writeTarget` the link is resolved first and the target gets the same checks.
    public func writeAtomically(_ data: Data, to path: String, symlinks: SymlinkWrite) throws {
        guard symlinks == .writeTarget, WritableTarget.kind(of: path) == .symlink else {
            return try writeAtomically(data, to: path)
        }
        guard let resolved = WritableTarget.resolve(path) else {
            throw FileError(path: path, action: "write", reason: "it is a symlink whose target does not exist", kind: .invalidInput)
        }
        try writeAtomically(data, to: resolved)
    }
}

/// What is at a path a tool is about to replace. The one check every atomic write
/// makes, also used up front by tools that write several files and must refuse before
/// writing the first.
public enum WritableTarget: Sendable, Equatable {
    case missing, regular, symlink, fifo, characterDevice, blockDevice, socket, directory, other

    /// What `lstat` finds at `path`; a symlink is reported as itself, not followed.
    public static func kind(of path: String) -> WritableTarget {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFLNK: return .symlink
        case S_IFIFO: return .fifo
        case S_IFCHR: return .characterDevice
        case S_IFBLK: return .blockDevice
        case S_IFSOCK: return .socket
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The phrase for an error message.
    public var phrase: String {
        switch self {
        case .missing: return "missing"
        case .regular: return "a regular file"
        case .symlink: return "a symlink"
        case .fifo: return "a FIFO (named pipe)"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .socket: return "a socket"
        case .directory: return "a directory"
        case .other: return "not a regular file"
        }
    }

    /// Throws the input error for a path that may not be replaced: anything present
    /// that is not a regular file.
    public static func check(_ path: String) throws {
        let kind = kind(of: path)
        guard kind != .missing, kind != .regular else { return }
        throw FileError(path: path, action: "write",
                        reason: "it is \(kind.phrase), and only a regular file is replaced; name a regular file or a new path",
                        kind: .invalidInput)
    }

    /// The final target of a symlink chain, or nil when it does not exist.
    static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// The real file system.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = exists(path) ? "it is not a readable file" : "no such file"
            throw FileError(path: path, action: "read", reason: reason, kind: .invalidInput)
        }
        return data
    }

    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    public func size(of path: String) -> Int? { status(of: path)?.size }

    public func writeAtomically(_ data: Data, to path: String) throws {
        try WritableTarget.check(path)
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".releasekit-" + UUID().uuidString
        var mode: mode_t = 0o644
        var existing = stat()
        if stat(path, &existing) == 0 { mode = existing.st_mode & 0o7777 }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw FileError(path: path, action: "write", reason: String(cString: strerror(errno)))
        }
        var failure = writeAllAndSync(data, to: descriptor)
        if failure == nil { fchmod(descriptor, mode) }
        close(descriptor)
        if failure == nil, systemRename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw FileError(path: path, action: "write", reason: failure)
        }
    }

    public func append(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FileError(path: path, action: "append to", reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        // One write call per append: O_APPEND makes it land whole at the end.
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count else {
            throw FileError(path: path, action: "append to", reason: written < 0 ? String(cString: strerror(errno)) : "short write")
        }
    }

    public func contentsOfDirectory(_ path: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw FileError(path: path, action: "list", reason: exists(path) ? "it is not a readable directory" : "no such directory",
                            kind: .invalidInput)
        }
    }

    public func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    public func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw FileError(path: path, action: "create the directory", reason: (error as NSError).localizedDescription)
        }
    }

    public func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func isRegularFile(_ path: String) -> Bool { status(of: path)?.isRegularFile ?? false }

    public func status(of path: String) -> FileStatus? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Date(timeIntervalSince1970: Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9)
        #else
        let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        #endif
        return FileStatus(isRegularFile: info.st_mode & S_IFMT == S_IFREG, size: Int(info.st_size), modified: modified)
    }

    public func createPrivateDirectory(_ path: String) throws {
        guard mkdir(path, 0o700) == 0 else {
            throw FileError(path: path, action: "create", reason: String(cString: strerror(errno)))
        }
    }

    public func writeDurably(_ data: Data, to path: String, permissions: Int) throws {
        let mode = mode_t(permissions)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode)
        guard descriptor >= 0 else {
            throw FileError(path: path, action: "write", reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        if let failure = writeAllAndSync(data, to: descriptor) {
            throw FileError(path: path, action: "write", reason: failure)
        }
        guard fchmod(descriptor, mode) == 0 else {
            throw FileError(path: path, action: "write", reason: String(cString: strerror(errno)))
        }
    }

    public func permissions(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode & 0o7777)
    }

    public func rename(_ source: String, to target: String) throws {
        guard systemRename(source, target) == 0 else {
            if errno == EXDEV { throw CrossDeviceRename(source: source, target: target) }
            throw FileError(path: target, action: "write", reason: String(cString: strerror(errno)))
        }
    }

    public func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    public func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        #if canImport(Darwin)
        guard Darwin.glob(pattern, 0, nil, &result) == 0 else { return [] }
        #else
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        #endif
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let pointer = result.gl_pathv[index] { paths.append(String(cString: pointer)) }
        }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    public func remove(_ path: String) throws {
        guard exists(path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw FileError(path: path, action: "remove", reason: (error as NSError).localizedDescription)
        }
    }
}

/// Writes every byte (short writes and EINTR retried), then flushes the file to disk:
/// the one write loop of both atomic and durable writes. The failure's reason, or nil.
private func writeAllAndSync(_ data: Data, to descriptor: Int32) -> String? {
    let failure: String? = data.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }
    if let failure { return failure }
    return fsync(descriptor) == 0 ? nil : String(cString: strerror(errno))
}

/// rename(2), which the `FileSystem` requirement of that name would otherwise shadow.
private func systemRename(_ source: String, _ target: String) -> Int32 {
    #if canImport(Darwin)
    Darwin.rename(source, target)
    #else
    Glibc.rename(source, target)
    #endif
}
