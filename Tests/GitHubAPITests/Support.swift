import Foundation
import GitHubAPI
import GitHubServer
import ReleaseKitTestSupport

/// A server and a client to talk to it, on one virtual clock.
struct APIHarness {
    let server: GitHubServer
    let clock: VirtualClock
    let sleeper: AdvancingSleeper
    let token = "ghs_canaryTOKEN0123456789"

    static func start(_ options: ServerOptions = ServerOptions(tags: ["v1.0.0"])) async throws -> APIHarness {
        let clock = VirtualClock()
        return APIHarness(server: try await GitHubServer.start(options, clock: { clock.now() }), clock: clock,
                          sleeper: AdvancingSleeper(clock: clock))
    }

    func client(token: String? = nil, maxAttempts: Int = 6, repository: String = "octo-org/octo-repo",
                allowsWrites: Bool = true, transport: HTTPTransport = AsyncHTTPClientTransport()) -> GitHubClient {
        GitHubClient(apiURL: server.apiURL, repository: repository, token: token ?? self.token, transport: transport,
                     retry: RetryPolicy(maxAttempts: maxAttempts, random: { 0.5 }), sleeper: sleeper, now: { [clock] in clock.now() },
                     allowsWrites: allowsWrites)
    }
}

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/github-api")

    /// The recorded exchanges of one fixture file.
    static func exchanges(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: root.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    }
}

/// A temporary file with the given bytes.
func temporaryFile(_ name: String, _ content: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("releasekit-api-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    try Data(content.utf8).write(to: URL(fileURLWithPath: path))
    return path
}
