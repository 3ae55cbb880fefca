import ReleaseKitCore

/// How many decompressed bytes one archive may produce before it is called a bomb.
/// Nothing is ever written to disk and memory is one buffer, so the cap is about time:
/// a 40 KiB zip of overlapping entries must not keep a release job inflating petabytes.
public struct DecompressionBudget: Sendable {
    /// At least 4 GiB, else 1100 times the archive (deflate cannot do better than
    /// about 1032:1 on a single stream, so no honest archive gets near it).
    public static func limit(forArchiveSize size: UInt64) -> UInt64 {
        max(4 << 30, size.multipliedReportingOverflow(by: 1100).overflow ? UInt64.max : size * 1100)
    }

    public let limit: UInt64
    public private(set) var used: UInt64 = 0

    public init(limit: UInt64) { self.limit = limit }

    public mutating func spend(_ count: Int, entry: String?) throws {
        used += UInt64(count)
        if used > limit {
            throw ArchiveDamage(entry: entry, "decompresses to more than \(limit) bytes; stopped (a decompression bomb, or an archive far larger than its compressed size suggests)")
        }
    }
}
