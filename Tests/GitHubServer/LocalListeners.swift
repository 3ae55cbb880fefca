import FlyingFox
import FlyingSocks
import Foundation
import GitHubAPI

/// The listeners a local forge server plays its hosts with, one per host, each on a
/// free port of 127.0.0.1: what the GitHub and the Gitea server start the same way.
public struct LocalListeners: Sendable {
    let servers: [HTTPServer]
    let tasks: [Task<Void, Never>]
    public let ports: [UInt16]

    public static func start(_ hosts: [RecordedRequest.Host], name: String,
                      handle: @escaping @Sendable (HTTPRequest, RecordedRequest.Host) async -> HTTPResponse) async throws -> LocalListeners {
        var servers: [HTTPServer] = []
        var tasks: [Task<Void, Never>] = []
        var ports: [UInt16] = []
        for host in hosts {
            let config = HTTPServer.Configuration(
                address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 3600,
                sharedRequestBufferSize: 64 * 1024, sharedRequestReplaySize: 64 * 1024, logger: .disabled)
            let server = HTTPServer(config: config, handler: ClosureHTTPHandler { request in await handle(request, host) })
            tasks.append(Task { try? await server.run() })
            try await server.waitUntilListening(timeout: 10)
            guard case .ip4(_, let port)? = await server.listeningAddress else {
                throw TransportError("the local \(name) server could not listen")
            }
            servers.append(server)
            ports.append(port)
        }
        return LocalListeners(servers: servers, tasks: tasks, ports: ports)
    }

    public func stop() async {
        for server in servers { await server.stop(timeout: 1) }
        for task in tasks { task.cancel() }
    }
}

extension HTTPRequest {
    /// Reads and discards a body the answer does not need, so the connection stays
    /// usable (or, with `upTo`, only that much of it).
    public func drain(upTo limit: Int = .max) async {
        var read = 0
        do {
            for try await chunk in bodySequence {
                read += chunk.count
                if read >= limit { return }
            }
        } catch {}
    }

    /// The body as a JSON object; empty when it is none.
    public func jsonObject() async -> [String: Any] {
        guard let data = try? await bodyData else { return [:] }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }
}

/// What the shared scenario tables drive on any forge's local server.
public protocol LocalForgeServer: Sendable {
    func releases() async -> [StoredRelease]
    func assets(ofRelease id: Int) async -> [StoredAsset]
    func requests() async -> [RecordedRequest]
    func inject(_ fault: Fault, on route: Route?, times: Int) async
    func schedule(_ fault: Fault, on route: Route, at ordinals: [Int]) async
    func authorizationReachedDownloadHost() async -> Bool
    func stop() async
}

extension GitHubServer: LocalForgeServer {}
extension GiteaServer: LocalForgeServer {}
