import Foundation
import GitHubAPI
import GitHubServer
import Testing

/// The immutable-releases facts the client reads, and GitHub's refusals the server
/// models for them (issue 17).
@Suite struct ImmutableReleasesTests {
    @Test func theRepositorySettingIsOnOffOrUnreadable() async throws {
        let harness = try await APIHarness.start(ServerOptions(immutableReleases: true, settingReaders: ["admin"], tags: ["v1.0.0"]))
        defer { Task { await harness.server.stop() } }
        #expect(try await harness.client(token: "admin").immutableReleasesSetting() == ImmutableReleasesSetting(enabled: true))
        // A workflow's GITHUB_TOKEN has no administration: read: 403, read as "not known".
        #expect(try await harness.client(token: "workflow").immutableReleasesSetting() == nil)
        await harness.server.setOption { $0.immutableReleases = false }
        // GitHub answers 404 when the setting is off.
        #expect(try await harness.client(token: "admin").immutableReleasesSetting() == ImmutableReleasesSetting(enabled: false))
        #expect(await harness.server.requests().allSatisfy { $0.route == .immutableReleases && !$0.route.isWrite })
    }

    @Test func releaseObjectsCarryImmutableFromPublishingOn() async throws {
        let harness = try await APIHarness.start(ServerOptions(immutableReleases: true, tags: ["v1.0.0"]))
        defer { Task { await harness.server.stop() } }
        let client = harness.client()
        let draft = try await client.createRelease(ReleaseFields(tagName: "v1.0.0", draft: true))
        #expect(!draft.immutable, "a draft is never immutable")
        let published = try await client.updateRelease(id: draft.id, ReleaseFields(draft: false))
        #expect(published.immutable)
        #expect(try await client.releaseByTag("v1.0.0")?.immutable == true)
        // Its tag cannot move; the notes can still change.
        let moved = await failure { _ = try await client.updateRelease(id: draft.id, ReleaseFields(tagName: "v1.0.1")) }
        #expect(moved?.status == 422)
        #expect(try await client.updateRelease(id: draft.id, ReleaseFields(body: "edited")).body == "edited")
    }

    @Test func aDeletedImmutableReleaseBurnsItsTag() async throws {
        let harness = try await APIHarness.start(ServerOptions(immutableReleases: true, tags: ["v1.0.0"]))
        defer { Task { await harness.server.stop() } }
        let client = harness.client()
        let release = try await client.createRelease(ReleaseFields(tagName: "v1.0.0"))
        try await client.deleteRelease(id: release.id)
        let again = await failure { _ = try await client.createRelease(ReleaseFields(tagName: "v1.0.0", draft: true)) }
        #expect(again?.status == 422 && again?.reason == .tagUsedByImmutableRelease)
        #expect(again?.description.contains("never lets it be used for a release again") == true)
        #expect(await harness.server.releases().isEmpty)
        // A mutable release deleted leaves its tag usable.
        await harness.server.setOption { $0.immutableReleases = false }
        let other = try await client.createRelease(ReleaseFields(tagName: "v2.0.0"))
        try await client.deleteRelease(id: other.id)
        #expect(try await client.createRelease(ReleaseFields(tagName: "v2.0.0")).tagName == "v2.0.0")
    }

    @Test func theServerRefusesWhatGitHubsLimitsRefuse() async throws {
        let harness = try await APIHarness.start()
        defer { Task { await harness.server.stop() } }
        let client = harness.client()
        let long = await failure { _ = try await client.createRelease(ReleaseFields(tagName: "v1.0.0", body: String(repeating: "x", count: 125_001))) }
        #expect(long?.status == 422 && long?.detail.contains("body is too long") == true)
        let release = try await client.createRelease(ReleaseFields(tagName: "v1.0.0", body: String(repeating: "x", count: 125_000), draft: true))
        for index in 0..<ServerLimits.maxAssets {
            await harness.server.seedAsset(releaseID: release.id, name: "f\(index)", content: Data())
        }
        let path = try temporaryFile("one-more.txt", "x")
        let full = try await client.uploadAssetOnce(uploadURL: release.uploadURL, name: "one-more.txt", label: nil, path: path,
                                                    size: 1, contentType: "text/plain")
        #expect(full.status == 422 && String(decoding: full.body, as: UTF8.self).contains("at most 1000 assets"))
        #expect(await harness.server.assets(ofRelease: release.id).count == ServerLimits.maxAssets)
    }

    func failure(_ body: () async throws -> Void) async -> GitHubAPIError? {
        do { try await body(); return nil } catch { return error as? GitHubAPIError }
    }
}
