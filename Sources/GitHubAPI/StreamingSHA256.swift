import Crypto
import Foundation

/// SHA-256 hex digests for asset comparison and the server's `digest` field, on
/// swift-crypto (BoringSSL, with the CPU's SHA extensions) rather than our own code.
public struct StreamingSHA256 {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update(_ data: Data) { hasher.update(data: data) }

    public mutating func finalizeHex() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Hashes a file in 1 MiB reads, so memory stays constant whatever its size.
    public static func hexDigest(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TransportError("cannot open \(path) for reading")
        }
        defer { try? handle.close() }
        var hasher = StreamingSHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(chunk)
        }
        return hasher.finalizeHex()
    }

    public static func hexDigest(of data: Data) -> String {
        var hasher = StreamingSHA256()
        hasher.update(data)
        return hasher.finalizeHex()
    }
}
