import Foundation
import GitHubAPI
import GitLabAPI
import GitLabServer
import ReleaseKitTestSupport

/// A local GitLab and clients to talk to it, on one virtual clock.
struct GitLabHarness {
    let server: GitLabServer
    let clock: VirtualClock
    let sleeper: AdvancingSleeper
    static let token = "glpat-canaryTOKEN0123456789"
    static let jobToken = "glcbt-canaryJOB0123456789"

    static func start(_ options: GitLabServerOptions = GitLabServerOptions(
        tokens: [token: .privateToken, jobToken: .jobToken], tags: ["v1.0.0"])) async throws -> GitLabHarness {
        let clock = VirtualClock()
        return GitLabHarness(server: try await GitLabServer.start(options, clock: { clock.now() }), clock: clock,
                             sleeper: AdvancingSleeper(clock: clock))
    }

    func client(_ credential: GitLabCredential? = GitLabCredential(.privateToken, token: GitLabHarness.token),
                project: String = "group/project", maxAttempts: Int = 6, allowsWrites: Bool = true,
                gate: RateLimitGate? = nil) throws -> GitLabClient {
        GitLabClient(apiURL: server.apiURL, project: try GitLabProject(project), credential: credential,
                     transport: AsyncHTTPClientTransport(), retry: RetryPolicy(maxAttempts: maxAttempts, random: { 0.5 }),
                     sleeper: sleeper, now: { [clock] in clock.now() }, allowsWrites: allowsWrites, gate: gate)
    }
}

/// A file of `count` patterned bytes in `directory`, and its bytes.
func writeFixture(_ name: String, count: Int, salt: UInt8 = 0, in directory: ScratchDirectory) throws -> (path: String, data: Data) {
    let data = Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ ($0 >> 9)) ^ salt })
    let path = directory.path(name)
    try data.write(to: URL(fileURLWithPath: path))
    return (path, data)
}
