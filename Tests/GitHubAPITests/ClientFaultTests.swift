import Foundation
import Testing
@testable import GitHubAPI
import GitHubServer
import ReleaseKitTestSupport

/// Every fault kind the server injects, against the real client over async-http-client.
@Suite struct ClientFaultTests {
    @Test(arguments: [500, 502, 503])
    func serverErrorsAreRetriedWithBackoff(status: Int) async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        await harness.server.inject(.status(status), on: .listReleases, times: 2)
        #expect(try await harness.client().listReleases().isEmpty)
        #expect(harness.sleeper.waits == [0.75, 1.5])
    }

    @Test func tooManyRequestsHonoursRetryAfter() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        await harness.server.inject(.tooManyRequests(retryAfter: 7), on: .createRelease)
        _ = try await harness.client().createRelease(ReleaseFields(tagName: "v1.0.0"))
        // The gate waits from the moment the answer was judged: 7 s less the microseconds since.
        #expect(harness.sleeper.waits.count == 1 && abs((harness.sleeper.waits.first ?? 0) - 7) < 0.5, "\(harness.sleeper.waits)")
        #expect(await harness.server.releases().count == 1)
    }

    @Test func secondaryRateLimit403HonoursRetryAfter() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        await harness.server.inject(.secondaryRateLimit(retryAfter: 3), on: .listReleases)
        _ = try await harness.client().listReleases()
        #expect(harness.sleeper.waits.count == 1 && abs((harness.sleeper.waits.first ?? 0) - 3) < 0.5, "\(harness.sleeper.waits)")
    }

    @Test func exhaustedRateLimitWaitsUntilReset() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        await harness.server.inject(.rateLimitExhausted(resetAfter: 30), on: .listReleases)
        let start = Date()
        _ = try await harness.client().listReleases()
        let elapsed = Date().timeIntervalSince(start)
        let wait = try #require(harness.sleeper.waits.first)
        // The server stamps the reset from its clock; the client subtracts its own, later
        // `now` and adds a second: so 30 s plus at most 1, less however long the exchange
        // really took on this machine (the sleeper is fake, so no real waiting counts).
        #expect(wait >= 29 - elapsed && wait <= 32, "waited \(wait) s after \(elapsed) s of requests")
    }

    @Test func slowResponsesStillArrive() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        await harness.server.inject(.delay(0.3), on: .listReleases)
        let start = Date()
        _ = try await harness.client().listReleases()
        #expect(Date().timeIntervalSince(start) >= 0.3)
        #expect(harness.sleeper.waits.isEmpty)
    }

    @Test func givesUpAfterMaxAttemptsWithAnActionableError() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        await harness.server.inject(.status(502), on: .listReleases, times: 10)
        do {
            _ = try await harness.client(maxAttempts: 3).listReleases()
            Issue.record("expected an error")
        } catch let error as GitHubAPIError {
            #expect(error.reason == .server)
            #expect(error.description.contains("--max-attempts"))
        }
        #expect(harness.sleeper.waits.count == 2)
        #expect(await harness.server.requests().filter { $0.route == .listReleases }.count == 3)
    }

    @Test func connectionRefusedIsRetriedThenReported() async throws {
        let client = GitHubClient(apiURL: URL(string: "http://127.0.0.1:9")!, repository: "o/r", token: "t",
                                  transport: AsyncHTTPClientTransport(settings: TransportSettings(connectTimeout: 1)),
                                  retry: RetryPolicy(maxAttempts: 2, random: { 0 }),
                                  sleeper: AdvancingSleeper(clock: VirtualClock()))
        await #expect(throws: GitHubAPIError.self) { try await client.listReleases() }
    }

    // MARK: Uploads

    func uploadSetup(_ harness: APIHarness, content: String = "artifact bytes\n") async throws -> (GitHubClient, AssetUploader, Release, LocalAsset) {
        let client = harness.client()
        let release = try await client.createRelease(ReleaseFields(tagName: "v1.0.0"))
        let path = try temporaryFile("app.tar.gz", content)
        let local = LocalAsset(path: path, name: "app.tar.gz", label: nil, size: Int64(content.utf8.count), modified: Date(), contentType: "application/gzip")
        return (client, AssetUploader(client: client, digests: DigestCache(), log: { _ in }), release, local)
    }

    @Test func a502AfterStoringIsAdoptedNotDuplicated() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let (_, uploader, release, local) = try await uploadSetup(harness)
        await harness.server.inject(.failAfterStoring(502), on: .upload)
        let outcome = try await uploader.upload(local, as: local.name, label: nil, to: release)
        guard case .adopted(let asset) = outcome else { Issue.record("expected adoption, got \(outcome)"); return }
        #expect(asset.name == "app.tar.gz")
        let stored = await harness.server.assets(ofRelease: release.id)
        #expect(stored.count == 1)
        #expect(await harness.server.requests().filter { $0.route == .upload }.count == 1)
    }

    @Test func aDroppedConnectionLeavesAStarterThatIsReplaced() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let (_, uploader, release, local) = try await uploadSetup(harness, content: String(repeating: "x", count: 300_000))
        await harness.server.inject(.dropConnectionMidUpload, on: .upload)
        let outcome = try await uploader.upload(local, as: local.name, label: nil, to: release)
        guard case .uploaded = outcome else { Issue.record("expected a fresh upload, got \(outcome)"); return }
        let stored = await harness.server.assets(ofRelease: release.id)
        #expect(stored.map(\.state) == ["uploaded"])
        #expect(stored.first?.size == 300_000)
        #expect(await harness.server.requests().contains { $0.route == .deleteAsset })
    }

    @Test func uploadRetriesOn5xxAfterLooking() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let (_, uploader, release, local) = try await uploadSetup(harness)
        await harness.server.inject(.status(503), on: .upload, times: 2)
        _ = try await uploader.upload(local, as: local.name, label: nil, to: release)
        let routes = await harness.server.requests().map(\.route).filter { $0 == .upload || $0 == .listAssets }
        #expect(routes == [.upload, .listAssets, .upload, .listAssets, .upload])
        #expect(await harness.server.assets(ofRelease: release.id).count == 1)
    }

    @Test func replaceFailingMidwayKeepsTheOldAsset() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let (client, uploader, release, local) = try await uploadSetup(harness, content: "new content\n")
        await harness.server.seedAsset(releaseID: release.id, name: "app.tar.gz", content: Data("old content\n".utf8))
        let old = try #require(try await client.listAssets(releaseID: release.id).first)
        await harness.server.inject(.status(500), on: .upload, times: 20)
        await #expect(throws: GitHubAPIError.self) { try await uploader.replace(old, with: local, label: nil, in: release) }
        let stored = await harness.server.assets(ofRelease: release.id)
        #expect(stored.map(\.name) == ["app.tar.gz"])
        #expect(stored.first?.content == Data("old content\n".utf8))
    }

    @Test func replaceNeverLeavesTheNameEmpty() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let (client, uploader, release, local) = try await uploadSetup(harness, content: "new content\n")
        await harness.server.seedAsset(releaseID: release.id, name: "app.tar.gz", content: Data("old content\n".utf8))
        let old = try #require(try await client.listAssets(releaseID: release.id).first)
        let replaced = try await uploader.replace(old, with: local, label: "App", in: release)
        #expect(replaced.name == "app.tar.gz")
        let stored = await harness.server.assets(ofRelease: release.id)
        #expect(stored.map(\.name) == ["app.tar.gz"])
        #expect(stored.first?.content == Data("new content\n".utf8))
        #expect(stored.first?.label == "App")
        // Upload under a temporary name, then delete the old, then rename: in that order.
        let writes = await harness.server.requests().map(\.route).filter { [.upload, .deleteAsset, .updateAsset].contains($0) }
        #expect(writes == [.upload, .deleteAsset, .updateAsset])
    }

    // MARK: Errors and downloads

    @Test func errorMessagesSayWhatToDo() async throws {
        let harness = try await APIHarness.start(ServerOptions(acceptedTokens: ["good", "reader"], readOnlyTokens: ["reader"], tags: ["v1.0.0"]))
        defer { Task { await harness.server.stop() } }
        func failure(_ body: () async throws -> Void) async -> GitHubAPIError? {
            do { try await body(); return nil } catch { return error as? GitHubAPIError }
        }
        let unauthorized = await failure { _ = try await harness.client(token: "ghp_wrongCANARY").listReleases() }
        #expect(unauthorized?.reason == .badCredentials)
        #expect(unauthorized?.description.contains("token") == true)
        #expect(unauthorized?.description.contains("ghp_wrongCANARY") == false)

        let readOnly = await failure { _ = try await harness.client(token: "reader").createRelease(ReleaseFields(tagName: "v1.0.0")) }
        #expect(readOnly?.reason == .notAccessibleByIntegration)
        #expect(readOnly?.description.contains("permissions: contents: write") == true)

        let missing = await failure { _ = try await harness.client(token: "good", repository: "octo-org/nope").listReleases() }
        #expect(missing?.reason == .repositoryNotFound)
        #expect(missing?.description.contains("octo-org/nope") == true)

        await harness.server.setOption { $0.immutableReleases = true }
        let client = harness.client(token: "good")
        let release = try await client.createRelease(ReleaseFields(tagName: "v1.0.0"))
        let path = try temporaryFile("late.txt", "late\n")
        let result = try await client.uploadAssetOnce(uploadURL: release.uploadURL, name: "late.txt", label: nil, path: path, size: 5, contentType: "text/plain")
        let immutable = GitHubAPIError(result: result, operation: "upload late.txt", repository: "octo-org/octo-repo", repositoryLevel: false)
        #expect(immutable.reason == .immutableRelease)
        #expect(immutable.description.contains("--draft"))
    }

    @Test func downloadsDropAuthorizationAtTheRedirectHost() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let client = harness.client()
        let release = try await client.createRelease(ReleaseFields(tagName: "v1.0.0"))
        let path = try temporaryFile("data.bin", "downloaded bytes\n")
        _ = try await client.uploadAssetOnce(uploadURL: release.uploadURL, name: "data.bin", label: nil, path: path, size: 17, contentType: "application/octet-stream")
        let asset = try #require(try await client.listAssets(releaseID: release.id).first)
        let destination = path + ".download"
        try await client.downloadAsset(asset, to: destination)
        #expect(try String(contentsOfFile: destination, encoding: .utf8) == "downloaded bytes\n")
        let requests = await harness.server.requests()
        #expect(requests.contains { $0.host == .api && $0.route == .getAsset && $0.hadAuthorization && $0.status == 302 })
        #expect(requests.contains { $0.host == .downloads && $0.status == 200 })
        #expect(await harness.server.authorizationReachedDownloadHost() == false)
    }

    @Test func dryRunClientRefusesWrites() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let client = harness.client(allowsWrites: false)
        await #expect(throws: DryRunViolation.self) { try await client.createRelease(ReleaseFields(tagName: "v1.0.0")) }
        #expect(await harness.server.requests().isEmpty)
    }
}

/// A transport that answers every request with one canned page and records the URLs.
final class CannedTransport: HTTPTransport, @unchecked Sendable {
    let lock = NSLock()
    var urls: [URL] = []
    let headers: [String: String]
    init(headers: [String: String]) { self.headers = headers }
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResult {
        lock.withLock { urls.append(request.url) }
        return HTTPResult(status: 200, headers: headers, body: Data("[]".utf8))
    }
    func download(_ request: HTTPRequestSpec, to destination: String) async throws -> HTTPResult { try await send(request) }
}

@Suite struct HostilePaginationTests {
    /// The token goes with every page, so a `next` link to another host is refused, not followed.
    @Test(arguments: ["http://evil.example/repos/o/r/releases?page=2", "https://api.example:8443/repos/o/r/releases?page=2"])
    func aNextPageOnAnotherHostIsNotFollowed(next: String) async throws {
        let transport = CannedTransport(headers: ["link": "<\(next)>; rel=\"next\""])
        let client = GitHubClient(apiURL: URL(string: "https://api.example")!, repository: "o/r", token: "t", transport: transport,
                                  sleeper: AdvancingSleeper(clock: VirtualClock()))
        await #expect(throws: GitHubAPIError.self) { try await client.listReleases() }
        #expect(transport.urls.count == 1)
    }
}
