import Foundation
import ReleaseKitCore

/// What the production transport needs from flags and the environment, resolved once.
public struct TransportSettings: Sendable, Equatable {
    /// Seconds to establish a TCP (and TLS) connection.
    public var connectTimeout: Double
    /// Seconds a request may go without sending or receiving a byte before it is
    /// aborted and retried as a connection failure. There is deliberately no deadline
    /// for the whole request: a 1.9 GiB upload on a slow link is slow, not stalled.
    public var stallTimeout: Double
    public var proxy: ProxySettings
    /// CA files or hashed directories trusted in addition to the system store:
    /// `SSL_CERT_FILE` and the `:`-separated `SSL_CERT_DIR`, as OpenSSL reads them, so
    /// a GitHub Enterprise Server with a private CA works the way it does for curl.
    public var extraTrustRoots: [String]

    public static let defaultStallTimeout = 30.0

    public init(connectTimeout: Double = 10, stallTimeout: Double = TransportSettings.defaultStallTimeout,
                proxy: ProxySettings = ProxySettings(), extraTrustRoots: [String] = []) {
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
        self.proxy = proxy
        self.extraTrustRoots = extraTrustRoots
    }

    /// Reads the proxy and CA variables. `stallTimeout` comes from `--stall-timeout`.
    public static func from(environment: [String: String], stallTimeout: Double = defaultStallTimeout) throws -> TransportSettings {
        guard stallTimeout.isFinite, stallTimeout >= 1, stallTimeout <= 86_400 else {
            throw InputError("--stall-timeout \(stallTimeout): expected a number of seconds from 1 to 86400")
        }
        var roots: [String] = []
        if let file = environment["SSL_CERT_FILE"], !file.isEmpty {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw InputError("SSL_CERT_FILE=\(file): no readable file there; expected a PEM file of CA certificates")
            }
            roots.append(file)
        }
        if let directories = environment["SSL_CERT_DIR"] {
            for directory in directories.split(separator: ":").map(String.init) where !directory.isEmpty {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw InputError("SSL_CERT_DIR names \(directory), which is not a directory; expected directories of hashed CA certificates")
                }
                roots.append(directory)
            }
        }
        return TransportSettings(stallTimeout: stallTimeout, proxy: try ProxySettings.from(environment: environment), extraTrustRoots: roots)
    }
}
