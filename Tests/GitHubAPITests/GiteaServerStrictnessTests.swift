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
    }
}
