import Foundation
import GitHubAPI
import ReleaseKitCore
import ReleaseKitRuntime

/// create-release's reporting: the outputs and step summary of a finished run, or of a
/// dry run's plan (the outputs as they would be).
struct CreateReleaseReport {
    var settings: CreateReleaseSettings
    var context: ToolContext

    func final(release: Release, created: Bool, assets: [ReleaseAsset], outcomes: [CreateReleaseExecutor.Outcome],
               immutable: CreateReleasePreflight.Immutability) throws -> ToolResult {
        // Uploads finish in any order; the output and the summary list assets by name.
        let assets = assets.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let state = (release.draft ? "draft" : (release.prerelease ? "prerelease" : "published")) + (release.immutable ? ", immutable" : "")
        var summary = "### create-release\n\n[\(StepSummary.cell(release.name ?? release.tagName))](\(release.htmlURL)) — \(state), \(created ? "created by this run" : "existing release updated")\n\n"
        if !assets.isEmpty {
            let kinds = Dictionary(outcomes.map { ($0.name, $0.kind.rawValue) }, uniquingKeysWith: { first, _ in first })
            summary += StepSummary.table(header: ["Asset", "Size", "Action", "SHA-256"], rows: assets.map {
                [$0.name, Self.formatSize($0.size), kinds[$0.name] ?? "—", $0.sha256.map { String($0.prefix(16)) + "…" } ?? "—"]
            })
        }
        try context.summary.append(summary)
        func count(_ kind: CreateReleaseExecutor.Outcome.Kind) -> Int { outcomes.filter { $0.kind == kind }.count }
        return ToolResult(CreateReleaseOutputs(
            id: String(release.id), url: release.htmlURL, uploadURL: release.uploadURL, tag: release.tagName, created: created,
            draft: release.draft, prerelease: release.prerelease, assets: .array(assets.map(Self.assetJSON)),
            uploaded: count(.uploaded), skipped: count(.skipped), replaced: count(.replaced), immutable: immutable.rawValue))
    }

    /// The dry-run report: the plan in the log, the outputs as they would be.
    func dryRun(_ plan: CreateReleasePlan, facts: CreateReleaseFacts, release: Release?, existing: [ReleaseAsset],
                client: (any ReleaseForge)?, notes: String? = nil, immutable: CreateReleasePreflight.Immutability) throws -> ToolResult {
        let log = context.log
        if let release {
            log.info("dry run: would use existing \(release.draft ? "draft " : "")release \(release.tagName) (id \(release.id))")
        } else {
            log.info("dry run: would create release \(facts.tag) in \(facts.repository) as a draft, upload, then \(settings.draft ? "leave it a draft" : "publish it")\(plan.prerelease ? " as a prerelease" : "")")
        }
        for step in plan.steps {
            let name = step.file.name
            switch step.action {
            case .upload: log.info("dry run: would upload \(name) (\(Self.formatSize(step.file.size)), \(step.file.contentType))")
            case .skip(_, let reason): log.info("dry run: would skip \(name) (\(reason))")
            case .replace(_, let reason): log.info("dry run: would replace \(name) (\(reason))")
            case .reupload(_, let state): log.info("dry run: would remove the \(state) copy of \(name) and upload it again")
            case .conflict(_, let reason): log.info("dry run: \(name) conflicts with the asset on \(settings.forge.displayName) (\(reason))")
            }
        }
        if let notes { log.info("dry run: release notes:"); log.verbatim(notes) }
        if let conflict = plan.conflictError(tag: facts.tag) { throw conflict }
        if let client { log.debug("dry run: \(client.requestsSent.values.reduce(0, +)) read requests sent") }
        let byID = Dictionary(existing.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let skipped = plan.steps.compactMap { step -> JSONValue? in
            if case .skip(let id, _) = step.action, let asset = byID[id] { return Self.assetJSON(asset) }
            return nil
        }
        let counts = plan.counts
        try context.summary.append("### create-release (dry run)\n\n" + StepSummary.table(
            header: ["Asset", "Size", "Plan"],
            rows: plan.steps.map { [$0.file.name, Self.formatSize($0.file.size), $0.action.word] }))
        return ToolResult(CreateReleaseOutputs(
            id: release.map { String($0.id) } ?? "", url: release?.htmlURL ?? "", uploadURL: release?.uploadURL ?? "",
            tag: facts.tag, created: false,
            draft: release.map { $0.draft && settings.draft } ?? settings.draft,
            prerelease: release.map { settings.prerelease == .auto ? $0.prerelease : plan.prerelease } ?? plan.prerelease,
            assets: .array(skipped), uploaded: counts.uploaded, skipped: counts.skipped, replaced: counts.replaced,
            immutable: immutable.rawValue))
    }

    static func assetJSON(_ asset: ReleaseAsset) -> JSONValue {
        .object(["name": .string(asset.name), "id": .number(Double(asset.id)), "size": .number(Double(asset.size)),
                 "digest": asset.digest.map(JSONValue.string) ?? .null, "url": .string(asset.browserDownloadURL ?? asset.url)])
    }

    static func formatSize(_ bytes: Int64) -> String {
        if bytes >= 1 << 30 { return String(format: "%.1f GiB", Double(bytes) / Double(1 << 30)) }
        if bytes >= 1 << 20 { return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return String(format: "%.1f KiB", Double(bytes) / Double(1 << 10)) }
        return "\(bytes) B"
    }
}
