import GitHubAPI
import ReleaseKitCore

/// How a run gets its HTTP transport. The production transport can only be built once
/// the tool has its settings (`--stall-timeout`) and must be shut down when the run's
/// requests end, so the context carries this opener rather than a transport.
public struct HTTPConnector: Sendable {
    /// Opens a transport for `settings`; the second value closes it.
    public let open: @Sendable (TransportSettings) throws -> (transport: HTTPTransport, close: @Sendable () async -> Void)

    public init(open: @escaping @Sendable (TransportSettings) throws -> (transport: HTTPTransport, close: @Sendable () async -> Void)) {
        self.open = open
    }

    /// async-http-client on SwiftNIO, one client per run.
    public static let live = HTTPConnector { settings in
        let transport = AsyncHTTPClientTransport(settings: settings)
        return (transport, { await transport.shutdown() })
    }

    /// Always the given transport (a test's), which the run does not close.
    public static func fixed(_ transport: HTTPTransport) -> HTTPConnector {
        HTTPConnector { _ in (transport, {}) }
    }

    /// The connector of `ToolContext.failing`.
    public static let failing = HTTPConnector { _ in unreplaced("http") }
}
