import GitHubAPI
import ReleaseKitCore

extension ToolContext {
    /// Runs `body` with the context's HTTP transport, built from the environment (proxy
    /// and CA variables) and `stallTimeout`, and closed when `body` ends, however it ends.
    /// An `injected` transport (a test's) is used as it is.
    public func withHTTPTransport<T: Sendable>(_ injected: HTTPTransport? = nil, stallTimeout: Double,
                                               _ body: (HTTPTransport) async throws -> T) async throws -> T {
        let connector = injected.map(HTTPConnector.fixed) ?? http
        let (transport, close) = try connector.open(try TransportSettings.from(environment: environment, stallTimeout: stallTimeout))
        do {
            let value = try await body(transport)
            await close()
            return value
        } catch {
            await close()
            throw error
        }
    }
}
