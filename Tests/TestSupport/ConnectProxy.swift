import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small forward proxy on 127.0.0.1, as corporate networks run them: it answers
/// `CONNECT host:port` by opening a tunnel and relaying bytes both ways, and refuses
/// everything else with 405. It records each tunnel's target, so a test can prove a
/// request went through it (or, with `NO_PROXY`, did not).
///
/// Blocking sockets on plain threads: it is test scaffolding, and keeps its own
/// threads off Swift's cooperative pool that the code under test runs on.
public final class ConnectProxy: @unchecked Sendable {
    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var targets: [String] = []
    private var refused: [String] = []
    private var stopped = false

    public init() throws {
        // A relay writing to a peer that just went away must not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        let listener = socket(AF_INET, Self.streamType, 0)
        guard listener >= 0 else { throw ProxyError("socket() failed") }
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else { throw ProxyError("bind/listen failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [weak self] in self?.acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// The `host:port` of every tunnel opened, in order.
    public var tunnels: [String] { lock.withLock { targets } }
    /// Request lines refused because they were not CONNECT.
    public var refusedRequests: [String] { lock.withLock { refused } }

    public var url: String { "http://127.0.0.1:\(port)" }

    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if first { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if lock.withLock({ stopped }) { return }
                continue
            }
            Thread { [weak self] in self?.serve(client) }.start()
        }
    }

    private func serve(_ client: Int32) {
        guard let head = Self.readHead(client) else { close(client); return }
        let requestLine = head.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
        let parts = requestLine.split(separator: " ")
        guard parts.count == 3, parts[0] == "CONNECT" else {
            lock.withLock { refused.append(requestLine) }
            Self.send(client, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            close(client)
            return
        }
        let target = String(parts[1])
        lock.withLock { targets.append(target) }
        guard let colon = target.lastIndex(of: ":"), let targetPort = UInt16(target[target.index(after: colon)...]) else {
            Self.send(client, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            close(client)
            return
        }
        let host = String(target[..<colon])
        let upstream = socket(AF_INET, Self.streamType, 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = targetPort.bigEndian
        address.sin_addr.s_addr = inet_addr(host == "localhost" ? "127.0.0.1" : host)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Self.send(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            close(client)
            close(upstream)
            return
        }
        Self.send(client, "HTTP/1.1 200 Connection Established\r\n\r\n")
        let done = DispatchGroup()
        done.enter()
        Thread { Self.relay(from: upstream, to: client); done.leave() }.start()
        Self.relay(from: client, to: upstream)
        done.wait()
        close(client)
        close(upstream)
    }

    /// Copies until either side closes, then half-closes the other, as a proxy does.
    private static func relay(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            var sent = 0
            while sent < count {
                let wrote = buffer.withUnsafeBytes { write(destination, $0.baseAddress! + sent, count - sent) }
                if wrote <= 0 { shutdown(source, Int32(SHUT_RDWR)); return }
                sent += wrote
            }
        }
        shutdown(destination, Int32(SHUT_WR))
    }

    /// The request head, byte by byte up to the blank line (at most 16 KiB), so no
    /// byte of the tunnelled stream is consumed.
    private static func readHead(_ socket: Int32) -> String? {
        var head = [UInt8]()
        var byte: UInt8 = 0
        while head.count < 16 * 1024 {
            guard read(socket, &byte, 1) == 1 else { return nil }
            head.append(byte)
            if head.count >= 4, head.suffix(4) == [13, 10, 13, 10] { return String(decoding: head, as: UTF8.self) }
        }
        return nil
    }

    private static func send(_ socket: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(socket, $0.baseAddress, $0.count) }
    }

    #if canImport(Glibc)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    #else
    private static let streamType = SOCK_STREAM
    #endif

    struct ProxyError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
