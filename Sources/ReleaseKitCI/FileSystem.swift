import Foundation
import ReleaseKit

/// The file operations tools perform, injected so tests can redirect or observe them.
public protocol FileSystem: Sendable {
    func read(_ path: String) throws -> Data
    func exists(_ path: String) -> Bool
    func size(of path: String) -> Int?
    /// Replaces the file in one step: readers see the old content or the new, never a
    /// half-written file, and a failure leaves the old content in place.
    func writeAtomically(_ data: Data, to path: String) throws
    /// Appends, creating the file when missing (the protocol of `GITHUB_OUTPUT` and
    /// `GITHUB_STEP_SUMMARY`, which the runner creates and reads after the step).
    func append(_ data: Data, to path: String) throws
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

    public func size(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    public func writeAtomically(_ data: Data, to path: String) throws {
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
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil { fchmod(descriptor, mode) }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
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
}
