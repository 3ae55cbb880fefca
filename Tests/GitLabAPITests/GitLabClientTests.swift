import ArtifactFiles
import Foundation
import GitHubAPI
import GitHubServer
import GitLabAPI
import GitLabServer
import ReleaseKitCore
import ReleaseKitTestSupport
import Testing

/// The GitLab client against the strict local GitLab, over the production transport.
@Suite(.serialized) struct GitLabClientTests {
    // MARK: Auth and addressing

    @Test(arguments: [
        (GitLabCredential.Kind.privateToken, GitLabHarness.token, true),
        (.jobToken, GitLabHarness.jobToken, true),
        // The right token in the wrong header is refused, as GitLab does.
        (.privateToken, GitLabHarness.jobToken, false),
        (.jobToken, GitLabHarness.token, false),
        (.privateToken, "glpat-wrongCANARY", false),
    ])
    func theTokenGoesInTheHeaderOfItsKind(kind: GitLabCredential.Kind, token: String, accepted: Bool) async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        let client = try harness.client(GitLabCredential(kind, token: token))
        do {
            _ = try await client.listReleases()
            #expect(accepted)
        } catch let error as GitLabAPIError {
            #expect(!accepted)
            #expect(error.reason == .badCredentials)
            #expect(!error.description.contains(token))
        }
        let sent = try #require(await harness.server.records().first)
        #expect(sent.credentialHeaders == [kind.rawValue])
    }

    @Test func noCredentialIs401() async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        await #expect(throws: GitLabAPIError(reason: .badCredentials, status: 401, operation: "list the releases of group/project",
                                             detail: "401 Unauthorized", project: "group/project")) {
            _ = try await harness.client(nil).listReleases()
        }
    }

    @Test(arguments: [
        ("group/sub/project", "group/sub/project", "/api/v4/projects/group%2Fsub%2Fproject/releases/release%2F1.0"),
        ("42", "group/sub/project", "/api/v4/projects/42/releases/release%2F1.0"),
        ("Group/Sub/Project", "group/sub/project", "/api/v4/projects/Group%2FSub%2FProject/releases/release%2F1.0"),
    ])
    func projectPathsAndTagsAreOnePathSegmentEach(project: String, serverPath: String, expectedPath: String) async throws {
        let harness = try await GitLabHarness.start(GitLabServerOptions(projectPath: serverPath, tags: ["release/1.0"]))
        defer { Task { await harness.server.stop() } }
        let client = try harness.client(project: project)
        #expect(try await client.release(tag: "release/1.0") == nil)
        let created = try await client.createRelease(GitLabReleaseFields(tagName: "release/1.0", name: "One"))
        #expect(created.tagName == "release/1.0")
        #expect(try await client.release(tag: "release/1.0")?.name == "One")
        #expect(await harness.server.records().first?.path == expectedPath)
    }

    @Test(arguments: ["", "group//project", "group/ project", "/"])
    func unusableProjectsAreBadInput(reference: String) {
        #expect(throws: InputErrorMatcher.self) { try InputErrorMatcher.wrap { _ = try GitLabProject(reference) } }
    }

    @Test func anUnknownProjectSaysWhichOneWasAskedFor() async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        do {
            _ = try await harness.client(project: "group/nope").listReleases()
            Issue.record("expected an error")
        } catch let error as GitLabAPIError {
            #expect(error.reason == .projectNotFound)
            #expect(error.description.contains("group/nope"))
        }
    }

    // MARK: Releases and links

    @Test func aReleasePerTagAndLinksUniquePerRelease() async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        let client = try harness.client()
        _ = try await client.createRelease(GitLabReleaseFields(tagName: "v1.0.0", description: "notes"))
        await #expect(throws: GitLabAPIError.self) { _ = try await client.createRelease(GitLabReleaseFields(tagName: "v1.0.0")) }
        let updated = try await client.updateRelease(tag: "v1.0.0", GitLabReleaseFields(name: "Version 1", description: "new notes"))
        #expect(updated.name == "Version 1" && updated.description == "new notes")

        let fields = GitLabLinkFields(name: "app.tar.gz", url: "https://example.com/app.tar.gz", directAssetPath: "/app.tar.gz", linkType: .package)
        let link = try await client.createLink(tag: "v1.0.0", fields)
        #expect(link.linkType == "package")
        #expect(link.directAssetURL?.hasSuffix("/-/releases/v1.0.0/downloads/app.tar.gz") == true)
        do {
            _ = try await client.createLink(tag: "v1.0.0", fields)
            Issue.record("a duplicate link was accepted")
        } catch let error as GitLabAPIError {
            #expect(error.reason == .alreadyExists && error.status == 400)
            #expect(error.detail.contains("Name has already been taken"))
        }
        var moved = fields
        moved.url = "https://example.com/v2/app.tar.gz"
        #expect(try await client.updateLink(tag: "v1.0.0", id: link.id, moved).url == moved.url)
        try await client.deleteLink(tag: "v1.0.0", id: link.id, name: link.name)
        #expect(try await client.listLinks(tag: "v1.0.0").isEmpty)
        let duplicate = try #require(await harness.server.records().first { $0.route == .createRelease && $0.status == 409 })
        #expect(duplicate.method == "POST")
    }

    @Test func listsFollowEveryPage() async throws {
        let harness = try await GitLabHarness.start(GitLabServerOptions(tokens: nil, maxPerPage: 2))
        defer { Task { await harness.server.stop() } }
        let client = try harness.client()
        for index in 0..<5 { _ = try await client.createRelease(GitLabReleaseFields(tagName: "v0.\(index)", ref: "main")) }
        #expect(Set(try await client.listReleases().map(\.tagName)) == Set((0..<5).map { "v0.\($0)" }))
        #expect(await harness.server.records().filter { $0.route == .listReleases }.count == 3)
    }

    // MARK: Generic packages

    @Test(arguments: [0, 17, 3 << 20])
    func uploadsStreamFromDiskWithTheirDigest(size: Int) async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        let scratch = ScratchDirectory()
        let (path, data) = try writeFixture("app.tar.gz", count: size, in: scratch)
        let coordinates = try GenericPackageCoordinates(package: "project", version: "1.0.0", fileName: "app.tar.gz")
        let client = try harness.client()
        let file = try await client.uploadPackageFile(coordinates, path: path, size: Int64(size))
        #expect(file.fileSHA256 == StreamingSHA256.hexDigest(of: data))
        #expect(file.size == Int64(size))
        #expect(try await client.packageFile(coordinates)?.fileSHA256 == file.fileSHA256)
        let destination = scratch.path("downloaded")
        try await client.download(client.packageFileURL(coordinates), to: destination, name: "app.tar.gz")
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == data)
        // The registry redirected the download to storage; no credential went there.
        #expect(await harness.server.records().contains { $0.route == .storage })
        #expect(await !harness.server.credentialReachedStorage())
    }

    @Test func theNewestFileOfANameIsTheOneCompared() async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        await harness.server.seedPackageFile(package: "project", version: "1.0.0", fileName: "app.zip", content: Data("old".utf8))
        await harness.server.seedPackageFile(package: "project", version: "1.0.0", fileName: "app.zip", content: Data("new".utf8))
        // A fuzzy name match GitLab also returns: `project-extras` contains `project`.
        await harness.server.seedPackageFile(package: "project-extras", version: "1.0.0", fileName: "app.zip", content: Data("other".utf8))
        let coordinates = try GenericPackageCoordinates(package: "project", version: "1.0.0", fileName: "app.zip")
        let file = try #require(try await harness.client().packageFile(coordinates))
        #expect(file.fileSHA256 == StreamingSHA256.hexDigest(of: Data("new".utf8)))
    }

    @Test(arguments: [
        ("my pkg", "1.0.0", "a.zip"), ("pkg", "1..0", "a.zip"), ("pkg", "1.0.0", "a b.zip"), ("pkg", "1.0.0", ".."), ("", "1", "a"),
    ])
    func namesTheRegistryRefusesAreBadInputBeforeAnythingIsSent(package: String, version: String, fileName: String) {
        #expect(throws: InputErrorMatcher.self) {
            try InputErrorMatcher.wrap { _ = try GenericPackageCoordinates(package: package, version: version, fileName: fileName) }
        }
    }

    // MARK: Faults

    @Test(arguments: [500, 502, 503])
    func serverErrorsAreRetriedWithBackoff(status: Int) async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        await harness.server.inject(.status(status), on: GitLabRoute.listReleases, times: 2)
        #expect(try await harness.client().listReleases().isEmpty)
        #expect(harness.sleeper.waits == [0.75, 1.5])
    }

    @Test(arguments: [Fault.dropAfterBodyBytes(64 << 10), .dropConnectionMidUpload, .status(502)])
    func anUploadInterruptedIsSentAgainWhole(fault: Fault) async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        let scratch = ScratchDirectory()
        let (path, data) = try writeFixture("app.tar.gz", count: 1 << 20, in: scratch)
        await harness.server.inject(fault, on: GitLabRoute.uploadPackage)
        let coordinates = try GenericPackageCoordinates(package: "project", version: "1.0.0", fileName: "app.tar.gz")
        let file = try await harness.client().uploadPackageFile(coordinates, path: path, size: Int64(data.count))
        #expect(file.fileSHA256 == StreamingSHA256.hexDigest(of: data))
        #expect(await harness.server.packageFiles().map(\.size) == [Int64(data.count)])
        #expect(await harness.server.records().filter { $0.route == .uploadPackage }.count == 2)
    }

    @Test func aStored502IsHarmlessWithDuplicatesAndRefusedWithout() async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        let scratch = ScratchDirectory()
        let (path, data) = try writeFixture("app.tar.gz", count: 4096, in: scratch)
        let coordinates = try GenericPackageCoordinates(package: "project", version: "1.0.0", fileName: "app.tar.gz")
        await harness.server.inject(.failAfterStoring(502), on: GitLabRoute.uploadPackage)
        _ = try await harness.client().uploadPackageFile(coordinates, path: path, size: Int64(data.count))
        #expect(Set(await harness.server.packageFiles().map(\.sha256)) == [StreamingSHA256.hexDigest(of: data)])

        await harness.server.setOption { $0.allowDuplicates = false }
        do {
            _ = try await harness.client().uploadPackageFile(coordinates, path: path, size: Int64(data.count))
            Issue.record("a duplicate was stored")
        } catch let error as GitLabAPIError {
            #expect(error.reason == .duplicatePackage)
            #expect(error.description.contains("Allow duplicates"))
        }
    }

    /// A 429 with `Retry-After`, or with only `RateLimit-Remaining: 0` and `RateLimit-Reset`:
    /// the request that met it and seven more started meanwhile all wait at the one gate;
    /// none reaches the server inside the window. The sleeper holds every wait until all
    /// eight are waiting, so no request can be on the wire by accident of scheduling.
    @Test(arguments: [(Fault.tooManyRequests(retryAfter: 7), 7.0), (.rateLimitExhausted(resetAfter: 30), 31.0)])
    func rateLimitsHoldEveryRequestWithoutViolations(fault: Fault, expectedWait: Double) async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        _ = try await harness.client().createRelease(GitLabReleaseFields(tagName: "v1.0.0"))
        let sleeper = HeldSleeper(clock: harness.clock)
        let client = GitLabClient(apiURL: harness.server.apiURL, project: try GitLabProject("group/project"),
                                  credential: GitLabCredential(.privateToken, token: GitLabHarness.token), transport: AsyncHTTPClientTransport(),
                                  retry: RetryPolicy(random: { 0.5 }), sleeper: sleeper, now: { [clock = harness.clock] in clock.now() })
        await harness.server.inject(fault, on: GitLabRoute.listLinks)
        let first = Task { try await client.listLinks(tag: "v1.0.0") }
        try await sleeper.untilWaiting(1)
        let others = (0..<7).map { _ in Task { try await client.listLinks(tag: "v1.0.0") } }
        try await sleeper.untilWaiting(8)
        sleeper.releaseAll()
        _ = try await first.value
        for other in others { _ = try await other.value }
        #expect(await harness.server.rateLimitViolations().isEmpty)
        #expect(await harness.server.records().filter { $0.route == .listLinks }.count == 9)
        let waits = sleeper.waits
        #expect(waits.count == 8 && waits.allSatisfy { abs($0 - expectedWait) < 1.5 }, "\(waits)")
    }

    @Test func givesUpAfterMaxAttemptsSayingWhatToDo() async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        await harness.server.inject(.status(503), on: GitLabRoute.listReleases, times: 10)
        do {
            _ = try await harness.client(maxAttempts: 3).listReleases()
            Issue.record("expected an error")
        } catch let error as GitLabAPIError {
            #expect(error.reason == .server)
            #expect(error.description.contains("--max-attempts"))
        }
        #expect(await harness.server.records().filter { $0.route == .listReleases }.count == 3)
    }

    @Test func aDryRunClientSendsNoWrite() async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        let client = try harness.client(allowsWrites: false)
        await #expect(throws: DryRunViolation.self) { _ = try await client.createRelease(GitLabReleaseFields(tagName: "v1.0.0")) }
        #expect(await harness.server.records().isEmpty)
    }
}

/// Matches any `InputError` (exit 2), whatever its message.
struct InputErrorMatcher: Error {
    static func wrap(_ body: () throws -> Void) throws {
        do { try body() } catch is InputError { throw InputErrorMatcher() }
    }
}

/// A sleeper that records each wait and holds it until `releaseAll`, then moves the
/// virtual clock on by the longest: every waiter is provably waiting at once.
final class HeldSleeper: Sleeper, @unchecked Sendable {
    private let clock: VirtualClock
    private let lock = NSLock()
    private var held: [(seconds: Double, resume: CheckedContinuation<Void, Never>)] = []
    private var recorded: [Double] = []
    private var released = false

    init(clock: VirtualClock) { self.clock = clock }

    func sleep(seconds: Double) async throws {
        await withCheckedContinuation { continuation in
            let now = lock.withLock { () -> Bool in
                recorded.append(seconds)
                if released { return true }
                held.append((seconds, continuation))
                return false
            }
            if now { clock.advance(seconds); continuation.resume() }
        }
    }

    var waits: [Double] { lock.withLock { recorded } }

    /// Returns once `count` waits are held (polling; bounded at two minutes).
    func untilWaiting(_ count: Int) async throws {
        for _ in 0..<12_000 {
            if lock.withLock({ held.count }) >= count { return }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        throw TransportError("only \(lock.withLock { held.count }) of \(count) requests ever waited")
    }

    func releaseAll() {
        let waiting = lock.withLock { () -> [(seconds: Double, resume: CheckedContinuation<Void, Never>)] in
            released = true
            defer { held.removeAll() }
            return held
        }
        clock.advance(waiting.map(\.seconds).max() ?? 0)
        for waiter in waiting { waiter.resume.resume() }
    }
}
