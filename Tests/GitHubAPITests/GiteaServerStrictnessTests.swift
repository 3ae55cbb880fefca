import Foundation
@testable import GitHubAPI
import ArtifactFiles
import GitHubServer
import ReleaseKitTestSupport
import Testing

/// The local Gitea server refuses what Gitea refuses, so a client that passes against
/// it sends what the real service accepts; and the client speaks it: streamed
/// multipart attachments, `token` authorization, downloads without the token off-host.
@Suite struct GiteaServerStrictnessTests {
    let transport = AsyncHTTPClientTransport()

    func send(_ server: GiteaServer, _ method: String, _ path: String, headers: [String: String] = [:],
              body: RequestBody = .empty) async throws -> HTTPResult {
        try await transport.send(HTTPRequestSpec(method: method, url: URL(string: server.apiURL.absoluteString + path)!,
                                                 headers: headers, body: body))
    }

    @Test func refusesWhatGiteaRefuses() async throws {
        let server = try await GiteaServer.start()
        defer { Task { await server.stop() } }
        let releases = "/repos/octo-org/octo-repo/releases"
        let json = Data(#"{"tag_name":"v1.0.0","draft":true}"#.utf8)
        #expect(try await send(server, "GET", releases).status == 401)
        #expect(try await send(server, "GET", releases, headers: ["Authorization": "Bearer t"]).status == 401)
        #expect(try await send(server, "GET", releases, headers: ["Authorization": "token t"]).status == 200)
        #expect(try await send(server, "GET", "/repos/octo-org/octo-repo/nowhere", headers: ["Authorization": "token t"]).status == 404)
        #expect(try await send(server, "POST", releases, headers: ["Authorization": "token t", "Content-Type": "text/plain"],
                               body: .data(json)).status == 415)
        let created = try await send(server, "POST", releases, headers: ["Authorization": "token t", "Content-Type": "application/json"],
                                     body: .data(json))
        #expect(created.status == 201)
        #expect(try await send(server, "POST", releases, headers: ["Authorization": "token t", "Content-Type": "application/json"],
                               body: .data(json)).status == 409, "one release per tag, drafts too")
        let id = try #require((try JSONSerialization.jsonObject(with: created.body) as? [String: Any])?["id"] as? Int)
        let upload = "\(releases)/\(id)/assets?name=a.bin"
        let form = MultipartFile(fieldName: "attachment", fileName: "a.bin", contentType: "application/octet-stream")
        let whole = form.prefix + Data("abc".utf8) + form.suffix
        #expect(try await send(server, "POST", upload, headers: ["Authorization": "token t", "Content-Type": "application/octet-stream"],
                               body: .data(Data("abc".utf8))).status == 400, "not multipart")
        let wrongField = MultipartFile(fieldName: "file", fileName: "a.bin", contentType: "application/octet-stream")
        #expect(try await send(server, "POST", upload, headers: ["Authorization": "token t", "Content-Type": wrongField.contentType],
                               body: .data(wrongField.prefix + Data("abc".utf8) + wrongField.suffix)).status == 400, "no attachment part")
        #expect(try await send(server, "POST", upload, headers: ["Authorization": "token t", "Content-Type": form.contentType],
                               body: .data(whole.dropLast(4))).status == 400, "no closing boundary")
        #expect(try await send(server, "POST", upload, headers: ["Authorization": "token t", "Content-Type": form.contentType],
                               body: .data(whole)).status == 201)
        #expect(await server.assets(ofRelease: id).map(\.size) == [3])
    }

    /// The client streams a file as one multipart attachment, exactly as long as it
    /// says, lists and renames it, and downloads it without taking the token to the
    /// storage host.
    @Test func clientRoundTrip() async throws {
        let server = try await GiteaServer.start()
        defer { Task { await server.stop() } }
        let client = GiteaClient(kind: .forgejo, apiURL: server.apiURL, repository: "octo-org/octo-repo", token: "secret",
                                 transport: transport)
        let release = try await client.createRelease(ReleaseFields(tagName: "v1.0.0", draft: true))
        let content = String(repeating: "0123456789", count: 300_000)
        let path = try temporaryFile("big.bin", content)
        let local = LocalAsset(path: path, name: "big.bin", label: nil, size: Int64(content.utf8.count), modified: Date(),
                               contentType: "application/octet-stream")
        let result = try await client.uploadAssetOnce(local, as: "big.bin", label: nil, to: release)
        #expect(result.status == 201, "\(String(decoding: result.body, as: UTF8.self))")
        let listed = try await client.listAssets(releaseID: release.id)
        #expect(listed.map(\.name) == ["big.bin"] && listed.first?.size == local.size && listed.first?.digest == nil)
        let hashed = try await client.withContentDigest(try #require(listed.first))
        #expect(hashed.digest == "sha256:" + (try FileDigester.sha256Hex(ofFile: path)))
        #expect(!(await server.authorizationReachedDownloadHost()))
        _ = try await client.renameAsset(id: hashed.id, name: "renamed.bin", label: nil, releaseID: release.id)
        #expect(try await client.releases(taggedWith: "v1.0.0").first?.assets.map(\.name) == ["renamed.bin"])
        let published = try await client.updateRelease(id: release.id, ReleaseFields(draft: false, makeLatest: "false"))
        #expect(!published.draft)
        // Errors name the forge that answered, not GitHub.
        do {
            _ = try await client.listAssets(releaseID: 999_999)
            Issue.record("a missing release listed attachments")
        } catch let error as GitHubAPIError {
            #expect(error.description.contains("Forgejo answered 404"), "\(error)")
        }
    }
}

extension GiteaServerStrictnessTests {
    /// Gitea pages by `limit` (at most 50) and a `Link` header; the release is found on a later page.
    @Test func releasesAreFoundPastTheFirstPage() async throws {
        let server = try await GiteaServer.start(ServerOptions(maxPerPage: 50))
        defer { Task { await server.stop() } }
        let wanted = await server.seedRelease(tag: "v0.0.1", draft: true)
        for index in 1...60 { await server.seedRelease(tag: "v1.0.\(index)") }
        let client = GiteaClient(apiURL: server.apiURL, repository: "octo-org/octo-repo", token: "t", transport: transport)
        #expect(try await client.releases(taggedWith: "v0.0.1").map(\.id) == [wanted])
        #expect(await server.requests().filter { $0.route == .listReleases }.count == 2)
    }

    /// An upload sent chunked, without a Content-Length, is refused (411), as Gitea
    /// refuses a body it cannot size: written by hand, since the client never sends one.
    @Test func anUploadWithoutContentLengthIsRefused() async throws {
        let server = try await GiteaServer.start()
        defer { Task { await server.stop() } }
        let id = await server.seedRelease(tag: "v1.0.0", draft: true)
        let form = MultipartFile(fieldName: "attachment", fileName: "a.bin", contentType: "application/octet-stream")
        let body = form.prefix + Data("abc".utf8) + form.suffix
        let port = UInt16(server.apiURL.port!)
        let head = "POST /api/v1/repos/octo-org/octo-repo/releases/\(id)/assets?name=a.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Authorization: token t\r\nContent-Type: \(form.contentType)\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        let chunk = Data(String(body.count, radix: 16).utf8) + Data("\r\n".utf8) + body + Data("\r\n0\r\n\r\n".utf8)
        let answer = try await offThePool { try RawHTTP.exchange(port: port, Data(head.utf8) + chunk) }
        #expect(answer.hasPrefix("HTTP/1.1 411"), "\(answer.prefix(200))")
        #expect(await server.assets(ofRelease: id).isEmpty)
    }
}

/// One request written to a loopback socket, the answer read until the peer closes
/// (blocking: call it off the cooperative pool).
enum RawHTTP {
    static func exchange(port: UInt16, _ request: Data) throws -> String {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw TransportError("socket() failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TransportError("connect() failed") }
        _ = request.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            answer.append(contentsOf: buffer[0..<count])
            if answer.count > 65536 { break }
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
