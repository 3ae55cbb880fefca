import Foundation
import ReleaseKitCore

/// Reads a file front to back in exact amounts, for formats whose structure says how
/// many bytes come next (`ar`). One fixed buffer; nothing else is kept.
final class SequentialReader {
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private(set) var offset: UInt64 = 0

    init(path: String, bufferSize: Int = 1 << 20) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
        buffer = .allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// Refills the buffer when empty; false at the end of the file.
    private func fill() throws -> Bool {
        if start < end { return true }
        while true {
            let count = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw ArchiveDamage(entry: nil, "read failed at byte \(offset): \(String(cString: strerror(errno)))")
            }
            start = 0
            end = count
            return count > 0
        }
    }

    /// Up to `count` bytes (fewer only at the end of the file).
    func read(upTo count: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        while result.count < count, try fill() {
            let take = min(count - result.count, end - start)
            result.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<(start + take)]))
            start += take
            offset += UInt64(take)
        }
        return result
    }

    /// Exactly `count` bytes handed to `body` in chunks; returns how many there were
    /// (less than `count` when the file ends first).
    @discardableResult
    func stream(_ count: UInt64, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> UInt64 {
        var left = count
        while left > 0, try fill() {
            let take = Int(min(left, UInt64(end - start)))
            try body(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + take)]))
            start += take
            offset += UInt64(take)
            left -= UInt64(take)
        }
        return count - left
    }
}
