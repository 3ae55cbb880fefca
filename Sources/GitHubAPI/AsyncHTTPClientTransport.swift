import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The production transport: swift-server's async-http-client on SwiftNIO, the same
/// on Linux and macOS, with TLS through swift-nio-ssl (no libcurl, no
/// FoundationNetworking).
///
/// What it guarantees, because a release job must never hang:
/// - **Stalls end.** A request that sends or receives nothing for `stallTimeout` is
///   aborted (`TransportError`, which the client retries). That is the library's idle
///   write timeout while the body goes out and its idle read timeout after it, so a
///   peer that accepts and never answers, or stops reading half-way, costs one stall
///   timeout, not forever. There is no whole-request deadline.
/// - **Uploads start from scratch.** File bodies go through a pool whose connections
///   serve one request each: a retry never lands on a connection the failed attempt
///   (or anyone else) used, and it sends the whole file from byte 0.
/// - **Redirects are ours.** The library follows none; `RedirectRule` decides each
///   hop (at most five, `Authorization` dropped once the origin changes).
/// - **Bounded memory.** File bodies stream from disk in 1 MiB reads as the socket
///   takes them; downloads stream to disk; JSON answers are capped.
public final class AsyncHTTPClientTransport: HTTPTransport, @unchecked Sendable {
    public let settings: TransportSettings
    private let lock = NSLock()
    private var clients: [Key: HTTPClient] = [:]
    private var isShutDown = false

    /// JSON answers larger than this are refused rather than buffered.
    static let maxResponseBytes = 64 << 20
    static let fileChunkBytes = 1 << 20

    public init(settings: TransportSettings = TransportSettings()) {
        self.settings = settings
    }

    deinit {
        // Clients must be shut down before they are released; a caller that forgot
        // (a test that threw) still must not trap, so do it here without waiting.
        for client in clients.values { _ = client.shutdown() }
    }

    /// Closes every connection. Call once the last request has finished.
    public func shutdown() async {
        let all: [HTTPClient] = lock.withLock {
            isShutDown = true
            defer { clients.removeAll() }
            return Array(clients.values)
        }
        for client in all { try? await client.shutdown() }
    }

    public func send(_ request: HTTPRequestSpec) async throws -> HTTPResult {
        let (response, _) = try await follow(request)
        let body = try await Self.collect(response, limit: Self.maxResponseBytes)
        return HTTPResult(status: Int(response.status.code), headers: Self.headers(response), body: body)
    }

    public func download(_ request: HTTPRequestSpec, to destination: String) async throws -> HTTPResult {
        let (response, _) = try await follow(request)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let body = try await Self.collect(response, limit: Self.maxResponseBytes)
            return HTTPResult(status: status, headers: Self.headers(response), body: body)
        }
        guard FileManager.default.createFile(atPath: destination, contents: nil),
              let handle = FileHandle(forWritingAtPath: destination) else {
            throw TransportError("cannot write the download to \(destination)")
        }
        defer { try? handle.close() }
        do {
            for try await buffer in response.body {
                try buffer.withUnsafeReadableBytes { try handle.write(contentsOf: $0) }
            }
        } catch {
            throw Self.transportError(error, settings: settings)
        }
        return HTTPResult(status: status, headers: Self.headers(response), body: Data())
    }

    // MARK: Sending

    /// Sends `request` and follows redirects by `RedirectRule`; returns the final
    /// response with its body not yet read, and the request that produced it.
    private func follow(_ request: HTTPRequestSpec) async throws -> (HTTPClientResponse, HTTPRequestSpec) {
        let origin = RedirectRule.Origin(request.url)
        var current = request
        var hops = 0
        while true {
            let response = try await once(current)
            let status = Int(response.status.code)
            guard RedirectRule.isRedirect(status) else { return (response, current) }
            // The redirect's own body is not wanted; read it off so the connection is reusable.
            _ = try? await Self.collect(response, limit: 1 << 20)
            guard hops < RedirectRule.maxHops else {
                throw TransportError("more than \(RedirectRule.maxHops) redirects, starting at \(request.method) \(request.url.path)")
            }
            guard let next = RedirectRule.next(after: status, location: response.headers.first(name: "location"),
                                               current: current, original: origin) else {
                throw TransportError("a \(status) redirect without a usable Location, at \(current.method) \(current.url.path)")
            }
            hops += 1
            current = next
        }
    }

    private func once(_ spec: HTTPRequestSpec) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: spec.url.absoluteString)
        request.method = HTTPMethod(rawValue: spec.method)
        for (name, value) in spec.headers where name.lowercased() != "content-length" {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        var progress: BodyProgress?
        switch spec.body {
        case .empty:
            if spec.method != "GET" && spec.method != "HEAD" { request.body = .bytes(ByteBuffer()) }
        case .data(let data):
            request.body = .bytes(ByteBuffer(bytes: data))
        case .file(let path, let length):
            let watched = BodyProgress()
            progress = watched
            request.body = .stream(FileChunks(path: path, length: length, chunkBytes: Self.fileChunkBytes, progress: watched),
                                   length: .known(length))
        case .framedFile(let prefix, let path, let length, let suffix):
            let watched = BodyProgress()
            progress = watched
            request.body = .stream(FileChunks(path: path, length: length, chunkBytes: Self.fileChunkBytes, progress: watched,
                                              prefix: prefix, suffix: suffix),
                                   length: .known(spec.body.length))
        }
        let client = try client(for: spec.url, upload: progress != nil)
        do {
            guard let progress else { return try await client.execute(request, deadline: .distantFuture) }
            let upload = request
            return try await Self.watching(progress, stallTimeout: settings.stallTimeout) {
                try await client.execute(upload, deadline: .distantFuture)
            }
        } catch {
            throw Self.transportError(error, settings: settings)
        }
    }

    /// Runs an upload beside a watchdog. The library's idle write timeout pauses while
    /// the socket is not writable, which is exactly when a peer that stopped reading
    /// leaves us, so the watchdog measures what matters: how long since the socket last
    /// took a chunk of the file. Once the whole body is handed over, the library's idle
    /// read timeout takes over until the answer comes.
    static func watching(_ progress: BodyProgress, stallTimeout: Double,
                         _ send: @escaping @Sendable () async throws -> HTTPClientResponse) async throws -> HTTPClientResponse {
        try await withThrowingTaskGroup(of: HTTPClientResponse?.self) { group in
            group.addTask { try await send() }
            group.addTask {
                let tick = UInt64(max(0.05, min(1, stallTimeout / 4)) * 1_000_000_000)
                while !progress.isComplete {
                    try await Task.sleep(nanoseconds: tick)
                    if progress.secondsSinceLastChunk() > stallTimeout {
                        throw TransportError("stalled: nothing sent for \(format(stallTimeout)) s")
                    }
                }
                return nil
            }
            while let next = try await group.next() {
                if let response = next {
                    group.cancelAll()
                    return response
                }
            }
            throw TransportError("no response")
        }
    }

    // MARK: Clients

    /// One client per (proxy, purpose): the proxy is chosen per URL (`NO_PROXY`), and
    /// uploads get connections of their own that serve a single request.
    private struct Key: Hashable {
        var proxy: ProxySettings.Server?
        var upload: Bool
    }

    private func client(for url: URL, upload: Bool) throws -> HTTPClient {
        let key = Key(proxy: settings.proxy.server(for: url), upload: upload)
        return try lock.withLock {
            guard !isShutDown else { throw TransportError("the HTTP transport was already shut down") }
            if let existing = clients[key] { return existing }
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: makeConfiguration(key))
            clients[key] = client
            return client
        }
    }

    private func makeConfiguration(_ key: Key) -> HTTPClient.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.additionalTrustRoots = settings.extraTrustRoots.map { .file($0) }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: .init(connect: Self.amount(settings.connectTimeout), read: Self.amount(settings.stallTimeout),
                           write: Self.amount(settings.stallTimeout)),
            connectionPool: .init(idleTimeout: .seconds(60)),
            proxy: key.proxy.map { server in
                var proxy = HTTPClient.Configuration.Proxy.server(host: server.host, port: server.port)
                if let username = server.username { proxy.authorization = .basic(username: username, password: server.password ?? "") }
                return proxy
            },
            ignoreUncleanSSLShutdown: false,
            decompression: .disabled)
        // HTTP/1.1 only: one request per connection at a time, so a dropped connection
        // takes one request with it, not every stream multiplexed on it.
        configuration.httpVersion = .http1Only
        if key.upload { configuration.maximumUsesPerConnection = 1 }
        return configuration
    }

    static func amount(_ seconds: Double) -> TimeAmount {
        .milliseconds(Int64((min(max(seconds, 0.001), 86_400) * 1000).rounded()))
    }

    // MARK: Responses and errors

    static func collect(_ response: HTTPClientResponse, limit: Int) async throws -> Data {
        var data = Data()
        do {
            for try await buffer in response.body {
                guard data.count + buffer.readableBytes <= limit else {
                    throw TransportError("the answer is larger than \(limit >> 20) MiB; refusing to read it")
                }
                buffer.withUnsafeReadableBytes { data.append(contentsOf: $0) }
            }
        } catch let error as TransportError {
            throw error
        } catch {
            throw transportError(error, settings: nil)
        }
        return data
    }

    static func headers(_ response: HTTPClientResponse) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in response.headers where headers[name.lowercased()] == nil {
            headers[name.lowercased()] = value
        }
        return headers
    }

    /// A library error as a short, secret-free `TransportError` (the client retries
    /// those). Cancellation passes through.
    static func transportError(_ error: Error, settings: TransportSettings?) -> Error {
        if error is CancellationError || error is TransportError { return error }
        let stall = settings.map { " for \(format($0.stallTimeout)) s" } ?? ""
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout: return TransportError("stalled: nothing received\(stall)")
            case .writeTimeout: return TransportError("stalled: nothing sent\(stall)")
            case .connectTimeout: return TransportError("connect timed out" + (settings.map { " after \(format($0.connectTimeout)) s" } ?? ""))
            case .remoteConnectionClosed: return TransportError("the server closed the connection before answering")
            case .cancelled: return CancellationError()
            case .invalidProxyResponse: return TransportError("the proxy refused the tunnel")
            case .proxyAuthenticationRequired: return TransportError("the proxy requires authentication (put user:password in the proxy URL)")
            default: return TransportError("HTTP error: \(error)")
            }
        }
        if let error = error as? NIOSSLError { return TransportError("TLS: \(error)") }
        if let error = error as? BoringSSLError { return TransportError("TLS: \(error)") }
        if let error = error as? NIOConnectionError {
            return TransportError("cannot connect to \(error.host):\(error.port)")
        }
        if let error = error as? IOError { return TransportError("connection error: \(error.description)") }
        if let error = error as? ChannelError { return TransportError("connection error: \(error)") }
        return TransportError("connection error: \(type(of: error))")
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// A file as a sequence of buffers, read on NIO's blocking-I/O thread pool so no
/// cooperative thread waits on the disk. It yields exactly `length` bytes, or throws
/// if the file is shorter now than it was when it was measured.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let path: String
    let length: Int64
    let chunkBytes: Int
    let progress: BodyProgress
    /// Sent before and after the file's bytes (multipart framing); usually empty.
    var prefix = Data()
    var suffix = Data()

    func makeAsyncIterator() -> Iterator {
        Iterator(path: path, length: length, chunkBytes: chunkBytes, progress: progress, prefix: prefix, suffix: suffix)
    }

    final class Iterator: AsyncIteratorProtocol {
        private let path: String
        private let length: Int64
        private let chunkBytes: Int
        private let progress: BodyProgress
        private var prefix: Data?
        private var suffix: Data?
        private var descriptor: Int32 = -1
        private var offset: Int64 = 0

        init(path: String, length: Int64, chunkBytes: Int, progress: BodyProgress, prefix: Data, suffix: Data) {
            self.path = path
            self.length = length
            self.chunkBytes = chunkBytes
            self.progress = progress
            self.prefix = prefix.isEmpty ? nil : prefix
            self.suffix = suffix.isEmpty ? nil : suffix
        }

        deinit { if descriptor >= 0 { close(descriptor) } }

        func next() async throws -> ByteBuffer? {
            progress.touch()
            if let head = prefix {
                prefix = nil
                return ByteBuffer(bytes: head)
            }
            guard offset < length else {
                if descriptor >= 0 { close(descriptor); descriptor = -1 }
                if let tail = suffix {
                    suffix = nil
                    return ByteBuffer(bytes: tail)
                }
                progress.complete()
                return nil
            }
            if descriptor < 0 {
                descriptor = open(path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw TransportError("cannot open \(path) to upload it (errno \(errno))") }
            }
            let count = Int(Swift.min(Int64(chunkBytes), length - offset))
            let fd = descriptor, at = offset, path = self.path
            let buffer: ByteBuffer = try await NIOThreadPool.singleton.runIfActive {
                var buffer = ByteBufferAllocator().buffer(capacity: count)
                while buffer.readableBytes < count {
                    let done = buffer.readableBytes, wanted = count - done
                    var result = 0
                    buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { raw in
                        result = pread(fd, raw.baseAddress, wanted, off_t(at) + off_t(done))
                        return Swift.max(0, result)
                    }
                    if result < 0 {
                        if errno == EINTR { continue }
                        throw TransportError("cannot read \(path) (errno \(errno))")
                    }
                    if result == 0 { throw TransportError("\(path) became shorter while it was uploaded") }
                }
                return buffer
            }
            offset += Int64(buffer.readableBytes)
            return buffer
        }
    }
}

/// When the socket last asked for more of a request body, and whether it has had all
/// of it: what the upload watchdog reads.
final class BodyProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var last = DispatchTime.now().uptimeNanoseconds
    private var done = false

    func touch() { lock.withLock { last = DispatchTime.now().uptimeNanoseconds } }
    func complete() { lock.withLock { done = true } }
    var isComplete: Bool { lock.withLock { done } }

    func secondsSinceLastChunk() -> Double {
        let then = lock.withLock { last }
        return Double(DispatchTime.now().uptimeNanoseconds &- then) / 1_000_000_000
    }
}
