import Foundation

/// What a request sends as its body. Files are named, never loaded: the transport
/// streams them from disk so an upload costs the same memory at 4 GiB as at 4 KiB.
public enum RequestBody: Sendable, Equatable {
    case empty
    case data(Data)
    case file(path: String, length: Int64)
    /// A file between two small framing parts (a `multipart/form-data` part's headers
    /// and the closing boundary), streamed the same way: the file is never in memory.
    case framedFile(prefix: Data, path: String, length: Int64, suffix: Data)

    public var length: Int64 {
        switch self {
        case .empty: return 0
        case .data(let data): return Int64(data.count)
        case .file(_, let length): return length
        case .framedFile(let prefix, _, let length, let suffix): return Int64(prefix.count) + length + Int64(suffix.count)
        }
    }
}

/// One HTTP request, as plain values the client builds and tests can assert on.
public struct HTTPRequestSpec: Sendable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: RequestBody

    public init(method: String, url: URL, headers: [String: String] = [:], body: RequestBody = .empty) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A response with its headers keyed in lower case (HTTP names are case-insensitive).
public struct HTTPResult: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// The one seam between the client and the network. Production uses URLSession;
/// tests can count or refuse requests without a server.
public protocol HTTPTransport: Sendable {
    /// Sends a request and returns the whole (small, JSON) response. Throws
    /// `TransportError` when no response arrived.
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResult

    /// Sends a GET and writes the response body to `destination`, following
    /// redirects but never carrying `Authorization` to another host. Returns the
    /// final response with an empty body.
    func download(_ request: HTTPRequestSpec, to destination: String) async throws -> HTTPResult
}

/// No response: the connection failed, was reset, or timed out. Always worth a retry.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
