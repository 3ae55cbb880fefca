import Foundation
import GitHubAPI
import GitHubServer
import ReleaseKitCommands
import Testing

/// create-release's numbered behaviours (issue 8), each against the local server.
@Suite struct CreateReleaseJobTests {
    // 3. New releases: draft first, assets, then published.
    @Test func createsDraftUploadsThenPublishes() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        h.file("dist/app-linux.tar.gz", "linux build\n")
        h.file("dist/app-macos.zip", "macos build\n")
        let run = await h.run { $0.assets = ["dist/*.tar.gz#Linux binary", "dist/app-macos.zip"]; $0.notes = "Fixes." }
        #expect(run.status == .success, "\(run.log)")
        let routes = await h.server.requests().map(\.route).filter(\.isWrite)
        #expect(routes == [.createRelease, .upload, .upload, .updateRelease])
        let release = try #require(await h.server.releases().first)
        #expect(!release.draft && release.publishCount == 1 && release.name == "v1.0.0" && release.body == "Fixes.")
        let assets = await h.server.assets(ofRelease: release.id)
        #expect(assets.map(\.name).sorted() == ["app-linux.tar.gz", "app-macos.zip"])
        #expect(assets.first { $0.name == "app-linux.tar.gz" }?.label == "Linux binary")
        #expect(assets.first { $0.name == "app-linux.tar.gz" }?.contentType == "application/gzip")
        #expect(run.outputs["created"] == "true" && run.outputs["uploaded"] == "2" && run.outputs["skipped"] == "0")
        #expect(run.outputs["id"] == String(release.id) && run.outputs["draft"] == "false" && run.outputs["tag"] == "v1.0.0")
        let listed = try JSONSerialization.jsonObject(with: Data(run.outputs["assets"]!.utf8)) as? [[String: Any]]
        #expect(listed?.count == 2)
        #expect(Set(listed?.first?.keys.map { $0 } ?? []) == ["name", "id", "size", "digest", "url"])
        #expect(run.summary.contains("](\(run.outputs["url"]!))"))
        #expect(run.summary.contains("| app-linux.tar.gz | 12 B | uploaded |"))
    }

    // Re-run after success: no changes, no failure.
    @Test func rerunAfterSuccessChangesNothing() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        h.file("a.txt", "A\n"); h.file("b.txt", "B\n")
        #expect(await h.run { $0.assets = ["a.txt", "b.txt"] }.status == .success)
        let before = await h.writes().count
        let again = await h.run { $0.assets = ["a.txt", "b.txt"] }
        #expect(again.status == .success, "\(again.log)")
        #expect(await h.writes().count == before)
        #expect(again.outputs["created"] == "false" && again.outputs["skipped"] == "2" && again.outputs["uploaded"] == "0")
        #expect(await h.server.releases().count == 1)
    }

    // 1. Drafts are found (get-by-tag misses them) and reused, not duplicated.
    @Test func reusesADraftFromAnEarlierRun() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        let draft = await h.server.seedRelease(tag: "v1.0.0", draft: true, name: "Kept title")
        await h.server.seedAsset(releaseID: draft, name: "a.txt", content: Data("A\n".utf8))
        h.file("a.txt", "A\n"); h.file("b.txt", "B\n")
        let run = await h.run { $0.assets = ["a.txt", "b.txt"] }
        #expect(run.status == .success, "\(run.log)")
        let releases = await h.server.releases()
        #expect(releases.map(\.id) == [draft])
        #expect(releases.first?.draft == false && releases.first?.name == "Kept title")
        #expect(await h.assetNames(of: draft) == ["a.txt", "b.txt"])
        #expect(run.outputs["created"] == "false" && run.outputs["skipped"] == "1" && run.outputs["uploaded"] == "1")
    }

    // 1. Reuse updates name/notes/flags only when given.
    @Test func updatesOnlyWhatIsGiven() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        let id = await h.server.seedRelease(tag: "v1.0.0", name: "Old title", body: "old notes")
        #expect(await h.run().status == .success)
        #expect(await h.server.releases().first?.body == "old notes")
        #expect(!(await h.writes()).contains(.updateRelease))
        let run = await h.run { $0.notes = "new notes" }
        #expect(run.status == .success)
        let release = try #require(await h.server.releases().first)
        #expect(release.id == id && release.name == "Old title" && release.body == "new notes")
    }

    // 2. Duplicates not made by this run are left alone; the canonical one is used.
    @Test func convergesOnTheCanonicalReleaseAndLeavesOthers() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        let first = await h.server.seedRelease(tag: "v1.0.0", draft: true)
        let second = await h.server.seedRelease(tag: "v1.0.0", draft: true)
        h.file("a.txt", "A\n")
        let run = await h.run { $0.assets = ["a.txt"] }
        #expect(run.status == .success)
        #expect(run.outputs["id"] == String(first))
        #expect(Set(await h.server.releases().map(\.id)) == [first, second])
        #expect(run.log.contains("2 releases claim tag v1.0.0"))
        // Published before draft, whatever the ids.
        let h2 = try await CreateReleaseHarness.start()
        defer { Task { await h2.server.stop() } }
        _ = await h2.server.seedRelease(tag: "v1.0.0", draft: true)
        let published = await h2.server.seedRelease(tag: "v1.0.0", draft: false)
        #expect(await h2.run().outputs["id"] == String(published))
    }

    // 3. Prereleases: flagged from the tag, make_latest false, published once (the prereleased event).
    @Test func prereleaseFromTheTag() async throws {
        let h = try await CreateReleaseHarness.start(ServerOptions())
        defer { Task { await h.server.stop() } }
        let run = await h.run { $0.tag = "v2.0.0-rc.1" }
        #expect(run.status == .success, "\(run.log)")
        let release = try #require(await h.server.releases().first)
        #expect(release.prerelease && !release.draft && release.publishCount == 1 && release.makeLatest == "false")
        #expect(run.outputs["prerelease"] == "true")
        let final = try await CreateReleaseHarness.start(ServerOptions())
        defer { Task { await final.server.stop() } }
        _ = await final.run { $0.tag = "v2.0.0"; $0.latest = .legacy; $0.discussionCategory = "Announcements"; $0.target = "abc123" }
        let stable = try #require(await final.server.releases().first)
        #expect(!stable.prerelease && stable.makeLatest == "legacy" && stable.discussionCategory == "Announcements" && stable.targetCommitish == "abc123")
    }

    @Test func draftFlagLeavesItUnpublished() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        let run = await h.run { $0.draft = true }
        #expect(run.outputs["draft"] == "true")
        #expect(await h.server.releases().first?.draft == true)
        #expect(await h.run { $0.draft = true }.outputs["created"] == "false")
        #expect(await h.server.releases().count == 1)
    }

    // 4. Same name, same content: skipped; different: an error, or replaced with --overwrite-assets.
    @Test func differentContentIsAConflictUnlessOverwriting() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        let id = await h.server.seedRelease(tag: "v1.0.0")
        await h.server.seedAsset(releaseID: id, name: "app.tar.gz", content: Data("old build\n".utf8))
        h.file("app.tar.gz", "new build\n")
        let refused = await h.run { $0.assets = ["app.tar.gz"] }
        #expect(refused.status == .failure)
        #expect(refused.log.contains("app.tar.gz (sha256 differs)") && refused.log.contains("--overwrite-assets"))
        #expect(await h.writes().isEmpty)
        let replaced = await h.run { $0.assets = ["app.tar.gz"]; $0.overwriteAssets = true }
        #expect(replaced.status == .success, "\(replaced.log)")
        #expect(replaced.outputs["replaced"] == "1")
        let assets = await h.server.assets(ofRelease: id)
        #expect(assets.map(\.name) == ["app.tar.gz"] && assets.first?.content == Data("new build\n".utf8))
    }

    /// Without a digest (old assets, older GHES): equal size and uploaded after the file was written.
    @Test func withoutDigestsSizeAndTimesDecide() async throws {
        let h = try await CreateReleaseHarness.start(ServerOptions(computesDigests: false, tags: ["v1.0.0"]))
        defer { Task { await h.server.stop() } }
        let path = h.file("app.bin", "abcdef\n")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: path)
        let id = await h.server.seedRelease(tag: "v1.0.0")
        await h.server.seedAsset(releaseID: id, name: "app.bin", content: Data("ABCDEF\n".utf8), digest: false)
        #expect(await h.run { $0.assets = ["app.bin"] }.outputs["skipped"] == "1")
        // Rebuilt after the upload: same size, but not trusted to be the same.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(3600)], ofItemAtPath: path)
        let rebuilt = await h.run { $0.assets = ["app.bin"] }
        #expect(rebuilt.status == .failure && rebuilt.log.contains("no digest"))
    }

    // 4. A starter left by a failed upload is removed and uploaded again.
    @Test func staleStarterIsReplaced() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        let id = await h.server.seedRelease(tag: "v1.0.0", draft: true)
        await h.server.seedAsset(releaseID: id, name: "app.tar.gz", content: Data("par".utf8), state: "starter")
        h.file("app.tar.gz", "complete\n")
        let run = await h.run { $0.assets = ["app.tar.gz"] }
        #expect(run.status == .success, "\(run.log)")
        let assets = await h.server.assets(ofRelease: id)
        #expect(assets.map(\.state) == ["uploaded"] && assets.first?.size == 9)
        #expect(run.outputs["uploaded"] == "1")
    }

    // 6. Every fault kind at once, on different endpoints: the run still converges.
    @Test func survivesEveryFaultKind() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        await h.server.inject(.tooManyRequests(retryAfter: 2), on: .listReleases)
        await h.server.inject(.status(502), on: .createRelease)
        await h.server.inject(.secondaryRateLimit(retryAfter: 5), on: .listAssets)
        await h.server.inject(.failAfterStoring(502), on: .upload)
        await h.server.inject(.dropConnectionMidUpload, on: .upload)
        await h.server.inject(.status(500), on: .upload)
        await h.server.inject(.rateLimitExhausted(resetAfter: 20), on: .updateRelease)
        await h.server.inject(.delay(0.2), on: .releaseByTag)
        for name in ["a", "b", "c", "d"] { h.file("\(name).bin", String(repeating: name, count: 70_000)) }
        let start = Date()
        let run = await h.run { $0.assets = ["*.bin"]; $0.concurrency = 2 }
        let elapsed = Date().timeIntervalSince(start)
        #expect(run.status == .success, "\(run.log)")
        let releases = await h.server.releases()
        #expect(releases.count == 1 && releases.first?.draft == false)
        let assets = await h.server.assets(ofRelease: releases[0].id)
        #expect(assets.map(\.name).sorted() == ["a.bin", "b.bin", "c.bin", "d.bin"])
        #expect(assets.allSatisfy { $0.state == "uploaded" && $0.size == 70_000 })
        // Rate-limit waits run from the moment the answer was judged: a little under 2 and 5 s.
        #expect(h.sleeper.waits.contains { abs($0 - 2) < 0.5 } && h.sleeper.waits.contains { abs($0 - 5) < 0.5 }, "\(h.sleeper.waits)")
        // Until the reset: 20 s plus a second's margin, less the real time the run took
        // between the server stamping the reset and the client reading it.
        #expect(h.sleeper.waits.contains { $0 >= 19 - elapsed && $0 <= 22 }, "\(h.sleeper.waits) after \(elapsed) s")
    }

    // Re-run after a partial failure converges.
    @Test func rerunAfterPartialFailureCompletes() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        for name in ["a", "b", "c"] { h.file("\(name).txt", name) }
        await h.server.inject(.status(500), on: .upload, times: 3)
        let failed = await h.run { $0.assets = ["*.txt"]; $0.maxAttempts = 2; $0.concurrency = 1 }
        #expect(failed.status == .failure)
        #expect(failed.log.contains("500"))
        let draft = try #require(await h.server.releases().first)
        #expect(draft.draft, "a failed run must not publish a half-filled release")
        let again = await h.run { $0.assets = ["*.txt"] }
        #expect(again.status == .success, "\(again.log)")
        let releases = await h.server.releases()
        #expect(releases.count == 1 && releases[0].draft == false)
        #expect(await h.assetNames(of: releases[0].id) == ["a.txt", "b.txt", "c.txt"])
    }

    // 4. Overwrite failing midway keeps the old asset and leaves no temporary copy.
    @Test func overwriteFailingMidwayKeepsTheOldAsset() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        let id = await h.server.seedRelease(tag: "v1.0.0")
        await h.server.seedAsset(releaseID: id, name: "app.tar.gz", content: Data("old build\n".utf8))
        h.file("app.tar.gz", "new build!\n")
        await h.server.inject(.failAfterStoring(502), on: .upload)
        await h.server.inject(.status(500), on: .upload, times: 20)
        await h.server.inject(.status(500), on: .deleteAsset, times: 20)
        let run = await h.run { $0.assets = ["app.tar.gz"]; $0.overwriteAssets = true; $0.maxAttempts = 2 }
        #expect(run.status == .failure)
        await h.server.clearFaults()
        let assets = await h.server.assets(ofRelease: id)
        #expect(assets.contains { $0.name == "app.tar.gz" && $0.content == Data("old build\n".utf8) })
        // The temporary copy could not be deleted while deletes failed; the next run removes it.
        let again = await h.run { $0.assets = ["app.tar.gz"]; $0.overwriteAssets = true }
        #expect(again.status == .success, "\(again.log)")
        let final = await h.server.assets(ofRelease: id)
        #expect(final.map(\.name) == ["app.tar.gz"] && final.first?.content == Data("new build!\n".utf8))
    }

    // 7. --force-recreate deletes and creates afresh; the tag stays.
    @Test func forceRecreate() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        let old = await h.server.seedRelease(tag: "v1.0.0", body: "stale")
        await h.server.seedAsset(releaseID: old, name: "stale.txt", content: Data("x".utf8))
        let run = await h.run { $0.forceRecreate = true; $0.notes = "fresh" }
        #expect(run.status == .success)
        let releases = await h.server.releases()
        #expect(releases.count == 1 && releases[0].id != old && releases[0].body == "fresh")
        #expect(await h.assetNames(of: releases[0].id).isEmpty)
        #expect(await h.server.tags().contains("v1.0.0"))
        #expect(run.outputs["created"] == "true")
    }

    // 8. --verify-tag fails before creating anything.
    @Test func verifyTag() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        let missing = await h.run { $0.tag = "v9.9.9"; $0.verifyTag = true }
        #expect(missing.status == .failure && missing.log.contains("tag v9.9.9 does not exist in octo-org/octo-repo"))
        #expect(await h.writes().isEmpty)
        #expect(await h.run { $0.verifyTag = true }.status == .success)
    }

    // 9. --generate-notes: GitHub's body, after --notes.
    @Test func generateNotes() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        #expect(await h.run { $0.generateNotes = true; $0.notes = "Intro." }.status == .success)
        let body = try #require(await h.server.releases().first?.body)
        #expect(body.hasPrefix("Intro.\n\n## What's Changed"))
        #expect(await h.server.requests().contains { $0.route == .generateNotes })
    }

    @Test func notesFromAFile() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        h.file("NOTES.md", "## Notes\n\n- one\n")
        #expect(await h.run { $0.notesFile = "NOTES.md" }.status == .success)
        #expect(await h.server.releases().first?.body == "## Notes\n\n- one\n")
        #expect(await h.run { $0.notesFile = "NOTES.md"; $0.notes = "x" }.status == .usage)
    }

    // 10. Actionable 4xx errors.
    @Test func errorMessagesFor401403404And422() async throws {
        let h = try await CreateReleaseHarness.start(ServerOptions(acceptedTokens: [CreateReleaseHarness.canary, "ghs_readonly"],
                                                                   readOnlyTokens: ["ghs_readonly"], tags: ["v1.0.0"]))
        defer { Task { await h.server.stop() } }
        let bad = await h.run(token: "ghs_wrongCANARY999")
        #expect(bad.status == .failure && bad.log.contains("401") && bad.log.contains("token was rejected"))
        #expect(!bad.log.contains("ghs_wrongCANARY999"))
        let readOnly = await h.run(token: "ghs_readonly")
        #expect(readOnly.status == .failure && readOnly.log.contains("permissions: contents: write"))
        let missing = await h.run { $0.repository = "octo-org/missing" }
        #expect(missing.status == .failure && missing.log.contains("octo-org/missing") && missing.log.contains("cannot see it"))
        await h.server.setOption { $0.immutableReleases = true }
        _ = await h.server.seedRelease(tag: "v1.0.0")
        h.file("late.txt", "late")
        let immutable = await h.run { $0.assets = ["late.txt"] }
        #expect(immutable.status == .failure && immutable.log.contains("immutable") && immutable.log.contains("--draft"))
        let category = await h.run { $0.tag = "v1.0.1"; $0.discussionCategory = "Nope" }
        #expect(category.status == .failure && category.log.contains("422") && category.log.contains("discussion_category_name"))
    }

    @Test func invalidInputExits2BeforeAnyRequest() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        h.file("one/app (x64).zip", "1"); h.file("two/app [x64].zip", "2")
        let clash = await h.run { $0.assets = ["one/*.zip", "two/*.zip"] }
        #expect(clash.status == .usage && clash.log.contains("app..x64..zip"))
        #expect(await h.run { $0.assets = ["missing/*.tgz"] }.status == .usage)
        let noToken = await h.run(token: nil)
        #expect(noToken.status == .usage && noToken.log.contains("GITHUB_TOKEN"))
        let noRepository = await h.run { $0.repository = nil }
        #expect(noRepository.status == .usage && noRepository.log.contains("GITHUB_REPOSITORY"))
        #expect(await h.server.requests().isEmpty)
    }

    @Test func tagFromTheEnvironment() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        let run = await h.run(environment: ["GITHUB_REF": "refs/tags/v3.1.0"]) { $0.tag = nil }
        #expect(run.status == .success && run.outputs["tag"] == "v3.1.0")
    }

    // --dry-run sends only reads, and none without a token.
    @Test func dryRunSendsNoWrites() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        let id = await h.server.seedRelease(tag: "v1.0.0")
        await h.server.seedAsset(releaseID: id, name: "same.txt", content: Data("same".utf8))
        await h.server.seedAsset(releaseID: id, name: "changed.txt", content: Data("old".utf8))
        h.file("same.txt", "same"); h.file("changed.txt", "new!"); h.file("new.txt", "new")
        let run = await h.run { $0.assets = ["*.txt"]; $0.dryRun = true; $0.overwriteAssets = true; $0.generateNotes = true }
        #expect(run.status == .success, "\(run.log)")
        #expect(await h.writes().isEmpty)
        #expect(run.outputs["uploaded"] == "1" && run.outputs["skipped"] == "1" && run.outputs["replaced"] == "1")
        #expect(run.log.contains("would replace changed.txt") && run.log.contains("would upload new.txt"))
        let before = await h.server.requests().count
        let offline = await h.run(token: nil) { $0.assets = ["*.txt"]; $0.dryRun = true }
        #expect(offline.status == .success && offline.outputs["uploaded"] == "3")
        #expect(await h.server.requests().count == before)
    }

    @Test func canaryTokenNeverAppears() async throws {
        let h = try await CreateReleaseHarness.start()
        defer { Task { await h.server.stop() } }
        h.file("a.txt", "a")
        await h.server.inject(.status(502), on: .upload)
        await h.server.inject(.rateLimitExhausted(resetAfter: 5), on: .listAssets)
        let ok = await h.run(environment: ["RUNNER_DEBUG": "1", "GITHUB_ACTIONS": "true"]) { $0.assets = ["a.txt"] }
        await h.server.inject(.status(500), on: .listReleases, times: 10)
        let failed = await h.run { $0.maxAttempts = 2; $0.verifyTag = true }
        #expect(ok.status == .success && failed.status == .failure)
        // On GitHub the token is announced with ::add-mask:: before anything else is
        // printed; that line is the only place it may ever appear. Elsewhere, nowhere.
        let mask = "::add-mask::\(CreateReleaseHarness.canary)\n"
        #expect(ok.everything.hasPrefix(mask))
        #expect(!ok.everything.dropFirst(mask.count).contains(CreateReleaseHarness.canary))
        #expect(!failed.everything.contains(CreateReleaseHarness.canary))
    }
}
