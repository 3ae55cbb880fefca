import Foundation
import Testing
import GitHubAPI
@testable import GitHubServer

/// The local server answers in the shapes GitHub recorded (octokit/fixtures).
@Suite struct ServerFidelityTests {
    func raw(_ harness: APIHarness, _ method: String, _ path: String, body: Data? = nil, token: String? = "t") async throws -> (Int, [String: String], Any?) {
        var headers: [String: String] = [:]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        let result = try await AsyncHTTPClientTransport().send(HTTPRequestSpec(method: method, url: URL(string: harness.server.urls.api + path)!,
                                                                          headers: headers, body: body.map(RequestBody.data) ?? .empty))
        return (result.status, result.headers, try? JSONSerialization.jsonObject(with: result.body))
    }

    func recorded(_ file: String, _ index: Int) throws -> [String: Any] {
        try #require(try Fixtures.exchanges(file)[index]["response"] as? [String: Any])
    }

    @Test func releaseAndAssetObjectsHaveTheRecordedFields() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let client = harness.client()
        let release = try await client.createRelease(ReleaseFields(tagName: "v1.0.0", name: "Version 1.0.0", body: "Initial release"))
        let path = try temporaryFile("test-upload.txt", "Hello, world!\n")
        let upload = try await client.uploadAssetOnce(uploadURL: release.uploadURL, name: "test-upload.txt", label: "test", path: path, size: 14, contentType: "text/plain")
        #expect(upload.status == 201)

        let (_, _, releaseBody) = try await raw(harness, "GET", "/repos/octo-org/octo-repo/releases/tags/v1.0.0")
        let ours = try #require(releaseBody as? [String: Any])
        let theirs = try recorded("release-assets.json", 0)
        #expect(Set(theirs.keys).subtracting(ours.keys).isEmpty, "missing: \(Set(theirs.keys).subtracting(ours.keys))")
        let ourAsset = try #require((ours["assets"] as? [[String: Any]])?.first)
        let theirAsset = try recorded("release-assets.json", 1)
        #expect(Set(theirAsset.keys).subtracting(ourAsset.keys).isEmpty, "missing: \(Set(theirAsset.keys).subtracting(ourAsset.keys))")
        #expect(ourAsset["name"] as? String == theirAsset["name"] as? String)
        #expect(ourAsset["size"] as? Int == theirAsset["size"] as? Int)
        #expect(ourAsset["label"] as? String == "test")
        #expect(ourAsset["state"] as? String == "uploaded")
        #expect(ourAsset["digest"] as? String == "sha256:d9014c4624844aa5bac314773d6b689ad467fa4e1d1a50a1b8a99d5a95f72ff5")
        #expect((ours["upload_url"] as? String)?.hasSuffix("/releases/\(release.id)/assets{?name,label}") == true)
        #expect((ours["upload_url"] as? String)?.hasPrefix(harness.server.urls.uploads) == true)
    }

    @Test func duplicateAssetAnswersTheRecordedConflict() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let client = harness.client()
        let release = try await client.createRelease(ReleaseFields(tagName: "v1.0.0"))
        let path = try temporaryFile("test-upload.txt", "Hello, world!\n")
        _ = try await client.uploadAssetOnce(uploadURL: release.uploadURL, name: "test-upload.txt", label: "test", path: path, size: 14, contentType: "text/plain")
        let second = try await client.uploadAssetOnce(uploadURL: release.uploadURL, name: "test-upload.txt", label: "test", path: path, size: 14, contentType: "text/plain")
        #expect(second.status == 422)
        let ours = try #require(try JSONSerialization.jsonObject(with: second.body) as? [String: Any])
        let theirs = try recorded("release-assets-conflict.json", 1)
        #expect(ours["message"] as? String == theirs["message"] as? String)
        #expect(NSArray(array: ours["errors"] as? [Any] ?? []) == NSArray(array: theirs["errors"] as? [Any] ?? []))
        #expect(Set(ours.keys) == Set(theirs.keys))
    }

    @Test func draftsAreInvisibleToGetByTagButListed() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let client = harness.client()
        let draft = try await client.createRelease(ReleaseFields(tagName: "v2.0.0", draft: true))
        #expect(try await client.releaseByTag("v2.0.0") == nil)
        #expect(try await client.listReleases().map(\.id) == [draft.id])
        // Several drafts may share a tag; a second published release may not.
        _ = try await client.createRelease(ReleaseFields(tagName: "v2.0.0", draft: true))
        _ = try await client.createRelease(ReleaseFields(tagName: "v2.0.0", draft: false))
        await #expect(throws: GitHubAPIError.self) { try await client.createRelease(ReleaseFields(tagName: "v2.0.0", draft: false)) }
        #expect(try await client.releaseByTag("v2.0.0")?.draft == false)
    }

    @Test func paginationLinksLikeGitHub() async throws {
        let harness = try await APIHarness.start(ServerOptions(maxPerPage: 3))
        defer { Task { await harness.server.stop() } }
        for index in 0..<11 { await harness.server.seedRelease(tag: "v0.\(index).0") }
        let (_, headers, _) = try await raw(harness, "GET", "/repos/octo-org/octo-repo/releases?per_page=3&page=2")
        let ours = LinkHeader(headers["link"])
        let recordedHeaders = try #require(try Fixtures.exchanges("paginate-issues.json")[1]["headers"] as? [String: Any])
        let theirs = LinkHeader(recordedHeaders["link"] as? String)
        #expect(Set(ours.links.keys) == Set(theirs.links.keys))
        #expect(ours.next?.query == "per_page=3&page=3")
        #expect(ours.links["last"]?.query == "per_page=3&page=4")
        // The client follows every page.
        let all = try await harness.client().listReleases()
        #expect(all.count == 11)
        #expect(Set(all.map(\.tagName)).count == 11)
    }

    @Test func gitRefAnswersLikeTheRecordedRef() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let (status, _, body) = try await raw(harness, "GET", "/repos/octo-org/octo-repo/git/ref/tags/v1.0.0")
        #expect(status == 200)
        let ours = try #require(body as? [String: Any])
        let theirs = try #require(try Fixtures.exchanges("git-refs.json")[1]["response"] as? [String: Any])
        #expect(Set(ours.keys) == Set(theirs.keys))
        #expect(try await raw(harness, "GET", "/repos/octo-org/octo-repo/git/ref/tags/v9.9.9").0 == 404)
    }

    @Test func refusalsAsGitHubSendsThem() async throws {
        let harness = try await APIHarness.start(ServerOptions(acceptedTokens: ["good", "reader"], readOnlyTokens: ["reader"]))
        defer { Task { await harness.server.stop() } }
        let create = Data("{\"tag_name\":\"v1\"}".utf8)
        #expect(try await raw(harness, "POST", "/repos/octo-org/octo-repo/releases", body: create, token: "bad").0 == 401)
        let (status, _, body) = try await raw(harness, "POST", "/repos/octo-org/octo-repo/releases", body: create, token: "reader")
        #expect(status == 403)
        #expect((body as? [String: Any])?["message"] as? String == "Resource not accessible by integration")
        #expect(try await raw(harness, "GET", "/repos/octo-org/other/releases", token: "good").0 == 404)
        #expect(try await raw(harness, "GET", "/repos/octo-org/octo-repo/releases", token: "reader").0 == 200)
    }
}
