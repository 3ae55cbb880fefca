import Foundation
import GitHubServer
import GitLabServer
import Testing
import ReleaseKitTestSupport

/// verify-artifacts --against-release on GitLab: the built binary, the forge detected
/// from GitLab CI's variables, each link's registry file compared by its `file_sha256`
/// (nothing is downloaded).
extension VerifyAgainstReleaseTests {
    static let gitlabCanary = "glcbt-VERIFYCANARY0123456789"

    func environment(_ server: GitLabServer) -> [String: String] {
        ["GITLAB_CI": "true", "CI_API_V4_URL": server.apiURL.absoluteString, "CI_PROJECT_ID": "42", "CI_PROJECT_PATH": "group/project",
         "CI_JOB_TOKEN": Self.gitlabCanary, "GITHUB_OUTPUT": scratch.path("output")]
    }

    @Test func gitlabMissingUnexpectedAndMismatchedAsOnGitHub() async throws {
        let server = try await GitLabServer.start(GitLabServerOptions(tags: ["v2.0.0"]))
        defer { Task { await server.stop() } }
        try dist(["kept.deb": "deb", "new.rpm": "rpm", "grown.msi": "msi plus", "other.bin": "local copy"])
        await server.seedRelease(tag: "v2.0.0")
        for (name, content) in [("kept.deb", "deb"), ("grown.msi", "msi"), ("stale.pkg", "pkg"), ("other.bin", "LOCAL COPY")] {
            await server.seedLinkedFile(tag: "v2.0.0", package: "project", version: "2.0.0", fileName: name, content: Data(content.utf8))
        }
        let run = try await tool.run(["--against-release", "v2.0.0", "--expect", "*"], environment: environment(server), in: scratch.root)
        #expect(run.status == 1, "\(run.stderr)")
        let outputs = try outputs()
        #expect(outputs["missing"] == "new.rpm", "\(outputs)")
        #expect(outputs["unexpected"] == "stale.pkg", "\(outputs)")
        #expect(outputs["mismatched"] == "grown.msi,other.bin" || outputs["mismatched"] == "grown.msi\nother.bin",
                "\(outputs["mismatched"] ?? "")")
        let records = await server.records()
        #expect(!records.contains { $0.route == .storage || $0.route == .downloadPackage }, "digests come from the registry")
        #expect(records.allSatisfy { !$0.route.isWrite && $0.credentialHeaders == ["JOB-TOKEN"] })
        for text in [run.stdout, run.stderr.replacingOccurrences(of: "::add-mask::\(Self.gitlabCanary)", with: ""), scratch.read("output")] {
            #expect(!text.contains(Self.gitlabCanary))
        }
    }

    @Test func gitlabMatchingLinksPass() async throws {
        let server = try await GitLabServer.start(GitLabServerOptions(tags: ["v1.0.0"]))
        defer { Task { await server.stop() } }
        try dist(["app.tar.gz": "linux build\n"])
        await server.seedRelease(tag: "v1.0.0")
        await server.seedLinkedFile(tag: "v1.0.0", package: "project", version: "1.0.0", fileName: "app.tar.gz", content: Data("linux build\n".utf8))
        let run = try await tool.run(["--against-release", "v1.0.0", "--expect", "*"], environment: environment(server), in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try outputs()["ok"] == "true")
    }
}
