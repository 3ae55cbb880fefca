import Crypto
import Foundation
import ReleaseKitCore

/// The digests of one file, from one streamed read.
public struct FileDigest: Sendable, Equatable {
    public var size: UInt64
    /// Lower-case hex by algorithm.
    public var hex: [DigestAlgorithm: String]
}

/// Hashes files by streaming each once in fixed-size reads, several files at a time
/// (one per core), so memory stays at one buffer per worker whatever the file sizes.
public struct FileDigester: Sendable {
    public static let chunkSize = 1 << 20

    public var algorithms: Set<DigestAlgorithm>
    public var workers: Int

    public init(algorithms: Set<DigestAlgorithm>, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.algorithms = algorithms
        self.workers = max(1, workers)
    }

    /// Digests of `paths`, in the same order, computed off the cooperative pool.
    public func digests(of paths: [(path: String, size: UInt64)]) async -> [Result<FileDigest, FileReadError>] {
        await offCooperativePool { [self] in digestsBlocking(of: paths) }
    }

    /// Digests of `paths`, in the same order, one file per core. Largest files start
    /// first so the last one to finish is a small one.
    private func digestsBlocking(of paths: [(path: String, size: UInt64)]) -> [Result<FileDigest, FileReadError>] {
        let results = ResultSlots<FileDigest>(count: paths.count)
        let order = paths.indices.sorted { paths[$0].size > paths[$1].size }
        let next = Counter()
        let algorithms = algorithms
        DispatchQueue.concurrentPerform(iterations: min(workers, max(paths.count, 1))) { _ in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 64)
            defer { buffer.deallocate() }
            while let position = next.take(below: order.count) {
                let index = order[position]
                do {
                    results[index] = .success(try Self.digest(paths[index].path, algorithms: algorithms, buffer: buffer))
                } catch let error as FileReadError {
                    results[index] = .failure(error)
                } catch {
                    results[index] = .failure(FileReadError(path: paths[index].path, reason: "\(error)"))
                }
            }
        }
        return results.values
    }

    /// One file through every requested hasher, one buffer at a time.
    public static func digest(_ path: String, algorithms: Set<DigestAlgorithm>,
                              buffer: UnsafeMutableRawBufferPointer) throws -> FileDigest {
        var sha256 = algorithms.contains(.sha256) ? SHA256() : nil
        var sha512 = algorithms.contains(.sha512) ? SHA512() : nil
        var size: UInt64 = 0
        try FileStream.read(path, into: buffer) { chunk in
            sha256?.update(bufferPointer: chunk)
            sha512?.update(bufferPointer: chunk)
            size += UInt64(chunk.count)
        }
        var hex: [DigestAlgorithm: String] = [:]
        if let sha256 { hex[.sha256] = sha256.finalize().hexString }
        if let sha512 { hex[.sha512] = sha512.finalize().hexString }
        return FileDigest(size: size, hex: hex)
    }
}

/// A file that could not be read to its end.
public struct FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot read \(path): \(reason)" }
}

/// Reads a file front to back with `read(2)` into a caller's buffer.
public enum FileStream {
    /// Errors from `body` pass through unchanged; read errors are `FileReadError`s.
    public static func read(_ path: String, into buffer: UnsafeMutableRawBufferPointer,
                            _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        #if os(Linux)
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
        while true {
            let count = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    Glibc.read(fd, buffer, count)
}
#else
@inline(__always) func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    Darwin.read(fd, buffer, count)
}
#endif

extension Sequence where Element == UInt8 {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Hands out indices to workers, each exactly once.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}

/// One result slot per input, written by whichever worker took it.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, FileReadError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Result<Value, FileReadError> {
        get { lock.withLock { slots[index]! } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [Result<Value, FileReadError>] { lock.withLock { slots.map { $0! } } }
}
