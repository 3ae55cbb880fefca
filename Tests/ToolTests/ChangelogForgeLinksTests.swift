import ReleaseKitCore
import ReleaseKitRuntime
import Testing
@testable import ReleaseKitCommands

/// render-changelog's links follow the runner: a Forgejo or Gitea Actions job whose
/// host says nothing about the forge still gets that forge's links.
@Suite struct ChangelogForgeLinksTests {
    @Test(arguments: ["FORGEJO_ACTIONS", "GITEA_ACTIONS"])
    func giteaRunnersGetGiteaLinks(marker: String) async throws {
        let ci = CIEnvironment(["GITHUB_ACTIONS": "true", marker: "true", "GITHUB_SERVER_URL": "https://git.example.org",
                                "GITHUB_REPOSITORY": "acme/widget"])
        let links = try #require(await RenderChangelogJob.links(ci: ci) { nil })
        #expect(links.forge == .gitea)
        #expect(links.commit("abc123") == "https://git.example.org/acme/widget/commit/abc123")
        #expect(links.compare("v1.0.0", "v1.1.0") == "https://git.example.org/acme/widget/compare/v1.0.0...v1.1.0")
    }
}
