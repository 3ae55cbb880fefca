import ArtifactFiles
import Foundation
import GitHubAPI
import GitHubServer
import ReleaseKitCommands
import ReleaseKitCore
import ReleaseKitRuntime
import ReleaseKitTestSupport
import Testing

/// The scenario table every forge must pass, in-process against each forge's strict
/// local server on a virtual clock (back-off moves the clock, not the test): create,
/// re-run, changed asset, overwrite, eight racing jobs, dropped connections, 5xx and
/// rate limits. The outputs have the same names everywhere.
@Suite struct ForgeScenarioTests {
    static let token = "tok_FORGECANARY0123456789abcdef"

    struct World {
        let forge: ForgeWorld
        let clock: VirtualClock
        let sleeper: AdvancingSleeper
        let scratch = ScratchDirectory()

        static func start(_ kind: ForgeKind) async throws -> World {
            let clock = VirtualClock()
            let forge = try await ForgeWorld.start(kind, tags: ["v1.0.0"], clock: { clock.now() })
            return World(forge: forge, clock: clock, sleeper: AdvancingSleeper(clock: clock))
        }

        func file(_ name: String, _ content: String) { try? scratch.write([name: content]) }

        func run(_ configure: (inout CreateReleaseSettings) -> Void = { _ in }) async -> CreateReleaseHarness.Run {
            var settings = CreateReleaseSettings()
            settings.tag = "v1.0.0"
            settings.forge = forge.forge
            settings.apiURL = forge.apiURL
            configure(&settings)
            // Attachments without digests are downloaded to RUNNER_TEMP to be hashed.
            let environment = forge.environment(token: ForgeScenarioTests.token).merging(["RUNNER_TEMP": scratch.root]) { _, new in new }
            return await CreateReleaseHarness.runJob(settings, environment: environment, scratch: scratch, clock: clock, sleeper: sleeper)
        }

        func onlyRelease() async throws -> StoredRelease {
            let releases = await forge.server.releases()
            #expect(releases.count == 1, "\(releases.map { ($0.id, $0.tagName, $0.draft) })")
            return try #require(releases.first)
        }

        func assetNames() async throws -> [String] {
            await forge.server.assets(ofRelease: try await onlyRelease().id).map(\.name).sorted()
        }

        func writes() async -> Int { await forge.server.requests().filter(\.route.isWrite).count }
    }

    /// GitHub's limits are GitHub's. Another forge's come from the instance's settings,
    /// which no read request tells (GitLab.com's generic packages take 5 GB files), so
    /// notes past GitHub's 125,000 characters are refused before any request on GitHub
    /// and published whole elsewhere.
    @Test(arguments: ForgeWorld.all)
    func githubsLimitsBindOnGitHubOnly(forge: ForgeKind) async throws {
        let w = try await World.start(forge)
        defer { Task { await w.forge.server.stop() } }
        let long = String(repeating: "Fixes a thing.\n", count: ReleaseLimits.maxNotesCharacters / 15 + 1)
        let run = await w.run { $0.notes = long }
        if forge == .github {
            #expect(run.status == .usage && run.log.contains("at most 125000"), "\(run.log)")
            #expect(await w.forge.server.requests().isEmpty)
        } else {
            #expect(run.status == .success, "\(run.log)")
            #expect(try await w.onlyRelease().body == long)
        }
    }

    @Test(arguments: ForgeWorld.all)
    func createThenRerunChangesNothing(forge: ForgeKind) async throws {
        let w = try await World.start(forge)
        defer { Task { await w.forge.server.stop() } }
        w.file("dist/app-linux.tar.gz", "linux build\n")
        w.file("dist/app-macos.zip", "macos build\n")
        let first = await w.run { $0.assets = ["dist/*"]; $0.notes = "Fixes." }
        #expect(first.status == .success, "\(first.log)")
        let release = try await w.onlyRelease()
        #expect(!release.draft && release.body == "Fixes.")
        #expect(try await w.assetNames() == ["app-linux.tar.gz", "app-macos.zip"])
        #expect(first.outputs["created"] == "true" && first.outputs["uploaded"] == "2" && first.outputs["skipped"] == "0"
                && first.outputs["replaced"] == "0")
        #expect(first.outputs["id"] == String(release.id) && !(first.outputs["url"] ?? "").isEmpty)
        let listed = try JSONSerialization.jsonObject(with: Data((first.outputs["assets"] ?? "").utf8)) as? [[String: Any]]
        #expect(listed?.count == 2)
        let before = await w.writes()
        let again = await w.run { $0.assets = ["dist/*"] }
        #expect(again.status == .success, "\(again.log)")
        #expect(again.outputs["created"] == "false" && again.outputs["skipped"] == "2" && again.outputs["uploaded"] == "0")
        #expect(await w.writes() == before, "a re-run writes nothing")
        #expect(!(first.log + again.log + first.summary).contains(Self.token))
    }

    @Test(arguments: ForgeWorld.all)
    func changedAssetIsAConflictUnlessOverwriting(forge: ForgeKind) async throws {
        let w = try await World.start(forge)
        defer { Task { await w.forge.server.stop() } }
        w.file("app.bin", "version one\n")
        #expect(await w.run { $0.assets = ["app.bin"] }.status == .success)
        w.file("app.bin", "version two\n")
        let refused = await w.run { $0.assets = ["app.bin"] }
        #expect(refused.status == .failure, "\(refused.log)")
        #expect(refused.log.contains("--overwrite-assets"), "\(refused.log)")
        w.file("app.bin", "version three, longer\n")
        let resized = await w.run { $0.assets = ["app.bin"] }
        #expect(resized.status == .failure && resized.log.contains("size 12 on \(forge.displayName), 22 locally"), "\(resized.log)")
        w.file("app.bin", "version two\n")
        let replaced = await w.run { $0.assets = ["app.bin"]; $0.overwriteAssets = true }
        #expect(replaced.status == .success, "\(replaced.log)")
        #expect(replaced.outputs["replaced"] == "1")
        let assets = await w.forge.server.assets(ofRelease: try await w.onlyRelease().id)
        #expect(assets.map(\.name) == ["app.bin"])
        #expect(assets.first?.digest == "sha256:" + StreamingSHA256.hexDigest(of: Data("version two\n".utf8)))
    }

    /// Eight matrix jobs for one tag, each with its own file and one shared file,
    /// end with one release holding every file once.
    @Test(arguments: ForgeWorld.all)
    func eightConcurrentJobsEndWithOneRelease(forge: ForgeKind) async throws {
        let w = try await World.start(forge)
        defer { Task { await w.forge.server.stop() } }
        for index in 0..<8 {
            w.file("job\(index)/part-\(index).bin", String(repeating: "\(index)", count: 2000 + index))
            w.file("job\(index)/checksums.txt", "shared by every job\n")
        }
        let runs = await withTaskGroup(of: CreateReleaseHarness.Run.self) { group in
            for index in 0..<8 { group.addTask { await w.run { $0.assets = ["job\(index)/*"] } } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for run in runs { #expect(run.status == .success, "\(run.log)") }
        let release = try await w.onlyRelease()
        #expect(!release.draft)
        #expect(try await w.assetNames() == ["checksums.txt"] + (0..<8).map { "part-\($0).bin" })
        #expect(Set(runs.compactMap { $0.outputs["id"] }) == [String(release.id)])
    }

    /// Dropped connections mid-upload, 5xx and rate limits: retried, converged, every file there once.
    @Test(arguments: ForgeWorld.all)
    func survivesDropsServerErrorsAndRateLimits(forge: ForgeKind) async throws {
        let w = try await World.start(forge)
        defer { Task { await w.forge.server.stop() } }
        for index in 1...4 { w.file("dist/asset-\(index).bin", String(repeating: "x", count: 50_000) + String(index)) }
        await w.forge.server.inject(.status(502), on: .createRelease, times: 1)
        await w.forge.server.schedule(.dropAfterBodyBytes(20_000), on: .upload, at: [1, 3])
        await w.forge.server.schedule(.failAfterStoring(502), on: .upload, at: [4])
        await w.forge.server.inject(w.forge.rateLimitFault, on: .listAssets, times: 2)
        await w.forge.server.inject(.status(503), on: .updateRelease, times: 1)
        let run = await w.run { $0.assets = ["dist/*.bin"]; $0.concurrency = 2 }
        #expect(run.status == .success, "\(run.log)")
        let release = try await w.onlyRelease()
        #expect(!release.draft)
        #expect(try await w.assetNames() == (1...4).map { "asset-\($0).bin" })
        #expect(run.outputs["uploaded"].flatMap(Int.init).map { $0 + Int(run.outputs["skipped"] ?? "0")! } == 4)
        #expect(!(await w.forge.server.authorizationReachedDownloadHost()))
    }

    /// An upload the server takes and never answers: the stall timeout aborts it, the
    /// release is looked at again, and the file lands once.
    @Test(arguments: ForgeWorld.all)
    func aStalledUploadIsRetried(forge: ForgeKind) async throws {
        let w = try await World.start(forge)
        defer { Task { await w.forge.server.stop() } }
        w.file("dist/a.bin", "a\n")
        await w.forge.server.inject(.neverAnswer(readBody: true), on: .upload, times: 1)
        let run = await w.run { $0.assets = ["dist/a.bin"]; $0.stallTimeout = 5 }
        #expect(run.status == .success, "\(run.log)")
        #expect(run.log.contains("stalled"), "\(run.log)")
        #expect(try await w.assetNames() == ["a.bin"])
    }

    /// A dry run reads (and, without digests, downloads) but never writes.
    @Test(arguments: ForgeWorld.all)
    func aDryRunSendsNoWrite(forge: ForgeKind) async throws {
        let w = try await World.start(forge)
        defer { Task { await w.forge.server.stop() } }
        w.file("a.bin", "one\n")
        #expect(await w.run { $0.assets = ["a.bin"] }.status == .success)
        let before = await w.writes()
        w.file("a.bin", "two\n")
        w.file("b.bin", "new\n")
        let dry = await w.run { $0.assets = ["a.bin", "b.bin"]; $0.overwriteAssets = true; $0.dryRun = true }
        #expect(dry.status == .success, "\(dry.log)")
        #expect(dry.log.contains("would replace a.bin") && dry.log.contains("would upload b.bin"), "\(dry.log)")
        #expect(await w.writes() == before)
    }
}
