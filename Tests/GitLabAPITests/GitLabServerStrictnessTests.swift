import Foundation
import GitHubAPI
import GitLabAPI
import GitLabServer
import ReleaseKitTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The local GitLab refuses what GitLab refuses, so a sloppy client fails here first.
@Suite(.serialized) struct GitLabServerStrictnessTests {
    static let projectPath = "/api/v4/projects/group%2Fproject"

    func send(_ harness: GitLabHarness, _ method: String, _ path: String, headers: [String: String] = [:],
              body: RequestBody = .empty) async throws -> HTTPResult {
        var all = ["PRIVATE-TOKEN": GitLabHarness.token]
        all.merge(headers) { _, new in new }
        let url = URL(string: harness.server.apiURL.absoluteString.replacingOccurrences(of: "/api/v4", with: "") + path)!
        return try await AsyncHTTPClientTransport().send(HTTPRequestSpec(method: method, url: url, headers: all.filter { !$0.value.isEmpty }, body: body))
    }

    @Test(arguments: [
        // A JSON endpoint given form data, or nothing declared.
        ("POST", "/releases", ["Content-Type": "application/x-www-form-urlencoded"], 415),
        ("POST", "/releases", [:], 415),
        // Bearer is not how this client authenticates; neither is a missing header.
        ("GET", "/releases", ["PRIVATE-TOKEN": "", "Authorization": "Bearer \(GitLabHarness.token)"], 401),
        ("GET", "/releases", ["PRIVATE-TOKEN": ""], 401),
        // Unknown paths and methods.
        ("GET", "/releasez", [:], 404),
        ("PATCH", "/releases/v1.0.0", [:], 404),
        ("GET", "/packages/generic/p/1.0.0", [:], 404),
        // A package upload of another declared type.
        ("PUT", "/packages/generic/p/1.0.0/a.bin", ["Content-Type": "text/plain"], 415),
    ] as [(String, String, [String: String], Int)])
    func refusesWhatGitLabRefuses(method: String, suffix: String, headers: [String: String], status: Int) async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        let body: RequestBody = method == "GET" ? .empty : .data(Data(#"{"tag_name":"v1.0.0"}"#.utf8))
        let result = try await send(harness, method, Self.projectPath + suffix, headers: headers, body: body)
        #expect(result.status == status, "\(String(decoding: result.body, as: UTF8.self))")
        #expect(await harness.server.gitlabReleases().isEmpty)
        #expect(await harness.server.packageFiles().isEmpty)
    }

    @Test func aLinkNeedsAWebURLAndAPathFromTheRoot() async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        let client = try harness.client()
        _ = try await client.createRelease(GitLabReleaseFields(tagName: "v1.0.0"))
        for fields in [
            GitLabLinkFields(name: "a", url: "file:///etc/passwd", directAssetPath: "/a", linkType: .other),
            GitLabLinkFields(name: "a", url: "https://example.com/a", directAssetPath: "a", linkType: .other),
        ] {
            await #expect(throws: GitLabAPIError.self) { _ = try await client.createLink(tag: "v1.0.0", fields) }
        }
        #expect(await harness.server.release("v1.0.0")?.links.isEmpty == true)
    }

    @Test func aReleaseForANewTagNeedsARef() async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        let client = try harness.client()
        await #expect(throws: GitLabAPIError.self) { _ = try await client.createRelease(GitLabReleaseFields(tagName: "v2.0.0")) }
        _ = try await client.createRelease(GitLabReleaseFields(tagName: "v2.0.0", ref: "main"))
        #expect(await harness.server.tags().contains("v2.0.0"))
    }

    /// Raw requests the production transport never sends: a chunked upload (no
    /// Content-Length) and a body cut short by the client closing.
    @Test(arguments: [
        ("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n", "411"),
        // Longer than the server buffers, so the handler reads it as a stream that breaks off.
        ("Content-Length: 200000\r\n", String(repeating: "x", count: 100_000), nil),
    ] as [(String, String, String?)])
    func uploadsWithoutAnExactLengthStoreNothing(framing: String, body: String, status: String?) async throws {
        let harness = try await GitLabHarness.start()
        defer { Task { await harness.server.stop() } }
        let port = try #require(harness.server.apiURL.port)
        let head = "PUT \(Self.projectPath)/packages/generic/p/1.0.0/a.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "PRIVATE-TOKEN: \(GitLabHarness.token)\r\nContent-Type: application/octet-stream\r\n" + framing + "\r\n"
        let answer = try await offThePool { try RawSocket.exchange(port: port, bytes: Data((head + body).utf8)) }
        if let status {
            #expect(answer.hasPrefix("HTTP/1.1 \(status)"), "\(answer)")
        }
        // Give the server its moment to see the connection end, then look.
        for _ in 0..<50 where await harness.server.records().isEmpty { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(await harness.server.records().count == 1)
        #expect(await harness.server.packageFiles().isEmpty)
    }
}

/// One request on a plain socket: write everything, stop writing, read until the peer
/// closes (or 30 s pass). Blocking, so only ever called through `offThePool`.
enum RawSocket {
    static func exchange(port: Int, bytes: Data) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TransportError("socket failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TransportError("connect failed") }
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, bytes.count, 0) }
        shutdown(fd, Int32(SHUT_WR))
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: received, as: UTF8.self)
    }
}
