import Crypto
import Foundation

/// SHA-256 of bytes that arrive in pieces (an upload the local API server receives, a
/// body in memory), as lower-case hex. Files are hashed by `FileDigester`, the one
/// file reader; both sit on swift-crypto.
public struct StreamingSHA256 {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update(_ data: Data) { hasher.update(data: data) }

    public mutating func finalizeHex() -> String {
        hasher.finalize().hexString
    }

    public static func hexDigest(of data: Data) -> String {
        var hasher = StreamingSHA256()
        hasher.update(data)
        return hasher.finalizeHex()
    }
}

extension FileDigester {
    /// The SHA-256 of one file, streamed in `chunkSize` reads: constant memory at any size.
    public static func sha256Hex(ofFile path: String) throws -> String {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { buffer.deallocate() }
        guard let hex = try digest(path, algorithms: [.sha256], buffer: buffer).hex[.sha256] else {
            preconditionFailure("a SHA-256 digest was asked for")
        }
        return hex
    }
}
