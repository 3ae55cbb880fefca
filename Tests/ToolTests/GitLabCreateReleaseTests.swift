import ArtifactFiles
import Foundation
import GitHubAPI
import GitHubServer
import GitLabAPI
import GitLabServer
import ReleaseKitCommands
import ReleaseKitCore
import ReleaseKitRuntime
import ReleaseKitTestSupport
import Testing

/// create-release with `--forge gitlab`, the job in-process against the strict local
/// GitLab over the production transport: what is GitLab's own (links by file kind, the
/// job token's header, the overwrite's order, no drafts, prereleases by name, faults on
/// GitLab's endpoints). The scenarios every forge shares are in `ForgeScenarioTests`.
/// Serialized, as GitHub's network tests are: each case runs whole jobs.
@Suite(.serialized) struct GitLabCreateReleaseTests {
    static let token = "glpat-CANARY0fc0ffee0123456789"
    static let jobToken = "glcbt-CANARYjob0123456789"

    struct Harness {
        let server: GitLabServer
        let clock: VirtualClock
        let sleeper: AdvancingSleeper
        let scratch = ScratchDirectory()

        static func start(_ options: GitLabServerOptions = GitLabServerOptions(
            tokens: [GitLabCreateReleaseTests.token: .privateToken, GitLabCreateReleaseTests.jobToken: .jobToken],
            tags: ["v1.0.0"])) async throws -> Harness {
            let clock = VirtualClock()
            return Harness(server: try await GitLabServer.start(options, clock: { clock.now() }), clock: clock, sleeper: AdvancingSleeper(clock: clock))
        }

        @discardableResult
        func file(_ name: String, _ content: String) -> String {
            try? scratch.write([name: content])
            return scratch.path(name)
        }

        func run(environment: [String: String] = ["GITLAB_TOKEN": GitLabCreateReleaseTests.token],
                 _ configure: (inout CreateReleaseSettings) -> Void = { _ in }) async -> CreateReleaseHarness.Run {
            var settings = CreateReleaseSettings()
            settings.forge = .gitlab
            settings.forgeOrigin = "--forge"
            settings.tag = "v1.0.0"
            settings.repository = "group/project"
            settings.apiURL = server.apiURL.absoluteString
            configure(&settings)
            return await CreateReleaseHarness.runJob(settings, environment: environment, scratch: scratch, clock: clock, sleeper: sleeper)
        }

        /// What each link serves, downloaded through the registry: name → bytes.
        func served() async throws -> [String: Data] {
            let client = GitLabClient(apiURL: server.apiURL, project: try GitLabProject("group/project"),
                                      credential: GitLabCredential(.privateToken, token: GitLabCreateReleaseTests.token),
                                      transport: AsyncHTTPClientTransport())
            var served: [String: Data] = [:]
            for link in try await client.listLinks(tag: "v1.0.0") {
                let destination = scratch.path("served-\(link.id)")
                try await client.download(URL(string: link.url)!, to: destination, name: link.name)
                served[link.name] = try Data(contentsOf: URL(fileURLWithPath: destination))
            }
            return served
        }
    }

    @Test func createsTheReleaseUploadsAndLinksEveryFile() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.server.stop() } }
        harness.file("dist/app-linux.tar.gz", "linux build\n")
        harness.file("dist/SHA256SUMS", "sums\n")
        let run = await harness.run { $0.assets = ["dist/*"]; $0.notes = "Notes." }
        #expect(run.status == .success, "\(run.log)")
        #expect(run.outputs["created"] == "true" && run.outputs["uploaded"] == "2" && run.outputs["skipped"] == "0", "\(run.outputs)")
        #expect(run.outputs["url"]?.hasSuffix("/group/project/-/releases/v1.0.0") == true, "\(run.outputs)")
        let release = try #require(await harness.server.release("v1.0.0"))
        #expect(release.description == "Notes.")
        #expect(Set(release.links.map(\.name)) == ["app-linux.tar.gz", "SHA256SUMS"])
        #expect(Dictionary(uniqueKeysWithValues: release.links.map { ($0.name, $0.linkType) }) == ["app-linux.tar.gz": "package", "SHA256SUMS": "other"])
        #expect(try await harness.served() == ["app-linux.tar.gz": Data("linux build\n".utf8), "SHA256SUMS": Data("sums\n".utf8)])
        #expect(!run.everything.contains(GitLabCreateReleaseTests.token))
    }

    @Test func theJobTokenGoesAsJOBTOKEN() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.server.stop() } }
        harness.file("dist/a.zip", "a\n")
        let run = await harness.run(environment: ["CI_JOB_TOKEN": GitLabCreateReleaseTests.jobToken]) { $0.assets = ["dist/a.zip"] }
        #expect(run.status == .success, "\(run.log)")
        #expect(await harness.server.records().allSatisfy { $0.onStorageHost || $0.credentialHeaders == ["JOB-TOKEN"] })
    }

    @Test func aChangedFileIsAnErrorUnlessOverwriteWhichUploadsThenRepoints() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.server.stop() } }
        harness.file("dist/a.zip", "first build\n")
        _ = await harness.run { $0.assets = ["dist/a.zip"] }
        harness.file("dist/a.zip", "second build\n")
        let refused = await harness.run { $0.assets = ["dist/a.zip"] }
        #expect(refused.status == .failure)
        #expect(refused.log.contains("--overwrite-assets"), "\(refused.log)")
        #expect(try await harness.served() == ["a.zip": Data("first build\n".utf8)])

        let overwritten = await harness.run { $0.assets = ["dist/a.zip"]; $0.overwriteAssets = true }
        #expect(overwritten.status == .success, "\(overwritten.log)")
        #expect(overwritten.outputs["replaced"] == "1", "\(overwritten.outputs)")
        #expect(try await harness.served() == ["a.zip": Data("second build\n".utf8)])
        let writes = await harness.server.records().filter(\.route.isWrite).map(\.route).suffix(2)
        #expect(Array(writes) == [.uploadPackage, .updateLink])
    }

    @Test func draftIsRefusedWithTheReason() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.server.stop() } }
        let run = await harness.run { $0.draft = true }
        #expect(run.status == .usage)
        #expect(run.log.contains("draft"), "\(run.log)")
        #expect(await harness.server.records().isEmpty)
    }

    @Test func aPrereleaseIsToldByItsName() async throws {
        let harness = try await Harness.start(GitLabServerOptions(tags: ["v2.0.0-rc.1"]))
        defer { Task { await harness.server.stop() } }
        let run = await harness.run { $0.tag = "v2.0.0-rc.1" }
        #expect(run.status == .success, "\(run.log)")
        #expect(await harness.server.release("v2.0.0-rc.1")?.name == "v2.0.0-rc.1 (prerelease)")
    }

    @Test(arguments: [
        (Fault.dropAfterBodyBytes(1000), GitLabRoute.uploadPackage),
        (.dropConnectionMidUpload, .uploadPackage),
        (.failAfterStoring(502), .uploadPackage),
        (.status(503), .createLink),
        (.status(500), .createRelease),
        (.dropAfterBodyBytes(10), .listLinks),
        (.tooManyRequests(retryAfter: 5), .uploadPackage),
        (.rateLimitExhausted(resetAfter: 20), .getRelease),
    ])
    func faultsAreRetriedAndTheRunConverges(fault: Fault, route: GitLabRoute) async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.server.stop() } }
        let big = String(repeating: "payload-", count: 40_000)
        harness.file("dist/a.tar.gz", big)
        harness.file("dist/b.zip", "b\n")
        await harness.server.inject(fault, on: route, times: 2)
        let run = await harness.run { $0.assets = ["dist/*"] }
        #expect(run.status == .success, "\(run.log)")
        #expect(await harness.server.rateLimitViolations().isEmpty)
        #expect(await harness.server.gitlabReleases().count == 1)
        #expect(try await harness.served() == ["a.tar.gz": Data(big.utf8), "b.zip": Data("b\n".utf8)])
    }
}
