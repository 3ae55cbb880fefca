import Foundation
import GitHubAPI
import GitHubServer
import ReleaseKitCommands
import ReleaseKitCore
import Testing

/// create-release under immutable releases (issue 17), against the local server with
/// the repository's setting on: matrix jobs that publish once, refusals before the
/// first write, GitHub's limits checked on the local files.
@Suite struct CreateReleaseImmutableTests {
    static let immutable = ServerOptions(immutableReleases: true, tags: ["v1.0.0"])
    static let platforms = ["linux-x64", "linux-arm64", "macos", "windows"]

    /// The four build jobs at once, each uploading its own file into the shared draft.
    func buildJobs(_ h: CreateReleaseHarness, _ platforms: [String] = platforms) async -> [CreateReleaseHarness.Run] {
        for platform in platforms { h.file("\(platform)/app-1.0.0-\(platform).tar.gz", "build for \(platform)\n") }
        return await withTaskGroup(of: CreateReleaseHarness.Run.self) { group in
            for platform in platforms {
                group.addTask { await h.run { $0.draft = true; $0.assets = ["\(platform)/*.tar.gz"] } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    func publishJob(_ h: CreateReleaseHarness, expect: [String] = platforms.map { "app-{version}-\($0).tar.gz" }) async -> CreateReleaseHarness.Run {
        await h.run { $0.publish = true; $0.expectAssets = expect }
    }

    @Test func fourDraftJobsAndOnePublishJobGiveOneImmutableReleaseWithEveryAsset() async throws {
        let h = try await CreateReleaseHarness.start(Self.immutable)
        defer { Task { await h.server.stop() } }
        let builds = await buildJobs(h)
        for build in builds {
            #expect(build.status == .success, "\(build.log)")
            #expect(build.outputs["draft"] == "true" && build.outputs["immutable"] == "true")
            #expect(build.log.contains("immutable releases are on for this repository"))
        }
        #expect(!(await h.writes()).contains(.updateRelease), "no build job publishes")
        let publish = await publishJob(h)
        #expect(publish.status == .success, "\(publish.log)")
        let releases = await h.server.releases()
        #expect(releases.count == 1)
        let release = try #require(releases.first)
        #expect(!release.draft && release.immutable && release.publishCount == 1)
        #expect(await h.assetNames(of: release.id) == Self.platforms.map { "app-1.0.0-\($0).tar.gz" }.sorted())
        #expect(publish.outputs["immutable"] == "true" && publish.outputs["draft"] == "false")
        #expect(await h.writes().filter { $0 == .upload }.count == 4)

        // Re-running the publish job after success: a no-op reporting the release.
        let before = await h.writes().count
        let again = await publishJob(h)
        #expect(again.status == .success, "\(again.log)")
        #expect(await h.writes().count == before)
        #expect(again.log.contains("already published") && again.outputs["id"] == String(release.id))
        #expect(again.outputs["immutable"] == "true" && again.outputs["draft"] == "false")
        #expect(await h.server.releases().first?.publishCount == 1)
    }

    @Test func publishingWithOneAssetMissingIsRefusedAndTheDraftStays() async throws {
        let h = try await CreateReleaseHarness.start(Self.immutable)
        defer { Task { await h.server.stop() } }
        for build in await buildJobs(h, Array(Self.platforms.dropLast())) { #expect(build.status == .success, "\(build.log)") }
        let writes = await h.writes().count
        let publish = await publishJob(h)
        #expect(publish.status == .failure)
        #expect(publish.log.contains("not publishing v1.0.0") && publish.log.contains("app-1.0.0-windows.tar.gz: no asset on the release matches"), "\(publish.log)")
        #expect(await h.writes().count == writes, "refused before any write")
        #expect(await h.server.releases().first?.draft == true)
        // The missing job runs again; then the release is published once.
        #expect(await buildJobs(h, ["windows"]).allSatisfy { $0.status == .success })
        #expect(await publishJob(h).status == .success)
        #expect(await h.server.releases().first?.publishCount == 1)
    }

    /// The publish job has the files too (downloaded artifacts): they must be what the draft holds.
    @Test func localFilesInThePublishJobMustMatchTheDraft() async throws {
        let h = try await CreateReleaseHarness.start(Self.immutable)
        defer { Task { await h.server.stop() } }
        for build in await buildJobs(h) { #expect(build.status == .success) }
        let writes = await h.writes().count
        h.file("all/app-1.0.0-macos.tar.gz", "a different macos build\n")
        h.file("all/app-1.0.0-windows.tar.gz", "build for windows\n")
        let run = await h.run { $0.publish = true; $0.assets = ["all/*"]; $0.expectAssets = ["app-*.tar.gz"] }
        #expect(run.status == .failure && run.log.contains("app-1.0.0-macos.tar.gz"), "\(run.log)")
        #expect(await h.writes().count == writes)
        #expect(await h.server.releases().first?.draft == true)
        h.file("all/app-1.0.0-macos.tar.gz", "build for macos\n")
        let matching = await h.run { $0.publish = true; $0.assets = ["all/*"]; $0.expectAssets = ["app-*.tar.gz"] }
        #expect(matching.status == .success && matching.outputs["skipped"] == "2" && matching.outputs["uploaded"] == "0", "\(matching.log)")
        #expect(await h.server.releases().first?.immutable == true)
    }

    @Test func anUnfinishedUploadOrAMissingDigestKeepsTheReleaseADraft() async throws {
        let h = try await CreateReleaseHarness.start(Self.immutable)
        defer { Task { await h.server.stop() } }
        let draft = await h.server.seedRelease(tag: "v1.0.0", draft: true)
        await h.server.seedAsset(releaseID: draft, name: "a.tar.gz", content: Data("a".utf8), state: "starter")
        await h.server.seedAsset(releaseID: draft, name: "b.tar.gz", content: Data("b".utf8), digest: false)
        let run = await h.run { $0.publishOnly = true; $0.expectAssets = ["*.tar.gz"] }
        #expect(run.status == .failure)
        #expect(run.log.contains("a.tar.gz: its upload never finished (state starter)") && run.log.contains("b.tar.gz: GitHub gave no digest"), "\(run.log)")
        #expect(await h.writes().isEmpty)
    }

    @Test func publishOnlyPublishesWhatIsThereWithoutUploading() async throws {
        let h = try await CreateReleaseHarness.start(Self.immutable)
        defer { Task { await h.server.stop() } }
        let none = await h.run { $0.publishOnly = true }
        #expect(none.status == .failure && none.log.contains("no release for v1.0.0"))
        #expect(await h.writes().isEmpty)
        for build in await buildJobs(h) { #expect(build.status == .success) }
        let uploads = await h.writes().filter { $0 == .upload }.count
        let run = await h.run { $0.publishOnly = true }
        #expect(run.status == .success, "\(run.log)")
        #expect(await h.writes().filter { $0 == .upload }.count == uploads)
        #expect(await h.server.releases().first?.immutable == true)
        h.file("extra.txt", "x")
        #expect(await h.run { $0.publishOnly = true; $0.assets = ["extra.txt"] }.status == .usage)
    }

    /// A re-run of a build job after publishing: refused before any upload, which the
    /// server's request log proves (not GitHub's 422 after minutes of building).
    @Test func aRerunOnAnImmutableTagIsRefusedBeforeAnyUpload() async throws {
        let h = try await CreateReleaseHarness.start(Self.immutable)
        defer { Task { await h.server.stop() } }
        _ = await buildJobs(h)
        #expect(await publishJob(h).status == .success)
        let seen = await h.server.requests().count
        h.file("linux-x64/app-1.0.0-linux-x64.tar.gz", "rebuilt, different bytes\n")
        h.file("late/app-1.0.0-freebsd.tar.gz", "late platform\n")
        for configure in [{ (s: inout CreateReleaseSettings) in s.draft = true; s.assets = ["late/*"] },
                          { (s: inout CreateReleaseSettings) in s.assets = ["linux-x64/*"]; s.overwriteAssets = true },
                          { (s: inout CreateReleaseSettings) in s.forceRecreate = true }] {
            let run = await h.run(configure)
            #expect(run.status == .failure)
            #expect(run.log.contains("v1.0.0 is an immutable release; cut a new version"), "\(run.log)")
        }
        let after = await h.server.requests().dropFirst(seen)
        #expect(!after.isEmpty && after.allSatisfy { !$0.route.isWrite }, "\(after.map(\.route))")
        // The same files again change nothing: that re-run is allowed, and a no-op.
        h.file("linux-x64/app-1.0.0-linux-x64.tar.gz", "build for linux-x64\n")
        let same = await h.run { $0.draft = true; $0.assets = ["linux-x64/*"] }
        #expect(same.status == .success && same.outputs["skipped"] == "1", "\(same.log)")
    }

    @Test func aDryRunReportsTheSameRefusalsAndSendsNoWrite() async throws {
        let h = try await CreateReleaseHarness.start(Self.immutable)
        defer { Task { await h.server.stop() } }
        _ = await buildJobs(h, ["macos"])
        let incomplete = await h.run { $0.publish = true; $0.dryRun = true; $0.expectAssets = ["app-*-windows.tar.gz"] }
        #expect(incomplete.status == .failure && incomplete.log.contains("not publishing v1.0.0"), "\(incomplete.log)")
        let plan = await h.run { $0.publish = true; $0.dryRun = true; $0.expectAssets = ["app-*-macos.tar.gz"] }
        #expect(plan.status == .success && plan.outputs["immutable"] == "true", "\(plan.log)")
        #expect(await h.server.releases().first?.draft == true)
        #expect(await publishJob(h, expect: ["app-*-macos.tar.gz"]).status == .success)
        h.file("late/app-1.0.0-freebsd.tar.gz", "late\n")
        let late = await h.run { $0.dryRun = true; $0.assets = ["late/*"] }
        #expect(late.status == .failure && late.log.contains("v1.0.0 is an immutable release; cut a new version"))
        #expect(await h.writes().count == 3, "the build job's create and upload, the publish: nothing from the dry runs")
    }

    /// The release of a tag was immutable and was deleted: the tag cannot be used again.
    @Test func aBurnedTagIsRefusedAndNothingIsUploaded() async throws {
        let h = try await CreateReleaseHarness.start(Self.immutable)
        defer { Task { await h.server.stop() } }
        _ = await buildJobs(h, ["macos"])
        #expect(await publishJob(h, expect: []).status == .success)
        let id = try #require(await h.server.releases().first?.id)
        await h.server.deleteRelease(id)
        let seen = await h.server.requests().count
        let run = await h.run { $0.draft = true; $0.assets = ["macos/*"] }
        #expect(run.status == .failure)
        #expect(run.log.contains("v1.0.0 belonged to an immutable release that was deleted") && run.log.contains("cut a new version"), "\(run.log)")
        #expect(await h.server.releases().isEmpty)
        // GitHub's refusal of the create is the one write, and it changed nothing.
        let writes = await h.server.requests().dropFirst(seen).filter(\.route.isWrite)
        #expect(writes.map(\.route) == [.createRelease] && writes.first?.status == 422)
    }

    /// A draft left over on a tag that has since been burned cannot be published either.
    @Test func aDraftOnABurnedTagIsNotPublished() async throws {
        var options = Self.immutable
        options.burnedTags = ["v1.0.0"]
        let h = try await CreateReleaseHarness.start(options)
        defer { Task { await h.server.stop() } }
        let draft = await h.server.seedRelease(tag: "v1.0.0", draft: true)
        await h.server.seedAsset(releaseID: draft, name: "a.tar.gz", content: Data("a".utf8))
        let run = await h.run { $0.publishOnly = true }
        #expect(run.status == .failure && run.log.contains("v1.0.0 belonged to an immutable release that was deleted"), "\(run.log)")
        #expect(await h.server.releases().first?.draft == true)
        #expect(await h.writes() == [.updateRelease])
    }

    @Test func theSettingUnreadableByTheTokenIsUnknownForADraft() async throws {
        var options = Self.immutable
        options.settingReaders = []
        let h = try await CreateReleaseHarness.start(options)
        defer { Task { await h.server.stop() } }
        let draft = await h.run { $0.draft = true }
        #expect(draft.status == .success && draft.outputs["immutable"] == "unknown", "\(draft.log)")
        #expect(draft.log.contains("needs administration: read"))
        let published = await h.run { $0.publish = true }
        #expect(published.status == .success && published.outputs["immutable"] == "true")
        let off = try await CreateReleaseHarness.start()
        defer { Task { await off.server.stop() } }
        #expect(await off.run().outputs["immutable"] == "false")
    }

    // GitHub's limits, on the local files: exit 2 before any request.

    @Test func aTwoGiBSparseFileIsRefusedBeforeAnyRequest() async throws {
        let h = try await CreateReleaseHarness.start(Self.immutable)
        defer { Task { await h.server.stop() } }
        let path = h.file("dist/huge.iso", "")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(ReleaseLimits.maxAssetBytes))
        try handle.close()
        h.file("dist/small.txt", "small")
        let run = await h.run { $0.assets = ["dist/*"] }
        #expect(run.status == .usage)
        #expect(run.log.contains("--asset: huge.iso (2147483648 bytes)") && run.log.contains("under 2 GiB"), "\(run.log)")
        #expect(await h.server.requests().isEmpty)
    }

    @Test func moreThanAThousandAssetsAreRefusedBeforeAnyRequest() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        for index in 0...ReleaseLimits.maxAssets { h.file("many/f\(index).txt", "") }
        let run = await h.run { $0.assets = ["many/*"] }
        #expect(run.status == .usage && run.log.contains("--asset: 1001 files") && run.log.contains("at most 1000"), "\(run.log)")
        #expect(await h.server.requests().isEmpty)
    }

    @Test func overLongNotesExit2UnlessTruncated() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        let line = String(repeating: "x", count: 99) + "\n"
        h.file("NOTES.md", String(repeating: line, count: 1300))
        let refused = await h.run { $0.notesFile = "NOTES.md" }
        #expect(refused.status == .usage && refused.log.contains("--notes-file NOTES.md") && refused.log.contains("130000 characters"), "\(refused.log)")
        #expect(refused.log.contains("--truncate-notes"))
        #expect(await h.server.requests().isEmpty)
        let cut = await h.run(environment: ["GITHUB_SERVER_URL": "https://github.com"]) { $0.notesFile = "NOTES.md"; $0.truncateNotes = true }
        #expect(cut.status == .success, "\(cut.log)")
        let body = try #require(await h.server.releases().first?.body)
        #expect(body.unicodeScalars.count <= ReleaseLimits.maxNotesCharacters)
        #expect(body.hasSuffix("The full changelog: https://github.com/octo-org/octo-repo/blob/v1.0.0/CHANGELOG.md*\n"))
        #expect(body.hasPrefix(line) && body.contains(line + "\n---\n"), "cut at a line boundary")
        #expect(cut.log.contains("notes were cut"))
    }
}
