import Foundation
import GitHubAPI
import ReleaseKitCore
import ReleaseKitRuntime

/// The facts that need no API: the tag, the repository, the notes and the files.
struct CreateReleaseLocalFacts: Sendable {
    var facts: CreateReleaseFacts
    var apiURL: URL
    /// The files, by the name they are stored under.
    var assets: [LocalAsset]

    static func gather(_ settings: CreateReleaseSettings, in context: ToolContext) async throws -> CreateReleaseLocalFacts {
        let tag = try await locateTag(settings, in: context)
        let target = try GitHubTarget.resolve(repository: settings.repository, apiURL: settings.apiURL, in: context)
        let tagIsPrerelease = (try? TagName(parsing: tag))?.version.isPrerelease ?? false
        var notes = settings.notes
        if let file = settings.notesFile {
            let data = try context.fileSystem.read(context.path(file))
            notes = String(decoding: data, as: UTF8.self)
        }
        let assets = try AssetArguments.resolve(settings.assets, in: context)
        let facts = CreateReleaseFacts(
            tag: tag, repository: target.repository, tagIsPrerelease: tagIsPrerelease, notes: notes,
            locals: assets.map { .init(name: $0.name, size: $0.size, contentType: $0.contentType) },
            temporaryPrefix: AssetUploader.temporaryPrefix)
        return CreateReleaseLocalFacts(facts: facts, apiURL: target.apiURL, assets: assets)
    }

    private static func locateTag(_ settings: CreateReleaseSettings, in context: ToolContext) async throws -> String {
        if let tag = settings.tag {
            guard !tag.isEmpty else { throw InputError("--tag is empty; expected a tag name") }
            return GitRef.tagName(tag)
        }
        return try await context.locateTag(repository: await context.repository())
    }

    /// The facts with the release's assets added: each local file compared with the
    /// asset of the same name (which may hash the file, once, through `digests`).
    func with(release: Release?, existing: [ReleaseAsset], digests: DigestCache) throws -> CreateReleaseFacts {
        var facts = facts
        facts.release = release.map { .init(id: $0.id, draft: $0.draft) }
        facts.existing = existing.map { .init(id: $0.id, name: $0.name, state: $0.state) }
        for local in assets {
            guard let asset = existing.first(where: { $0.name == local.name }) else { continue }
            facts.comparisons[local.name] = switch try AssetComparison.compare(asset, with: local, digests: digests) {
            case .same(let reason): .same(reason: reason)
            case .different(let reason): .different(reason: reason)
            case .incomplete: .incomplete
            }
        }
        return facts
    }
}
