import Foundation
import GitHubServer
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// verify-artifacts --against-release: the built binary against the local Releases
/// API server that create-release's tests use.
@Suite struct VerifyAgainstReleaseTests {
    static let canary = "ghs_VERIFYCANARY0123456789abcdef"
    let scratch = ScratchDirectory()
    let tool = BuiltTool(name: "verify-artifacts")

    func dist(_ files: [String: String]) throws {
        try FileManager.default.createDirectory(atPath: scratch.path("dist"), withIntermediateDirectories: true)
        for (name, content) in files {
            try Data(content.utf8).write(to: URL(fileURLWithPath: scratch.path("dist/" + name)))
        }
    }

    func environment(_ server: GitHubServer, token: String? = canary) -> [String: String] {
        var environment = ["GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "octo-org/octo-repo",
                           "GITHUB_API_URL": server.urls.api, "GITHUB_OUTPUT": scratch.path("output"),
                           "GITHUB_STEP_SUMMARY": scratch.path("summary.md")]
        if let token { environment["GITHUB_TOKEN"] = token }
        return environment
    }

    func outputs() throws -> [String: String] {
        Dictionary(try GitHubOutputFileParser.parse(scratch.read("output")).map { ($0.name, $0.value) },
                   uniquingKeysWith: { _, last in last })
    }

    @Test func matchingAssetsByDigestPass() async throws {
        let server = try await GitHubServer.start(ServerOptions(tags: ["v1.0.0"]))
        defer { Task { await server.stop() } }
        try dist(["app-linux.tar.gz": "linux build\n", "app mac.zip": "mac build\n"])
        let id = await server.seedRelease(tag: "v1.0.0")
        await server.seedAsset(releaseID: id, name: "app-linux.tar.gz", content: Data("linux build\n".utf8))
        await server.seedAsset(releaseID: id, name: "app.mac.zip", content: Data("mac build\n".utf8))
        let run = try await tool.run(["--against-release", "v1.0.0", "--expect", "*"], environment: environment(server), in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try outputs()["ok"] == "true")
        #expect(await server.requests().allSatisfy { $0.host != .downloads }, "digests decide without downloading")
        // The token: announced as a mask first, and nowhere else.
        let mask = "::add-mask::\(Self.canary)\n"
        #expect(run.stderr.hasPrefix(mask))
        for text in [String(run.stderr.dropFirst(mask.count)), run.stdout, scratch.read("output"), scratch.read("summary.md")] {
            #expect(!text.contains(Self.canary))
        }
    }

    /// The release's `immutable` flag as an output; `--require-immutable` fails when off.
    @Test func immutableFlagReportedAndRequired() async throws {
        try dist(["app.tar.gz": "app\n"])
        for immutable in [true, false] {
            let server = try await GitHubServer.start(ServerOptions(immutableReleases: immutable, tags: ["v1.0.0"]))
            defer { Task { await server.stop() } }
            let id = await server.seedRelease(tag: "v1.0.0")
            await server.seedAsset(releaseID: id, name: "app.tar.gz", content: Data("app\n".utf8))
            let plain = try await tool.run(["--against-release", "v1.0.0"], environment: environment(server), in: scratch.root)
            #expect(plain.status == 0, "\(plain.stderr)")
            #expect(try outputs()["immutable"] == String(immutable))
            let required = try await tool.run(["--against-release", "v1.0.0", "--require-immutable"], environment: environment(server), in: scratch.root)
            #expect(required.status == (immutable ? 0 : 1), "\(required.stderr)")
            #expect(try outputs()["ok"] == String(immutable) && outputs()["immutable"] == String(immutable))
            if !immutable {
                #expect(required.stderr.contains("release v1.0.0 is not immutable (--require-immutable)"))
                #expect(required.stderr.contains("setting was off"))
            }
            #expect(await server.requests().allSatisfy { !$0.route.isWrite })
        }
        let alone = try await tool.run(["--require-immutable"], environment: [:], in: scratch.root)
        #expect(alone.status == 2 && alone.stderr.contains("--require-immutable needs --against-release"))
    }

    @Test func assetsWithoutADigestAreDownloadedWithoutTheToken() async throws {
        let server = try await GitHubServer.start(ServerOptions(tags: ["v1.0.0"]))
        defer { Task { await server.stop() } }
        try dist(["same.bin": "same bytes", "other.bin": "local copy"])
        let id = await server.seedRelease(tag: "v1.0.0")
        await server.seedAsset(releaseID: id, name: "same.bin", content: Data("same bytes".utf8), digest: false)
        await server.seedAsset(releaseID: id, name: "other.bin", content: Data("LOCAL COPY".utf8), digest: false)
        let run = try await tool.run(["--against-release", "v1.0.0", "--expect", "*.bin"], environment: environment(server), in: scratch.root)
        #expect(run.status == 1)
        let outputs = try outputs()
        #expect(outputs["ok"] == "false")
        #expect(outputs["mismatched"] == "other.bin", "same size, different bytes: found by hashing the download")
        #expect(await server.requests().filter { $0.host == .downloads }.count == 2, "both went through the redirect")
        #expect(await server.authorizationReachedDownloadHost() == false)
        #expect(run.stderr.contains("::error title=verify-artifacts%3A release asset differs::other.bin"))
    }

    @Test func missingOnEitherSideAndSizeDifferences() async throws {
        let server = try await GitHubServer.start(ServerOptions(tags: ["v2.0.0"]))
        defer { Task { await server.stop() } }
        try dist(["kept.deb": "deb", "new.rpm": "rpm", "grown.msi": "msi plus"])
        // A draft: get-by-tag cannot see it, the list can.
        let id = await server.seedRelease(tag: "v2.0.0", draft: true)
        await server.seedAsset(releaseID: id, name: "kept.deb", content: Data("deb".utf8))
        await server.seedAsset(releaseID: id, name: "grown.msi", content: Data("msi".utf8))
        await server.seedAsset(releaseID: id, name: "stale.pkg", content: Data("pkg".utf8))
        await server.seedAsset(releaseID: id, name: "new.rpm", content: Data("rp".utf8), state: "starter")
        let run = try await tool.run(["--against-release", "v2.0.0", "--expect", "*"], environment: environment(server), in: scratch.root)
        #expect(run.status == 1)
        let outputs = try outputs()
        #expect(outputs["missing"] == "new.rpm", "a starter asset is not the file")
        #expect(outputs["unexpected"] == "stale.pkg")
        #expect(outputs["mismatched"] == "grown.msi")
        #expect(scratch.read("summary.md").contains("differs from release v2.0.0"))
    }

    @Test func noReleaseIsExitOneAndNoTokenIsExitTwo() async throws {
        let server = try await GitHubServer.start(ServerOptions(tags: ["v3.0.0"]))
        defer { Task { await server.stop() } }
        try dist(["a.txt": "a"])
        let none = try await tool.run(["--against-release", "v3.0.0", "--expect", "*"], environment: environment(server), in: scratch.root)
        #expect(none.status == 1)
        #expect(none.stderr.contains("release v3.0.0 was not found"))
        let tokenless = try await tool.run(["--against-release", "v3.0.0"], environment: environment(server, token: nil), in: scratch.root)
        #expect(tokenless.status == 2)
        #expect(tokenless.stderr.contains("no API token"))
    }
}
