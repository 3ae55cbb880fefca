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
    var client: GitHubClient
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
        var candidates = try await resolver.candidates(for: tag)

        if settings.verifyTag {
            guard try await client.tagExists(tag) else {
                throw OperationError("tag \(tag) does not exist in \(local.facts.repository) (--verify-tag); push the tag first (git push origin \(tag)), or drop --verify-tag to let GitHub create it from --target when the release is published")
            }
        }

        var notes = local.facts.notes
        if settings.generateNotes {
            // GitHub picks the previous release itself when none is named.
            let generated = try await client.generateNotes(tag: tag, target: settings.target, previousTag: nil)
            notes = notes.map { $0 + "\n\n" + generated.body } ?? generated.body
        }

        if settings.dryRun {
            let release = candidates.first
            var existing: [ReleaseAsset] = []
            if let release { existing = try await client.listAssets(releaseID: release.id) }
            let facts = try local.with(release: release, existing: existing, digests: digests)
            if settings.forceRecreate, let release {
                log.info("would delete release \(release.tagName) (id \(release.id)) and create it afresh (--force-recreate)")
                return try report.dryRun(CreateReleasePlan.plan(local.facts, settings), facts: local.facts,
                                         release: nil, existing: [], client: client, notes: notes)
            }
            return try report.dryRun(CreateReleasePlan.plan(facts, settings), facts: facts,
                                     release: release, existing: existing, client: client, notes: notes)
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
            let resolution = try await resolver.create(Self.fields(choices.edit(tag: tag, notes: notes, settings: settings, creating: true)), tag: tag)
            release = resolution.release
            created = resolution.created
            log.info(created ? "created draft release \(release.tagName) (id \(release.id))" : "using release \(release.tagName) (id \(release.id)) created by another job")
        }

        let existing = try await client.listAssets(releaseID: release.id)
        let plan = CreateReleasePlan.plan(try local.with(release: release, existing: existing, digests: digests), settings)
        if let conflict = plan.conflictError(tag: tag) { throw conflict }
        for asset in plan.stale {
            log.info("removing \(asset.name), a temporary copy left by an interrupted overwrite")
            try await client.deleteAsset(id: asset.id, name: asset.name)
        }

        let outcomes = try await transfer(plan, existing: existing, release: release, digests: digests)

        switch plan.finish(releaseIsDraft: release.draft, settings: settings) {
        case .publish(let makeLatest):
            var publish = ReleaseFields(draft: false)
            publish.makeLatest = makeLatest
            do {
                release = try await client.updateRelease(id: release.id, publish)
            } catch let error as GitHubAPIError where error.reason == .alreadyExists(resource: "Release") {
                throw OperationError("could not publish draft release \(release.id) for \(tag): another published release for the tag appeared meanwhile (made outside this run). The assets are on the draft; delete one of the two releases and run again.")
            }
            log.info("published release \(release.tagName)\(release.prerelease ? " as a prerelease" : "")")
        case .alreadyPublished:
            log.warning("release \(release.tagName) is already published; --draft does not unpublish it", title: "create-release: already published")
        case .leave:
            break
        }

        let wanted = Set(local.assets.map(\.name))
        let finalAssets = try await client.listAssets(releaseID: release.id).filter { wanted.contains($0.name) }
        return try report.final(release: release, created: created, assets: finalAssets, outcomes: outcomes)
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
                        _ = try await uploader.replace(old, with: file, label: file.label, in: release)
                        return Outcome(name: file.name, kind: .replaced)
                    case .reupload(let id, let state):
                        log.info("\(file.name): removing the \(state) copy an earlier failed upload left, then uploading")
                        try await client.deleteAsset(id: id, name: assets[id]?.name ?? file.name)
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
