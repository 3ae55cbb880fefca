import Foundation
import GitHubServer
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// create-release as a workflow step runs it: the built binary, in its own process,
/// against the local server.
@Suite struct CreateReleaseToolTests {
    let tool = BuiltTool(name: "create-release")

    /// Runs the binary on a dispatch thread: the server in this process needs the
    /// cooperative threads the blocking wait would otherwise hold.
    func run(_ arguments: [String], environment: [String: String], in directory: String) async throws -> BuiltTool.Run {
        try await tool.run(arguments, environment: environment, in: directory)
    }

    func environment(_ h: CreateReleaseHarness, _ extra: [String: String] = [:]) -> [String: String] {
        var env = ["GITHUB_TOKEN": CreateReleaseHarness.canary, "GITHUB_REPOSITORY": "octo-org/octo-repo",
                   "GITHUB_API_URL": h.server.urls.api]
        env.merge(extra) { _, new in new }
        return env
    }

    @Test func everyOutputInGitHubOutputAndNoTokenAnywhere() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        h.file("dist/app.tar.gz", "app\n")
        let env = environment(h, ["GITHUB_ACTIONS": "true", "GITHUB_REF": "refs/tags/v1.0.0", "RUNNER_DEBUG": "1",
                                  "GITHUB_OUTPUT": h.scratch.path("output"), "GITHUB_STEP_SUMMARY": h.scratch.path("summary")])
        let run = try await run(["--asset", "dist/*", "--verbose"], environment: env, in: h.scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = try GitHubOutputFileParser.parse(h.scratch.read("output"))
        #expect(outputs.map(\.name) == ["id", "url", "upload-url", "tag", "created", "draft", "prerelease", "assets", "uploaded", "skipped", "replaced", "immutable"])
        let summary = h.scratch.read("summary")
        #expect(summary.contains("### create-release") && summary.contains("| app.tar.gz |"))
        // The mask announcement comes before anything else and is the token's only appearance.
        let mask = "::add-mask::\(CreateReleaseHarness.canary)\n"
        #expect(run.stderr.hasPrefix(mask))
        for text in [run.stdout, String(run.stderr.dropFirst(mask.count)), h.scratch.read("output"), summary] {
            #expect(!text.contains(CreateReleaseHarness.canary))
        }
    }

    /// --publish without --expect-asset takes `.releasekit.yml` `artifacts`, as verify-artifacts does.
    @Test func publishChecksTheConfiguredArtifacts() async throws {
        let h = try await CreateReleaseHarness.start(ServerOptions(immutableReleases: true, tags: ["v1.0.0"]))
        defer { Task { await h.server.stop() } }
        h.file(".releasekit.yml", "artifacts:\n  - \"app-{version}-*.tar.gz\"\n  - SHA256SUMS\n")
        let draft = await h.server.seedRelease(tag: "v1.0.0", draft: true)
        await h.server.seedAsset(releaseID: draft, name: "app-1.0.0-linux.tar.gz", content: Data("linux".utf8))
        let env = environment(h)
        let refused = try await run(["--tag", "v1.0.0", "--publish"], environment: env, in: h.scratch.root)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("patterns from artifacts in .releasekit.yml): SHA256SUMS: no asset on the release matches"), "\(refused.stderr)")
        #expect(await h.writes().isEmpty)
        h.file("SHA256SUMS", "sums\n")
        let published = try await run(["--tag", "v1.0.0", "--publish", "--asset", "SHA256SUMS", "--json"], environment: env, in: h.scratch.root)
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stdout.contains("\"immutable\":\"true\"") || published.stdout.contains("\"immutable\": \"true\""), "\(published.stdout)")
        #expect(await h.server.releases().first?.immutable == true)
        let draftAndExpect = try await run(["--tag", "v1.0.0", "--draft", "--expect-asset", "x"], environment: env, in: h.scratch.root)
        #expect(draftAndExpect.status == 2)
    }

    @Test func eightConcurrentInvocationsEndWithOneRelease() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        for index in 0..<8 {
            h.file("job\(index)/part-\(index).bin", String(repeating: "\(index)", count: 2000 + index))
            h.file("job\(index)/checksums.txt", "shared by every job\n")
        }
        let env = environment(h)
        let runs = try await withThrowingTaskGroup(of: BuiltTool.Run.self) { group in
            for index in 0..<8 {
                group.addTask {
                    try await run(["--tag", "v1.0.0", "--asset", "job\(index)/*", "--json"], environment: env, in: h.scratch.root)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for run in runs { #expect(run.status == 0, "\(run.stderr)") }
        let releases = await h.server.releases()
        #expect(releases.count == 1, "\(releases.map { ($0.id, $0.draft) })")
        let release = try #require(releases.first)
        #expect(!release.draft)
        let assets = await h.server.assets(ofRelease: release.id)
        #expect(assets.map(\.name).sorted() == ["checksums.txt"] + (0..<8).map { "part-\($0).bin" })
        #expect(assets.allSatisfy { $0.state == "uploaded" })
        let ids = Set(runs.compactMap { try? JSONSerialization.jsonObject(with: Data($0.stdout.utf8)) as? [String: String] }.compactMap { $0["id"] })
        #expect(ids == [String(release.id)])
    }

    @Test func dryRunWithoutATokenSendsNothing() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        h.file("a.txt", "a")
        var env = environment(h)
        env.removeValue(forKey: "GITHUB_TOKEN")
        let run = try await run(["--tag", "v1.0.0", "--asset", "a.txt", "--dry-run", "--json"], environment: env, in: h.scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("would upload a.txt"))
        #expect(await h.server.requests().isEmpty)
        let real = try await self.run(["--tag", "v1.0.0", "--asset", "a.txt"], environment: env, in: h.scratch.root)
        #expect(real.status == 2 && real.stderr.contains("no API token"))
    }

    @Test func contractFlagsAndUsageErrors() async throws {
        let scratch = ScratchDirectory()
        let help = try await tool.run(["--help"], in: scratch.root)
        for flag in ["--tag", "--name", "--notes", "--notes-file", "--generate-notes", "--draft", "--prerelease", "--latest", "--target",
                     "--discussion-category", "--asset", "--overwrite-assets", "--force-recreate", "--verify-tag", "--repository",
                     "--api-url", "--token-env", "--concurrency", "--max-attempts", "--dry-run", "--json", "--output-file"] {
            #expect(help.stdout.contains(flag), "missing \(flag)")
        }
        #expect(try await tool.run(["--prerelease", "maybe"], in: scratch.root).status == 2)
        #expect(try await tool.run(["--latest", "sometimes"], in: scratch.root).status == 2)
        #expect(try await tool.run(["--tag", "v1", "--repository", "o/r", "--dry-run", "--concurrency", "0"], in: scratch.root).status == 2)
    }

    @Test func tokenFromTheNamedVariable() async throws {
        let h = try await CreateReleaseHarness.start(ServerOptions(acceptedTokens: ["ghp_fromCustomVar123"], tags: ["v1.0.0"]))
        defer { Task { await h.server.stop() } }
        var env = environment(h, ["RELEASE_TOKEN": "ghp_fromCustomVar123"])
        env["GITHUB_TOKEN"] = "ghs_notThisOne"
        let run = try await run(["--tag", "v1.0.0", "--token-env", "RELEASE_TOKEN"], environment: env, in: h.scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("ghp_fromCustomVar123") && !run.stdout.contains("ghp_fromCustomVar123"))
    }
}
