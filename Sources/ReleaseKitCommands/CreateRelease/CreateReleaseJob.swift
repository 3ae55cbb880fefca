import Foundation
import GitHubAPI
import ReleaseKitCore
import ReleaseKitRuntime

/// create-release's run: find or create the tag's one release, attach the files,
/// publish — converging on re-runs and races, never losing an asset. Settings come in
/// resolved; facts are gathered here, decided by `CreateReleasePlan`, and carried out
/// by `CreateReleaseExecutor` (a dry run reports the plan instead).
public struct CreateReleaseJob: Sendable {
    public var settings: CreateReleaseSettings
    /// nil: the production transport (async-http-client). Tests may pass another.
    public var transport: HTTPTransport?
    public var sleeper: Sleeper
    public var retryRandom: @Sendable () -> Double

    public init(settings: CreateReleaseSettings, transport: HTTPTransport? = nil, sleeper: Sleeper = TaskSleeper(),
                retryRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.settings = settings
        self.transport = transport
        self.sleeper = sleeper
        self.retryRandom = retryRandom
    }

    public func run(in context: ToolContext) async throws -> ToolResult {
        // The token is read (and masked) before anything else can print a line.
        let token = settings.dryRun ? context.readToken(preferring: settings.tokenEnv)
            : try GitHubTarget.token(preferring: settings.tokenEnv, in: context)
        let settings = try settings.validated()
        let local = try CreateReleaseLocalFacts.gather(settings, in: context)
        let log = context.log
        let report = CreateReleaseReport(settings: settings, context: context)
        return try await context.withHTTPTransport(transport, stallTimeout: settings.stallTimeout) { transport in
            let client = GitHubClient(
                apiURL: local.apiURL, repository: local.facts.repository, token: token, transport: transport,
                retry: RetryPolicy(maxAttempts: settings.maxAttempts, random: retryRandom), sleeper: sleeper, now: context.now,
                allowsWrites: !settings.dryRun, onRetry: { log.info($0) })
            if settings.dryRun && token == nil {
                log.info("dry run without a token: no request is sent; the plan assumes the release and its assets do not exist yet")
                return try report.dryRun(CreateReleasePlan.plan(local.facts, settings), facts: local.facts,
                                         release: nil, existing: [], client: nil)
            }
            let executor = CreateReleaseExecutor(settings: settings, local: local, client: client, report: report, context: context)
            return try await executor.run()
        }
    }
}

/// The facts that need no API: the tag, the repository, the notes and the files.
struct CreateReleaseLocalFacts: Sendable {
    var facts: CreateReleaseFacts
    var apiURL: URL
    /// The files, by the name they are stored under.
    var assets: [LocalAsset]

    static func gather(_ settings: CreateReleaseSettings, in context: ToolContext) throws -> CreateReleaseLocalFacts {
        let tag = try locateTag(settings, in: context)
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

    private static func locateTag(_ settings: CreateReleaseSettings, in context: ToolContext) throws -> String {
        if let tag = settings.tag {
            guard !tag.isEmpty else { throw InputError("--tag is empty; expected a tag name") }
            return tag.hasPrefix(TagName.refPrefix) ? String(tag.dropFirst(TagName.refPrefix.count)) : tag
        }
        return try context.locateTag(repository: context.repository())
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
