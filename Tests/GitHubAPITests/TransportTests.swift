import FlyingFox
import Foundation
import Testing
@testable import GitHubAPI
import GitHubServer
import ReleaseKitTestSupport

/// The production transport against servers at their worst: ones that never answer,
/// stop reading half-way, drop the connection mid-body, redirect in circles, and a
/// proxy in between.
@Suite struct TransportTests {
    /// Stall tests set a short stall timeout; the rest a long one, so a loaded machine
    /// does not turn a slow answer into a retry that the test did not ask for. The
    /// connect timeout is the production default unless a test waits for it: through
    /// the proxy a "connect" includes the tunnel handshake, which a 2-core machine
    /// running every suite at once once took over 2 s to finish (CI, stop 21).
    static func transport(stall: Double = 30, connect: Double = 10, environment: [String: String] = [:]) throws -> AsyncHTTPClientTransport {
        var settings = try TransportSettings.from(environment: environment, stallTimeout: stall)
        settings.connectTimeout = connect
        return AsyncHTTPClientTransport(settings: settings)
    }

    func client(_ harness: APIHarness, transport: HTTPTransport) -> GitHubClient {
        harness.client(maxAttempts: 4, transport: transport)
    }

    // MARK: Stalls

    /// Accepted, read, never answered: one stall timeout, then the retry succeeds.
    /// (The bounds are loose: the suite runs many tests at once on two cores. What they
    /// rule out is the hang: without the stall timeout these never return.)
    @Test(arguments: [true, false])
    func aServerThatNeverAnswersCostsOneStallTimeout(readBody: Bool) async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let transport = try Self.transport(stall: 2)
        await harness.server.inject(.neverAnswer(readBody: readBody), on: .listReleases)
        let start = Date()
        _ = try await client(harness, transport: transport).listReleases()
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed >= 1.9 && elapsed < 60, "took \(elapsed) s")
        #expect(await harness.server.requests().filter { $0.route == .listReleases }.count >= 2)
        await transport.shutdown()
    }

    /// An upload the server stops reading: the socket fills, nothing moves, and after
    /// the stall timeout the upload is retried (after looking) on a fresh connection.
    @Test func anUploadTheServerStopsReadingIsRetried() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let release = try await harness.client().createRelease(ReleaseFields(tagName: "v1.0.0"))
        let transport = try Self.transport(stall: 2)
        let client = client(harness, transport: transport)
        let size = 48 << 20
        let path = try temporaryFile("big.bin", "")
        try Data(count: size).write(to: URL(fileURLWithPath: path))
        let local = LocalAsset(path: path, name: "big.bin", label: nil, size: Int64(size), modified: Date(), contentType: "application/octet-stream")
        await harness.server.inject(.neverAnswer(readBody: false), on: .upload)
        let start = Date()
        _ = try await AssetUploader(client: client, digests: DigestCache(), log: { _ in }).upload(local, as: "big.bin", label: nil, to: release)
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed >= 1.9 && elapsed < 60, "took \(elapsed) s")
        let stored = await harness.server.assets(ofRelease: release.id)
        #expect(stored.map(\.state) == ["uploaded"])
        #expect(stored.first?.size == Int64(size))
        await transport.shutdown()
    }

    /// Dropped after N body bytes, for several N: the retry sends the whole file from
    /// byte 0 and the release ends with one complete copy.
    @Test(arguments: [1, 65_536, 150_000, 299_999])
    func aConnectionDroppedMidBodyIsRetriedWholeFromByteZero(afterBytes: Int) async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let transport = try Self.transport()
        let client = client(harness, transport: transport)
        let release = try await client.createRelease(ReleaseFields(tagName: "v1.0.0"))
        let content = String(repeating: "0123456789", count: 30_000)
        let path = try temporaryFile("app.tar.gz", content)
        let local = LocalAsset(path: path, name: "app.tar.gz", label: nil, size: 300_000, modified: Date(), contentType: "application/gzip")
        await harness.server.inject(.dropAfterBodyBytes(afterBytes), on: .upload)
        let start = Date()
        _ = try await AssetUploader(client: client, digests: DigestCache(), log: { _ in }).upload(local, as: "app.tar.gz", label: nil, to: release)
        #expect(Date().timeIntervalSince(start) < 60)
        let stored = await harness.server.assets(ofRelease: release.id)
        #expect(stored.map(\.state) == ["uploaded"])
        #expect(stored.first?.content == Data(content.utf8))
        await transport.shutdown()
    }

    /// The connection pool keeps re-dialling a refused port until the connect timeout,
    /// so this one test sets a short one.
    @Test func aRefusedConnectionIsATransportError() async throws {
        let transport = try Self.transport(connect: 2)
        await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequestSpec(method: "GET", url: URL(string: "http://127.0.0.1:9/")!))
        }
        await transport.shutdown()
    }

    // MARK: Redirects

    /// Two hosts: 127.0.0.1 (where the request starts) and `localhost` (another origin).
    final class RedirectHosts: @unchecked Sendable {
        let start: HTTPServer, other: HTTPServer
        let startPort: UInt16, otherPort: UInt16
        private let lock = NSLock()
        private var seen: [(host: String, path: String, authorization: String?, method: String, bodyBytes: Int)] = []

        var hits: [(host: String, path: String, authorization: String?, method: String, bodyBytes: Int)] { lock.withLock { seen } }

        init() async throws {
            let recorder = Recorder()
            start = HTTPServer(config: .init(address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled),
                               handler: ClosureHTTPHandler { try await recorder.handle($0, host: "start") })
            other = HTTPServer(config: .init(address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled),
                               handler: ClosureHTTPHandler { try await recorder.handle($0, host: "other") })
            Task { [start] in try? await start.run() }
            Task { [other] in try? await other.run() }
            try await start.waitUntilListening(timeout: 10)
            try await other.waitUntilListening(timeout: 10)
            guard case .ip4(_, let a)? = await start.listeningAddress, case .ip4(_, let b)? = await other.listeningAddress else {
                throw TransportError("no port")
            }
            startPort = a
            otherPort = b
            recorder.owner = self
        }

        func record(_ hit: (host: String, path: String, authorization: String?, method: String, bodyBytes: Int)) {
            lock.withLock { seen.append(hit) }
        }

        func stop() async {
            await start.stop(timeout: 1)
            await other.stop(timeout: 1)
        }

        final class Recorder: @unchecked Sendable {
            weak var owner: RedirectHosts?

            func handle(_ request: HTTPRequest, host: String) async throws -> HTTPResponse {
                let body = try await request.bodyData
                let path = request.target.path()
                owner?.record((host, path, request.headers[HTTPHeader("Authorization")], request.method.rawValue, body.count))
                guard let owner else { return HTTPResponse(statusCode: .notFound) }
                func redirect(_ status: Int, _ location: String) -> HTTPResponse {
                    HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Redirect"), headers: [HTTPHeader("Location"): location])
                }
                switch path {
                case "/away": return redirect(302, "http://localhost:\(owner.otherPort)/landed")
                case "/away-and-back": return redirect(302, "http://localhost:\(owner.otherPort)/back")
                case "/back": return redirect(302, "http://127.0.0.1:\(owner.startPort)/landed")
                case "/same": return redirect(301, "/landed")
                case "/post-307": return redirect(307, "http://localhost:\(owner.otherPort)/landed")
                case "/loop": return redirect(302, "/loop")
                default: return HTTPResponse(statusCode: .ok, body: Data("landed on \(host)".utf8))
                }
            }
        }
    }

    @Test(arguments: [
        ("/away", ["start": true, "other": false]),
        ("/away-and-back", ["start": true, "other": false]),
        ("/same", ["start": true]),
    ])
    func authorizationNeverReachesAnotherOrigin(path: String, authorizationByHost: [String: Bool]) async throws {
        let hosts = try await RedirectHosts()
        let transport = try Self.transport()
        let result = try await transport.send(HTTPRequestSpec(method: "GET", url: URL(string: "http://127.0.0.1:\(hosts.startPort)\(path)")!,
                                                              headers: ["Authorization": "Bearer ghs_REDIRECTcanary"]))
        #expect(result.status == 200)
        let hits = hosts.hits
        for (host, expected) in authorizationByHost {
            let authorized = hits.filter { $0.host == host }.map { $0.authorization != nil }
            // A hop back to the start host after one elsewhere stays without the token.
            if host == "start" && path == "/away-and-back" {
                #expect(authorized == [true, false])
            } else {
                #expect(!authorized.isEmpty && authorized.allSatisfy { $0 == expected }, "\(host): \(authorized)")
            }
        }
        #expect(hits.filter { $0.host == "other" }.allSatisfy { $0.authorization == nil })
        await transport.shutdown()
        await hosts.stop()
    }

    @Test func aPost307KeepsMethodAndBodyButNotTheToken() async throws {
        let hosts = try await RedirectHosts()
        let transport = try Self.transport()
        let result = try await transport.send(HTTPRequestSpec(method: "POST", url: URL(string: "http://127.0.0.1:\(hosts.startPort)/post-307")!,
                                                              headers: ["Authorization": "Bearer ghs_REDIRECTcanary"], body: .data(Data("12345".utf8))))
        #expect(result.status == 200)
        let landed = try #require(hosts.hits.last)
        #expect(landed.host == "other" && landed.method == "POST" && landed.bodyBytes == 5 && landed.authorization == nil)
        await transport.shutdown()
        await hosts.stop()
    }

    @Test func aRedirectLoopStopsAfterFiveHops() async throws {
        let hosts = try await RedirectHosts()
        let transport = try Self.transport()
        do {
            _ = try await transport.send(HTTPRequestSpec(method: "GET", url: URL(string: "http://127.0.0.1:\(hosts.startPort)/loop")!))
            Issue.record("expected a TransportError")
        } catch let error as TransportError {
            #expect(error.message.contains("more than 5 redirects"))
        }
        #expect(hosts.hits.count == 6)
        await transport.shutdown()
        await hosts.stop()
    }

    // MARK: Proxy

    @Test(arguments: [
        (["HTTP_PROXY": "PROXY"], true),
        (["http_proxy": "PROXY"], true),
        (["http_proxy": "PROXY", "NO_PROXY": "127.0.0.1"], false),
        (["HTTP_PROXY": "PROXY", "no_proxy": "example.com, 127.0.0.0/8"], false),
        (["HTTP_PROXY": "PROXY", "NO_PROXY": "*"], false),
        (["HTTP_PROXY": "PROXY", "NO_PROXY": "example.com,.internal"], true),
        (["HTTPS_PROXY": "PROXY"], false),
    ])
    func requestsGoThroughTheProxyUnlessNoProxySaysOtherwise(environment: [String: String], proxied: Bool) async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let proxy = try ConnectProxy()
        defer { proxy.stop() }
        let transport = try Self.transport(environment: environment.mapValues { $0 == "PROXY" ? proxy.url : $0 })
        let releases = try await client(harness, transport: transport).listReleases()
        #expect(releases.isEmpty)
        let apiPort = URLComponents(string: harness.server.urls.api)!.port!
        #expect(proxy.tunnels == (proxied ? ["127.0.0.1:\(apiPort)"] : []))
        #expect(proxy.refusedRequests.isEmpty)
        await transport.shutdown()
    }

    @Test func uploadsAndDownloadsGoThroughTheProxyToo() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let proxy = try ConnectProxy()
        defer { proxy.stop() }
        let transport = try Self.transport(environment: ["HTTP_PROXY": proxy.url])
        let client = client(harness, transport: transport)
        let release = try await client.createRelease(ReleaseFields(tagName: "v1.0.0"))
        let path = try temporaryFile("data.bin", "through the tunnel\n")
        _ = try await client.uploadAssetOnce(uploadURL: release.uploadURL, name: "data.bin", label: nil, path: path, size: 19,
                                             contentType: "application/octet-stream")
        let asset = try #require(try await client.listAssets(releaseID: release.id).first)
        try await client.downloadAsset(asset, to: path + ".download")
        #expect(try String(contentsOfFile: path + ".download", encoding: .utf8) == "through the tunnel\n")
        let ports = [harness.server.urls.api, harness.server.urls.uploads, harness.server.urls.downloads]
            .map { String(URLComponents(string: $0)!.port!) }
        for port in ports { #expect(proxy.tunnels.contains { $0.hasSuffix(":" + port) }, "no tunnel to port \(port): \(proxy.tunnels)") }
        #expect(await harness.server.authorizationReachedDownloadHost() == false)
        await transport.shutdown()
    }
}

/// `NO_PROXY` and proxy URLs, as curl reads them.
@Suite struct ProxySettingsTests {
    @Test(arguments: [
        ("api.github.com", nil as Int?, "github.com", true),
        ("api.github.com", nil, ".github.com", true),
        ("github.com", nil, ".github.com", true),
        ("notgithub.com", nil, "github.com", false),
        ("GitHub.COM", nil, "github.com", true),
        ("github.com.", nil, "github.com", true),
        ("10.1.2.3", nil, "10.0.0.0/8", true),
        ("11.1.2.3", nil, "10.0.0.0/8", false),
        ("127.0.0.1", nil, "127.0.0.1", true),
        ("ghes.corp", 8443, "ghes.corp:8443", true),
        ("ghes.corp", 443, "ghes.corp:8443", false),
        ("anything", nil, "*", true),
        ("::1", nil, "::1", true),
        ("example.org", nil, "", false),
    ])
    func noProxyMatching(host: String, port: Int?, entry: String, bypasses: Bool) {
        #expect(ProxySettings.bypasses(host: host, port: port, noProxy: [entry.lowercased()]) == bypasses)
    }

    @Test func lowerCaseWinsAndSchemesPickTheirVariable() throws {
        let settings = try ProxySettings.from(environment: [
            "http_proxy": "http://lower:3128", "HTTP_PROXY": "http://upper:3128", "HTTPS_PROXY": "user:p%40ss@secure:8080",
        ])
        #expect(settings.http?.host == "lower")
        #expect(settings.https?.host == "secure" && settings.https?.port == 8080)
        #expect(settings.https?.username == "user" && settings.https?.password == "p@ss")
        #expect(settings.server(for: URL(string: "https://api.github.com")!)?.host == "secure")
        #expect(settings.server(for: URL(string: "http://127.0.0.1:8080")!)?.host == "lower")
        #expect(try ProxySettings.from(environment: ["HTTPS_PROXY": "proxy.corp"]).https?.port == 1080)
    }

    @Test(arguments: ["https://proxy:3128", "socks5://proxy:1080", "http://", "http://proxy:99999"])
    func unusableProxyValuesAreBadInput(value: String) {
        #expect(throws: (any Error).self) { try ProxySettings.from(environment: ["HTTPS_PROXY": value]) }
    }

    @Test func caVariablesAreChecked() throws {
        #expect(throws: (any Error).self) { try TransportSettings.from(environment: ["SSL_CERT_FILE": "/nonexistent/ca.pem"]) }
        #expect(throws: (any Error).self) { try TransportSettings.from(environment: ["SSL_CERT_DIR": "/nonexistent"]) }
        let file = try temporaryFile("ca.pem", "-----BEGIN CERTIFICATE-----\n")
        let settings = try TransportSettings.from(environment: ["SSL_CERT_FILE": file, "SSL_CERT_DIR": "/tmp:/etc"])
        #expect(settings.extraTrustRoots == [file, "/tmp", "/etc"])
        #expect(throws: (any Error).self) { try TransportSettings.from(environment: [:], stallTimeout: .infinity) }
        #expect(throws: (any Error).self) { try TransportSettings.from(environment: [:], stallTimeout: 0) }
    }
}
