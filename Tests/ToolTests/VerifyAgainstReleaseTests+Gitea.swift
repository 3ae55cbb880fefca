import Foundation
import GitHubServer
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// verify-artifacts --against-release on Forgejo and Gitea: the built binary, the forge
/// detected from the runner's variables, attachments compared by name and size and,
/// since Gitea lists no digests, by hashing a streamed download of each same-size one.
extension VerifyAgainstReleaseTests {
    static let giteaCanary = "fj_VERIFYCANARY0123456789abcdef"

    func environment(_ server: GiteaServer, marker: String) -> [String: String] {
        ["GITHUB_ACTIONS": "true", marker: "true", "GITHUB_REPOSITORY": "octo-org/octo-repo", "GITHUB_SERVER_URL": server.serverURL,
         marker == "FORGEJO_ACTIONS" ? "FORGEJO_TOKEN" : "GITEA_TOKEN": Self.giteaCanary, "RUNNER_TEMP": scratch.root,
         "GITHUB_OUTPUT": scratch.path("output"), "GITHUB_STEP_SUMMARY": scratch.path("summary.md")]
    }

    @Test(arguments: ["FORGEJO_ACTIONS", "GITEA_ACTIONS"])
    func giteaMissingUnexpectedAndMismatchedAsOnGitHub(marker: String) async throws {
        let server = try await GiteaServer.start(ServerOptions(tags: ["v2.0.0"]))
        defer { Task { await server.stop() } }
        try dist(["kept.deb": "deb", "new.rpm": "rpm", "grown.msi": "msi plus", "other.bin": "local copy"])
        let id = await server.seedRelease(tag: "v2.0.0", draft: true)
        await server.seedAsset(releaseID: id, name: "kept.deb", content: Data("deb".utf8))
        await server.seedAsset(releaseID: id, name: "grown.msi", content: Data("msi".utf8))
        await server.seedAsset(releaseID: id, name: "stale.pkg", content: Data("pkg".utf8))
        await server.seedAsset(releaseID: id, name: "other.bin", content: Data("LOCAL COPY".utf8))
        let run = try await tool.run(["--against-release", "v2.0.0", "--expect", "*"], environment: environment(server, marker: marker),
                                     in: scratch.root)
        #expect(run.status == 1, "\(run.stderr)")
        let outputs = try outputs()
        #expect(outputs["missing"] == "new.rpm")
        #expect(outputs["unexpected"] == "stale.pkg")
        #expect(outputs["mismatched"] == "grown.msi,other.bin" || outputs["mismatched"] == "grown.msi\nother.bin",
                "\(outputs["mismatched"] ?? "")")
        // Same size, so both same-size attachments were downloaded (through the redirect), without the token.
        #expect(await server.requests().filter { $0.host == .downloads }.count == 2)
        #expect(await server.authorizationReachedDownloadHost() == false)
        #expect(await server.requests().allSatisfy { !$0.route.isWrite })
        for text in [run.stdout, run.stderr.replacingOccurrences(of: "::add-mask::\(Self.giteaCanary)", with: ""), scratch.read("output")] {
            #expect(!text.contains(Self.giteaCanary))
        }
    }

    @Test func giteaMatchingAttachmentsPass() async throws {
        let server = try await GiteaServer.start(ServerOptions(tags: ["v1.0.0"]))
        defer { Task { await server.stop() } }
        try dist(["app.tar.gz": "linux build\n"])
        let id = await server.seedRelease(tag: "v1.0.0")
        await server.seedAsset(releaseID: id, name: "app.tar.gz", content: Data("linux build\n".utf8))
        let run = try await tool.run(["--against-release", "v1.0.0", "--expect", "*"],
                                     environment: environment(server, marker: "FORGEJO_ACTIONS"), in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try outputs()["ok"] == "true")
        let refused = try await tool.run(["--against-release", "v1.0.0", "--require-immutable"],
                                         environment: environment(server, marker: "FORGEJO_ACTIONS"), in: scratch.root)
        #expect(refused.status == 2 && refused.stderr.contains("Forgejo (forge from the CI environment) has no immutable releases"),
                "\(refused.stderr)")
    }
}
