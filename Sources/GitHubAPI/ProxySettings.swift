import Foundation
import ReleaseKitCore

/// The forward proxy a request goes through, chosen from the environment the way curl
/// chooses it, because that is what runner images and corporate networks are set up
/// for: `https_proxy`/`HTTPS_PROXY` for https URLs, `http_proxy`/`HTTP_PROXY` for http
/// URLs (the lower-case name first when both are set), and `no_proxy`/`NO_PROXY`
/// naming the hosts that are reached directly.
public struct ProxySettings: Sendable, Equatable {
    /// One proxy server: `http://[user:password@]host[:port]`.
    public struct Server: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var username: String?
        public var password: String?
        /// Where it came from, for messages (`HTTPS_PROXY`): never the credentials.
        public var variable: String

        public var description: String { "\(host):\(port) (from \(variable))" }
    }

    public var https: Server?
    public var http: Server?
    public var noProxy: [String]

    public init(https: Server? = nil, http: Server? = nil, noProxy: [String] = []) {
        self.https = https
        self.http = http
        self.noProxy = noProxy
    }

    /// Reads the variables. A value that is not an http:// proxy URL is bad input
    /// (exit 2) rather than silently going direct: on a network that needs the proxy,
    /// going direct is a hang until the connect timeout.
    public static func from(environment: [String: String]) throws -> ProxySettings {
        func pick(_ names: [String]) -> (String, String)? {
            for name in names { if let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty { return (name, value) } }
            return nil
        }
        let https = try pick(["https_proxy", "HTTPS_PROXY"]).map { try parse($0.1, variable: $0.0) }
        let http = try pick(["http_proxy", "HTTP_PROXY"]).map { try parse($0.1, variable: $0.0) }
        let noProxy = (pick(["no_proxy", "NO_PROXY"])?.1 ?? "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        return ProxySettings(https: https, http: http, noProxy: noProxy)
    }

    /// `http://user:pass@host:port`, `host:port` or `host` (curl's default proxy port is 1080).
    static func parse(_ value: String, variable: String) throws -> Server {
        var text = value.trimmingCharacters(in: .whitespaces)
        if !text.contains("://") { text = "http://" + text }
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw InputError("\(variable) is not a proxy URL; expected http://HOST:PORT")
        }
        guard components.scheme?.lowercased() == "http" else {
            throw InputError("\(variable) uses \(components.scheme ?? "?")://; only http:// proxies are supported (TLS to the destination still goes through the tunnel)")
        }
        let port = components.port ?? 1080
        guard (1...65_535).contains(port) else { throw InputError("\(variable) has port \(port); expected 1 to 65535") }
        var bare = host
        if bare.hasPrefix("["), bare.hasSuffix("]") { bare = String(bare.dropFirst().dropLast()) }
        return Server(host: bare, port: port, username: components.user?.removingPercentEncoding,
                      password: components.password?.removingPercentEncoding, variable: variable)
    }

    /// The proxy for `url`, or nil to connect directly.
    public func server(for url: URL) -> Server? {
        let scheme = (url.scheme ?? "").lowercased()
        guard let chosen = scheme == "https" ? https : scheme == "http" ? http : nil else { return nil }
        guard let host = url.host else { return chosen }
        return Self.bypasses(host: host, port: url.port, noProxy: noProxy) ? nil : chosen
    }

    /// curl's `no_proxy` rule: `*` matches every host; an entry matches the host itself
    /// and every name below it (a leading dot is optional); an IP address or CIDR block
    /// matches addresses; `host:port` matches only that port. Case-insensitive.
    public static func bypasses(host rawHost: String, port: Int?, noProxy: [String]) -> Bool {
        var host = rawHost.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        while host.hasSuffix(".") { host.removeLast() }
        for var entry in noProxy {
            if entry == "*" { return true }
            var entryPort: Int?
            if let colon = entry.lastIndex(of: ":"), !entry.hasPrefix("["), entry.firstIndex(of: ":") == colon,
               let number = Int(entry[entry.index(after: colon)...]) {
                entryPort = number
                entry = String(entry[..<colon])
            }
            if entry.hasPrefix("["), let close = entry.firstIndex(of: "]") { entry = String(entry[entry.index(after: entry.startIndex)..<close]) }
            if let entryPort, entryPort != port { continue }
            if entry.contains("/") {
                if let block = IPv4Block(entry), let address = IPv4Block.address(host), block.contains(address) { return true }
                continue
            }
            while entry.hasPrefix(".") { entry.removeFirst() }
            while entry.hasSuffix(".") { entry.removeLast() }
            if entry.isEmpty { continue }
            if host == entry || host.hasSuffix("." + entry) { return true }
        }
        return false
    }

    /// An IPv4 CIDR block such as `10.0.0.0/8`.
    struct IPv4Block {
        var network: UInt32
        var mask: UInt32

        init?(_ text: String) {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let address = Self.address(String(parts[0])),
                  let bits = Int(parts[1]), (0...32).contains(bits) else { return nil }
            mask = bits == 0 ? 0 : UInt32.max << UInt32(32 - bits)
            network = address & mask
        }

        func contains(_ address: UInt32) -> Bool { address & mask == network }

        static func address(_ text: String) -> UInt32? {
            let octets = text.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4 else { return nil }
            var value: UInt32 = 0
            for octet in octets {
                guard let byte = UInt8(octet) else { return nil }
                value = value << 8 | UInt32(byte)
            }
            return value
        }
    }
}
