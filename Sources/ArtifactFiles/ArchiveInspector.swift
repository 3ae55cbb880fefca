import Crypto
import Foundation
import ReleaseKitCore
import ZIPFoundation

/// Proves an archive is whole by reading it to the end without writing anything:
/// gzip CRC-32 and length, every tar header checksum and entry size, every zip entry's
/// CRC-32 through the central directory, a wheel's RECORD hashes, a `.deb`'s `ar`
/// structure and its members. Decompressed bytes are capped per archive.
public struct ArchiveInspector: Sendable {
    public static let chunkSize = 1 << 20
    /// Longest RECORD read into memory.
    static let recordLimit = 32 << 20

    public var budget: @Sendable (UInt64) -> UInt64

    public init(budget: @escaping @Sendable (UInt64) -> UInt64 = DecompressionBudget.limit(forArchiveSize:)) {
        self.budget = budget
    }

    /// The damage found, empty when the archive is whole. Stream formats stop at the
    /// first damage (what follows cannot be trusted); zip reports every broken entry.
    public func inspect(path: String, kind: ArchiveKind) -> [ArchiveDamage] {
        let size = UInt64((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)??.uint64Value ?? 0)
        var budget = DecompressionBudget(limit: budget(size))
        do {
            switch kind {
            case .tar:
                var tar = TarStreamValidator()
                try stream(path) { try tar.consume($0) }
                try tar.finish()
            case .tarGzip:
                var tar = TarStreamValidator()
                let gzip = try GzipInflater()
                try stream(path) { chunk in
                    try gzip.feed(chunk) { out in
                        try budget.spend(out.count, entry: tar.lastEntry)
                        try tar.consume(out)
                    }
                }
                try gzip.finish()
                try tar.finish()
            case .gzip:
                let gzip = try GzipInflater()
                try stream(path) { chunk in try gzip.feed(chunk) { try budget.spend($0.count, entry: nil) } }
                try gzip.finish()
            case .deb:
                var deb = DebInspector(budget: budget)
                try deb.inspect(path)
            case .zip:
                var zip = ZipInspector(path: path, budget: budget, checksWheelRecord: false)
                return try zip.inspect()
            case .wheel:
                var wheel = ZipInspector(path: path, budget: budget, checksWheelRecord: true)
                return try wheel.inspect()
            }
        } catch let damage as ArchiveDamage {
            return [damage]
        } catch {
            return [ArchiveDamage(entry: nil, "\(error)")]
        }
        return []
    }

    private func stream(_ path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        try FileStream.read(path, into: buffer) { try body($0) }
    }
}


extension ArchiveInspector {
    /// Inspects several archives, one per core, off the cooperative pool; results in
    /// the order given.
    public func inspectAll(_ archives: [(path: String, kind: ArchiveKind)],
                           workers: Int = ProcessInfo.processInfo.activeProcessorCount) async -> [[ArchiveDamage]] {
        await offCooperativePool { [self] in inspectAllBlocking(archives, workers: workers) }
    }

    private func inspectAllBlocking(_ archives: [(path: String, kind: ArchiveKind)], workers: Int) -> [[ArchiveDamage]] {
        let slots = DamageSlots(count: archives.count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, archives.count))) { _ in
            while let index = next.take(below: archives.count) {
                slots[index] = inspect(path: archives[index].path, kind: archives[index].kind)
            }
        }
        return slots.values
    }
}

final class DamageSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[ArchiveDamage]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    subscript(index: Int) -> [ArchiveDamage] {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [[ArchiveDamage]] { lock.withLock { slots } }
}
