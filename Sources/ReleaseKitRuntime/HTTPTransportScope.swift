import GitHubAPI
import ReleaseKitCore

extension ToolContext {
    /// Runs `body` with the HTTP transport: the one a test injected, or the production
    /// one built from the environment (proxy and CA variables) and `--stall-timeout`,
    /// whose connections are closed when `body` ends, however it ends.
    public func withHTTPTransport<T: Sendable>(_ injected: HTTPTransport?, stallTimeout: Double,
                                        _ body: (HTTPTransport) async throws -> T) async throws -> T {
        if let injected { return try await body(injected) }
        let transport = AsyncHTTPClientTransport(settings: try TransportSettings.from(environment: environment, stallTimeout: stallTimeout))
        do {
            let value = try await body(transport)
            await transport.shutdown()
            return value
        } catch {
            await transport.shutdown()
            throw error
        }
    }
}
