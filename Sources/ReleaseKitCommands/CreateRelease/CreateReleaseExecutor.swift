import Foundation
import GitHubAPI
import ReleaseKitCore
import ReleaseKitRuntime

/// Carries out create-release against the API: looks the release up, plans the assets
/// from what it holds, and (unless a dry run) creates or updates the release, uploads,
/// and publishes. The decisions are `CreateReleasePlan`'s; this only sends them.
struct CreateReleaseExecutor {
    var settings: CreateReleaseSettings
    var local: CreateReleaseLocalFacts
    var client: any ReleaseForge
    var report: CreateReleaseReport
    var context: ToolContext

    /// What became of one file.
    struct Outcome: Sendable {
        enum Kind: String, Sendable { case uploaded, skipped, replaced }
        var name: String
        var kind: Kind
    }

    func run() async throws -> ToolResult {
        let log = context.log
        let tag = local.facts.tag
        let resolver = ReleaseResolver(client: client, log: { log.info($0) })
        let digests = DigestCache()
        // The list first: its 404 is the one that means "wrong repository or no access".
        var candidates = try await resolver.candidates(for: tag)
        let setting = try await client.immutableReleasesSetting()

        if settings.verifyTag {
            guard try await client.tagExists(tag) else {
                throw OperationError("tag \(tag) does not exist in \(local.facts.repository) (--verify-tag); push the tag first (git push origin \(tag)), or drop --verify-tag to let \(client.kind.displayName) create it from --target when the release is published")
            }
        }

        var notes = local.facts.notes
        if settings.generateNotes {
            // GitHub picks the previous release itself when none is named.
            let generated = try await client.generateNotes(tag: tag, target: settings.target, previousTag: nil)
            notes = try CreateReleaseLocalFacts.fitNotes(notes.map { $0 + "\n\n" + generated.body } ?? generated.body,
                                                         settings: settings, link: local.fullChangelogURL, log: log)
        }

        // Preflight: the whole run judged on the release as it is, before any write.
        let current = candidates.first
        var existing: [ReleaseAsset] = []
        if let current { existing = try await comparableAssets(of: current.id) }
        var facts = try local.with(release: current, existing: existing, digests: digests)
        facts.immutableSetting = setting?.enabled
        let immutability = CreateReleasePreflight.Immutability.of(facts.release, setting: facts.immutableSetting)
        if client.kind.capabilities.hasImmutableReleases {
            log.info(CreateReleasePreflight.describe(immutability, setting: facts.immutableSetting, release: facts.release, tag: tag)
                     + (setting?.enforcedByOwner == true ? " (enforced by the owner)" : ""))
        }
        if settings.forceRecreate {
            // Deleting any immutable release of the tag would burn it, whichever one is canonical.
            for release in candidates {
                let fact = CreateReleaseFacts.Release(id: release.id, draft: release.draft, immutable: release.immutable)
                if let refusal = CreateReleasePreflight.recreateRefusal(fact, tag: tag) { throw refusal }
            }
        }
        let planned = try preflight(facts)

        if settings.publishOnly && current == nil {
            throw OperationError("no release for \(tag) in \(local.facts.repository) to publish (--publish-only); the build jobs create the draft with --draft first")
        }
        if settings.publish || settings.publishOnly, let release = current, !release.draft, !planned.changesAssets {
            log.info("release \(tag) is already published (id \(release.id)); nothing to do")
            let outcomes = planned.steps.map { Outcome(name: $0.file.name, kind: .skipped) }
            return try report.final(release: release, created: false, assets: assets(existing, wanted: outcomes.map { $0.name }),
                                    outcomes: outcomes, immutable: immutability)
        }

        if settings.dryRun {
            if settings.forceRecreate, let release = current {
                log.info("would delete release \(release.tagName) (id \(release.id)) and create it afresh (--force-recreate)")
                return try report.dryRun(CreateReleasePlan.plan(local.facts, settings), facts: local.facts,
                                         release: nil, existing: [], client: client, notes: notes, immutable: immutability)
            }
            return try report.dryRun(planned, facts: facts, release: current, existing: existing, client: client,
                                     notes: notes, immutable: immutability)
        }

        if settings.forceRecreate && !candidates.isEmpty {
            for release in candidates {
                log.info("deleting release \(release.tagName) (id \(release.id), \(release.draft ? "draft" : "published")) to create it afresh (--force-recreate); the tag stays")
                try await client.deleteRelease(id: release.id)
            }
            candidates = []
        }

        // The prerelease and latest choices depend only on the tag and the flags.
        let choices = CreateReleasePlan.plan(local.facts, settings)
        var release: Release
        var created = false
        if let canonical = candidates.first {
            release = canonical
            if candidates.count > 1 {
                log.warning("\(candidates.count) releases claim tag \(tag) (ids \(candidates.map { String($0.id) }.joined(separator: ", "))); using \(canonical.id) (published before draft, then oldest). The others were not made by this run and are left alone.",
                            title: "create-release: duplicate releases")
            }
            let edit = choices.edit(tag: tag, notes: notes, settings: settings, creating: false)
            if !edit.isEmpty {
                release = try await client.updateRelease(id: release.id, Self.fields(edit))
            }
            log.info("using existing \(release.draft ? "draft " : "")release \(release.tagName) (id \(release.id))")
        } else {
            let resolution: ReleaseResolver.Resolution
            do {
                resolution = try await resolver.create(Self.fields(choices.edit(tag: tag, notes: notes, settings: settings, creating: true)), tag: tag)
            } catch let error as GitHubAPIError where error.reason == .tagUsedByImmutableRelease {
                // No read tells a burned tag apart; GitHub's refusal of the create does, and it changes nothing.
                throw CreateReleasePreflight.burnedTagRefusal(tag)
            }
            release = resolution.release
            created = resolution.created
            log.info(created ? "created \(release.draft ? "draft " : "")release \(release.tagName) (id \(release.id))" : "using release \(release.tagName) (id \(release.id)) created by another job")
        }

        let listed = try await comparableAssets(of: release.id)
        let attached = try local.with(release: release, existing: listed, digests: digests)
        let plan = CreateReleasePlan.plan(attached, settings)
        if let conflict = plan.conflictError(tag: tag) { throw conflict }
        // Another job may have published (and so frozen) the release since the preflight.
        if let refusal = CreateReleasePreflight.refusal(plan, facts: attached) { throw refusal }
        for asset in plan.stale {
            log.info("removing \(asset.name), a temporary copy left by an interrupted overwrite")
            try await client.deleteAsset(id: asset.id, name: asset.name, releaseID: release.id)
        }

        let outcomes = try await transfer(plan, existing: listed, release: release, digests: digests)

        switch plan.finish(releaseIsDraft: release.draft, settings: settings) {
        case .publish(let makeLatest):
            if !local.expected.isEmpty {
                let now = try await client.listAssets(releaseID: release.id)
                let missing = CreateReleasePreflight.missing(expected: local.expected, assets: now.map(CreateReleaseFacts.Asset.init),
                                                             requireDigest: client.kind.capabilities.hasAssetDigests)
                if let refusal = CreateReleasePreflight.incompleteRefusal(missing, tag: tag, source: settings.expectAssetsOrigin) { throw refusal }
                log.info("all \(local.expected.count) expected asset pattern\(local.expected.count == 1 ? "" : "s") are on the draft, uploaded\(client.kind.capabilities.hasAssetDigests ? ", with a digest" : "")")
            }
            var publish = ReleaseFields(draft: false)
            publish.makeLatest = makeLatest
            do {
                release = try await client.updateRelease(id: release.id, publish)
            } catch let error as GitHubAPIError where error.reason == .alreadyExists(resource: "Release") {
                throw OperationError("could not publish draft release \(release.id) for \(tag): another published release for the tag appeared meanwhile (made outside this run). The assets are on the draft; delete one of the two releases and run again.")
            } catch let error as GitHubAPIError where error.reason == .tagUsedByImmutableRelease {
                throw CreateReleasePreflight.burnedTagRefusal(tag)
            }
            log.info("published release \(release.tagName)\(release.prerelease ? " as a prerelease" : "")\(release.immutable ? "; it is now immutable" : "")")
        case .alreadyPublished:
            log.warning("release \(release.tagName) is already published; --draft does not unpublish it", title: "create-release: already published")
        case .leave:
            break
        }

        let finalAssets = assets(try await client.listAssets(releaseID: release.id), wanted: local.assets.map(\.name))
        let finalFacts = CreateReleaseFacts.Release(id: release.id, draft: release.draft, immutable: release.immutable)
        return try report.final(release: release, created: created, assets: finalAssets, outcomes: outcomes,
                                immutable: .of(finalFacts, setting: setting?.enabled))
    }

    /// What the release's current state allows, checked before any write: the plan
    /// against the assets there, refused on an immutable release whose assets would
    /// change, over GitHub's asset count, or (publishing) with expected assets that
    /// neither are on the release nor will be uploaded by this run.
    private func preflight(_ facts: CreateReleaseFacts) throws -> CreateReleasePlan {
        let plan = CreateReleasePlan.plan(facts, settings)
        // A recreated release starts empty: the assets there now are not its assets.
        if settings.forceRecreate { return plan }
        if let refusal = CreateReleasePreflight.refusal(plan, facts: facts) { throw refusal }
        if let conflict = plan.conflictError(tag: facts.tag) { throw conflict }
        if settings.publishes && !local.expected.isEmpty && facts.release?.draft != false {
            // What this run uploads will be there; everything else must be already.
            let uploading = Set(plan.steps.filter(\.action.uploads).map(\.file.name))
            let coming = facts.existing.filter { !uploading.contains($0.name) }
                + plan.steps.filter(\.action.uploads).map { CreateReleaseFacts.Asset(id: 0, name: $0.file.name, digest: "sha256:(this run)") }
            let missing = CreateReleasePreflight.missing(expected: local.expected, assets: coming,
                                                         requireDigest: client.kind.capabilities.hasAssetDigests)
            if let refusal = CreateReleasePreflight.incompleteRefusal(missing, tag: facts.tag, source: settings.expectAssetsOrigin) { throw refusal }
        }
        return plan
    }

    /// The release's assets as the plan compares them: with a digest where the forge
    /// lists none and a local file could be the same (Gitea, Forgejo: a download each).
    private func comparableAssets(of releaseID: Int) async throws -> [ReleaseAsset] {
        try await client.withContentDigests(client.listAssets(releaseID: releaseID), comparingWith: local.assets)
    }

    private func assets(_ listed: [ReleaseAsset], wanted: [String]) -> [ReleaseAsset] {
        let names = Set(wanted)
        return listed.filter { names.contains($0.name) }
    }

    static func fields(_ edit: CreateReleasePlan.Edit) -> ReleaseFields {
        ReleaseFields(tagName: edit.tagName, targetCommitish: edit.targetCommitish, name: edit.name, body: edit.body,
                      prerelease: edit.prerelease, discussionCategoryName: edit.discussionCategoryName)
    }

    /// Uploads, replaces and skips, `--concurrency` at a time.
    private func transfer(_ plan: CreateReleasePlan, existing: [ReleaseAsset], release: Release, digests: DigestCache) async throws -> [Outcome] {
        let log = context.log
        let uploader = AssetUploader(client: client, digests: digests, log: { log.info($0) })
        let files = Dictionary(local.assets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let assets = Dictionary(existing.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let client = client
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            var outcomes: [Outcome] = []
            var running = 0
            for step in plan.steps {
                guard let file = files[step.file.name] else { continue }
                if running >= settings.concurrency, let done = try await group.next() {
                    outcomes.append(done)
                    running -= 1
                }
                running += 1
                group.addTask {
                    switch step.action {
                    case .skip(_, let reason):
                        log.info("\(file.name): already there (\(reason)); skipped")
                        return Outcome(name: file.name, kind: .skipped)
                    case .conflict:
                        throw OperationError("internal error: conflict for \(file.name) reached the upload step")
                    case .replace(let id, let reason):
                        guard let old = assets[id] else { throw OperationError("internal error: asset \(id) for \(file.name) is gone from the plan") }
                        log.info("\(file.name): replacing (\(reason))")
                        _ = try await client.replaceAsset(old, with: file, label: file.label, in: release, uploader: uploader)
                        return Outcome(name: file.name, kind: .replaced)
                    case .reupload(let id, let state):
                        log.info("\(file.name): removing the \(state) copy an earlier failed upload left, then uploading")
                        try await client.deleteAsset(id: id, name: assets[id]?.name ?? file.name, releaseID: release.id)
                        return try await Self.uploadOne(file, uploader: uploader, release: release, log: log)
                    case .upload:
                        return try await Self.uploadOne(file, uploader: uploader, release: release, log: log)
                    }
                }
            }
            while let done = try await group.next() { outcomes.append(done) }
            return outcomes
        }
    }

    private static func uploadOne(_ local: LocalAsset, uploader: AssetUploader, release: Release, log: Log) async throws -> Outcome {
        do {
            switch try await uploader.upload(local, as: local.name, label: local.label, to: release) {
            case .uploaded:
                log.info("\(local.name): uploaded (\(local.size) bytes)")
                return Outcome(name: local.name, kind: .uploaded)
            case .adopted:
                log.info("\(local.name): already stored with the same content; kept")
                return Outcome(name: local.name, kind: .skipped)
            }
        } catch let conflict as AssetUploader.Conflict {
            throw OperationError("\(local.name): another upload stored different content under this name meanwhile (\(conflict.reason)); run again with --overwrite-assets to replace it, or rename the file")
        }
    }
}
