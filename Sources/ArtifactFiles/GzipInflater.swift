import ReleaseKitCore
import ReleaseKitZlib

/// Streams gzip data through the system zlib: zlib checks each member's CRC-32 and
/// length trailer; members may follow one another (as `cat a.gz b.gz` makes).
final class GzipInflater {
    static let outputSize = 256 << 10

    private var stream = z_stream()
    private let output: UnsafeMutableRawBufferPointer
    private var ended = false
    private var members = 0

    init() throws {
        output = .allocate(byteCount: Self.outputSize, alignment: 16)
        // 15 + 16: a gzip wrapper (not zlib, not raw), with the largest window.
        let status = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            output.deallocate()
            throw ArchiveDamage(entry: nil, "zlib could not start (status \(status))")
        }
    }

    deinit {
        inflateEnd(&stream)
        output.deallocate()
    }

    /// Inflates `input`, handing every decompressed chunk to `body`.
    func feed(_ input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let base = input.baseAddress, input.count > 0 else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        while stream.avail_in > 0 {
            if ended {
                // Another member, or trailing bytes that are not gzip.
                guard stream.next_in[0] == 0x1F else {
                    throw ArchiveDamage(entry: nil, "\(stream.avail_in) bytes of data that is not gzip follow the end of the compressed stream")
                }
                inflateReset(&stream)
                ended = false
            }
            stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(output.count)
            let status = inflate(&stream, Z_NO_FLUSH)
            let produced = output.count - Int(stream.avail_out)
            if produced > 0 { try body(UnsafeRawBufferPointer(rebasing: output[0..<produced])) }
            switch status {
            case Z_STREAM_END:
                ended = true
                members += 1
            case Z_OK, Z_BUF_ERROR:
                continue
            default:
                throw ArchiveDamage(entry: nil, Self.explain(status, stream.msg.map { String(cString: $0) }))
            }
        }
    }

    /// The stream must have ended at a member boundary.
    func finish() throws {
        guard ended else {
            throw ArchiveDamage(entry: nil, members == 0 && stream.total_in == 0
                ? "empty: no gzip data"
                : "truncated: the gzip stream ends before its end (no CRC-32/length trailer)")
        }
    }

    static func explain(_ status: Int32, _ message: String?) -> String {
        switch message {
        case "incorrect data check": return "gzip CRC-32 mismatch: the decompressed data does not match the stored checksum"
        case "incorrect length check": return "gzip length mismatch: the decompressed size does not match the stored length"
        case "incorrect header check", "unknown compression method": return "not gzip data (bad header)"
        case let message?: return "corrupt gzip data: \(message)"
        case nil: return "corrupt gzip data (zlib status \(status))"
        }
    }
}
