import Foundation
import GitHubAPI
import ReleaseKitCore
import ReleaseKitRuntime

/// The facts that need no API: the tag, the repository, the notes and the files, with
/// GitHub's limits on them checked before any request (exit 2).
struct CreateReleaseLocalFacts: Sendable {
    var facts: CreateReleaseFacts
    var target: ForgeTarget
    /// The files, by the name they are stored under.
    var assets: [LocalAsset]
    /// The expected asset names of a publishing run, placeholders filled in.
    var expected: [ArtifactPattern]
    /// Where truncated notes point to for the full text.
    var fullChangelogURL: String

    static func gather(_ settings: CreateReleaseSettings, in context: ToolContext) async throws -> CreateReleaseLocalFacts {
        let tag = try await locateTag(settings, in: context)
        let target = try ForgeTarget.resolve(forge: settings.forge, repository: settings.repository, apiURL: settings.apiURL, in: context)
        let tagIsPrerelease = (try? TagName(parsing: tag))?.version.isPrerelease ?? false
        var notes = settings.notes
        if let file = settings.notesFile {
            let data = try context.fileSystem.read(context.path(file))
            notes = String(decoding: data, as: UTF8.self)
        }
        let assets = try AssetArguments.resolve(settings.assets, in: context)
        let locals = assets.map { CreateReleaseFacts.LocalFile(name: $0.name, size: $0.size, contentType: $0.contentType) }
        if settings.hasGitHubLimits {
            do {
                try ReleaseLimits.check(locals)
            } catch {
                throw InputError("--asset: \(error)")
            }
        }
        let server = context.ci.serverURL ?? "https://github.com"
        let web: RepositoryLinks.Forge = switch settings.forge {
        case .github: .github
        case .gitlab: .gitlab
        case .gitea, .forgejo: .gitea
        }
        let fullChangelogURL = RepositoryLinks(serverURL: server, repository: target.repository, forge: web)?.file("CHANGELOG.md", at: tag)
            ?? "\(server)/\(target.repository)/blob/\(tag)/CHANGELOG.md"
        if let text = notes {
            notes = try Self.fitNotes(text, settings: settings, link: fullChangelogURL, log: context.log)
        }
        let expected = try await expectedPatterns(settings, tag: tag, in: context)
        let facts = CreateReleaseFacts(
            tag: tag, repository: target.repository, tagIsPrerelease: tagIsPrerelease, notes: notes,
            locals: locals, temporaryPrefix: AssetUploader.temporaryPrefix, hasGitHubLimits: settings.hasGitHubLimits)
        return CreateReleaseLocalFacts(facts: facts, target: target, assets: assets, expected: expected,
                                       fullChangelogURL: fullChangelogURL)
    }

    /// The notes within GitHub's 125,000 characters: as they are, cut (`--truncate-notes`,
    /// said in the log), or refused (exit 2). On another forge, as they are.
    static func fitNotes(_ text: String, settings: CreateReleaseSettings, link: String, log: Log) throws -> String {
        guard settings.hasGitHubLimits else { return text }
        let source = settings.notesFile.map { "--notes-file \($0)" } ?? (settings.generateNotes ? "--notes with --generate-notes" : "--notes")
        switch try ReleaseLimits.notes(text, truncate: settings.truncateNotes, fullChangelogURL: link, source: source) {
        case .fits(let notes):
            return notes
        case .truncated(let notes, let dropped):
            log.warning("the release notes were cut by \(dropped) characters to fit GitHub's \(ReleaseLimits.maxNotesCharacters); they end with a note linking to \(link) (--truncate-notes)",
                        title: "create-release: notes truncated")
            return notes
        }
    }

    /// The expected asset patterns with `{version}`, `{component}` and `{tag}` from the
    /// tag, by verify-artifacts' rule.
    private static func expectedPatterns(_ settings: CreateReleaseSettings, tag: String, in context: ToolContext) async throws -> [ArtifactPattern] {
        guard settings.publishes, !settings.expectAssets.isEmpty else { return [] }
        let values = try await PlaceholderLookup.complete(PlaceholderValues(tag: tag), needing: Set(settings.expectAssets.flatMap(ArtifactPattern.placeholders(in:))),
                                                    in: context)
        return try settings.expectAssets.enumerated().map { index, text in
            do {
                return try ArtifactPattern(text, values: values)
            } catch let error as ArtifactPatternError {
                let origin = settings.expectAssetsKey.map { "\($0)[\(index)] in \(ReleaseKitConfig.fileName)" } ?? "--expect-asset"
                throw InputError(error.message(origin: ArtifactPatternError.Origin(name: origin, base: "the release's asset names")))
            }
        }
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
        let service = target.forge.displayName
        var facts = facts
        facts.release = release.map { .init(id: $0.id, draft: $0.draft, immutable: $0.immutable) }
        facts.existing = existing.map(CreateReleaseFacts.Asset.init)
        for local in assets {
            // The first stored of a name: on a forge that keeps two (Gitea), the one that stays.
            guard let asset = existing.filter({ $0.name == local.name }).min(by: { $0.id < $1.id }) else { continue }
            facts.comparisons[local.name] = switch try AssetComparison.compare(asset, with: local, digests: digests, on: service) {
            case .same(let reason): .same(reason: reason)
            case .different(let reason): .different(reason: reason)
            case .incomplete: .incomplete
            }
        }
        return facts
    }
}

extension CreateReleaseFacts.Asset {
    /// The plan's view of an asset the API listed.
    init(_ asset: ReleaseAsset) {
        self.init(id: asset.id, name: asset.name, state: asset.state, digest: asset.digest)
    }
}
