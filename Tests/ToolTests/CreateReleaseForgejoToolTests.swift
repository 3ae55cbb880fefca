import Foundation
import GitHubServer
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// create-release as a Forgejo Actions step runs it: the built binary, the forge, the
/// repository, the API URL and the token all from the runner's variables.
@Suite struct CreateReleaseForgejoToolTests {
    static let canary = "fj_CREATECANARY0123456789abcdef"
    let tool = BuiltTool(name: "create-release")
    let scratch = ScratchDirectory()

    @Test func aForgejoRunnerNeedsNoForgeFlags() async throws {
        let server = try await GiteaServer.start(ServerOptions(tags: ["v1.0.0"]))
        defer { Task { await server.stop() } }
        try scratch.write(["dist/app.tar.gz": "app\n"])
        let env = ["GITHUB_ACTIONS": "true", "FORGEJO_ACTIONS": "true", "GITHUB_REPOSITORY": "octo-org/octo-repo",
                   "GITHUB_SERVER_URL": server.serverURL, "GITHUB_TOKEN": Self.canary, "RUNNER_TEMP": scratch.root,
                   "GITHUB_REF": "refs/tags/v1.0.0", "GITHUB_OUTPUT": scratch.path("output")]
        let run = try await tool.run(["--asset", "dist/*"], environment: env, in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = Dictionary(try GitHubOutputFileParser.parse(scratch.read("output")).map { ($0.name, $0.value) },
                                 uniquingKeysWith: { _, last in last })
        let release = try #require(await server.releases().first)
        #expect(!release.draft && outputs["id"] == String(release.id) && outputs["created"] == "true" && outputs["uploaded"] == "1")
        #expect(await server.assets(ofRelease: release.id).map(\.name) == ["app.tar.gz"])
        let mask = "::add-mask::\(Self.canary)\n"
        #expect(run.stderr.hasPrefix(mask))
        #expect(!String(run.stderr.dropFirst(mask.count)).contains(Self.canary) && !scratch.read("output").contains(Self.canary))
        let draft = try await tool.run(["--asset", "dist/*", "--forge", "gitlab", "--draft"], environment: env, in: scratch.root)
        #expect(draft.status == 2 && draft.stderr.contains("GitLab (forge from --forge) has no draft releases"), "\(draft.stderr)")
    }
}
