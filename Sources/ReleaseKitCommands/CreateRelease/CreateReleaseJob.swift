import Foundation
import GitHubAPI
import ReleaseKitCore
import ReleaseKitRuntime

/// create-release's work: find or create the tag's one release, attach the files,
/// publish — converging on re-runs and races, never losing an asset.
public struct CreateReleaseJob: Sendable {
    public struct Options: Sendable {
        public var tag: String?
        public var name: String?
        public var notes: String?
        public var notesFile: String?
        public var generateNotes = false
        public var draft = false
        public var prerelease: PrereleaseChoice = .auto
        public var latest: LatestChoice = .auto
        public var target: String?
        public var discussionCategory: String?
        public var assets: [String] = []
        public var overwriteAssets = false
        public var forceRecreate = false
        public var verifyTag = false
        public var repository: String?
        public var apiURL: String?
        public var tokenEnv: String?
        public var concurrency = 4
        public var maxAttempts = 6
        /// Seconds without a byte sent or received before a request is retried.
        public var stallTimeout = TransportSettings.defaultStallTimeout
        public var dryRun = false

        public init() {}
    }

    public var options: Options
    /// nil: the production transport (async-http-client). Tests may pass another.
    public var transport: HTTPTransport?
    public var sleeper: Sleeper
    public var retryRandom: @Sendable () -> Double

    public init(options: Options, transport: HTTPTransport? = nil, sleeper: Sleeper = TaskSleeper(),
                retryRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.options = options
        self.transport = transport
        self.sleeper = sleeper
        self.retryRandom = retryRandom
    }

    /// What happens to one local file.
    enum AssetAction: Sendable {
        case upload
        case skip(ReleaseAsset, reason: String)
        case replace(ReleaseAsset, reason: String)
        /// A `starter`/`open` leftover of a failed upload: removed, then uploaded.
        case reupload(ReleaseAsset)
        case conflict(ReleaseAsset, reason: String)
    }

    public func run(in context: ToolContext) async throws -> ToolResult {
        // The token is read (and masked) before anything else can print a line.
        let token = options.dryRun ? context.readToken(preferring: options.tokenEnv)
            : try GitHubTarget.token(preferring: options.tokenEnv, in: context)
        let inputs = try resolveInputs(in: context)
        let log = context.log
        return try await context.withHTTPTransport(transport, stallTimeout: options.stallTimeout) { transport in
            let client = GitHubClient(
                apiURL: inputs.apiURL, repository: inputs.repository, token: token, transport: transport,
                retry: RetryPolicy(maxAttempts: options.maxAttempts, random: retryRandom), sleeper: sleeper, now: context.now,
                allowsWrites: !options.dryRun, onRetry: { log.info($0) })
            if options.dryRun && token == nil {
                log.info("dry run without a token: no request is sent; the plan assumes the release and its assets do not exist yet")
                return try report(plan: Plan(inputs: inputs, release: nil, actions: inputs.assets.map { ($0, .upload) }), client: nil, in: context)
            }
            return try await execute(inputs, client: client, in: context)
        }
    }

    // MARK: Inputs

    struct Inputs: Sendable {
        var tag: String
        var repository: String
        var apiURL: URL
        var prerelease: Bool
        var makeLatest: String?
        var notes: String?
        var assets: [LocalAsset]
    }

    func resolveInputs(in context: ToolContext) throws -> Inputs {
        if options.notes != nil && options.notesFile != nil {
            throw InputError("--notes and --notes-file both given; pass the notes one way")
        }
        guard options.concurrency >= 1 else { throw InputError("--concurrency \(options.concurrency): expected 1 or more") }
        guard options.maxAttempts >= 1 else { throw InputError("--max-attempts \(options.maxAttempts): expected 1 or more") }
        let tag = try locateTag(in: context)
        let target = try GitHubTarget.resolve(repository: options.repository, apiURL: options.apiURL, in: context)
        let repository = target.repository
        let apiURL = target.apiURL
        let prerelease: Bool
        switch options.prerelease {
        case .true: prerelease = true
        case .false: prerelease = false
        case .auto: prerelease = (try? TagName(parsing: tag))?.version.isPrerelease ?? false
        }
        let makeLatest: String?
        switch options.latest {
        case .auto: makeLatest = prerelease ? "false" : nil
        case .true: makeLatest = "true"
        case .false: makeLatest = "false"
        case .legacy: makeLatest = "legacy"
        }
        var notes = options.notes
        if let file = options.notesFile {
            let data = try context.fileSystem.read(context.path(file))
            notes = String(decoding: data, as: UTF8.self)
        }
        let assets = try AssetArguments.resolve(options.assets, in: context)
        return Inputs(tag: tag, repository: repository, apiURL: apiURL, prerelease: prerelease, makeLatest: makeLatest,
                      notes: notes, assets: assets)
    }

    private func locateTag(in context: ToolContext) throws -> String {
        if let tag = options.tag {
            guard !tag.isEmpty else { throw InputError("--tag is empty; expected a tag name") }
            return tag.hasPrefix(TagName.refPrefix) ? String(tag.dropFirst(TagName.refPrefix.count)) : tag
        }
        return try context.locateTag(repository: context.repository())
    }

    // MARK: Deciding

    struct Plan: Sendable {
        var inputs: Inputs
        var release: Release?
        var actions: [(LocalAsset, AssetAction)]
        var stale: [ReleaseAsset] = []
    }

    func plan(_ inputs: Inputs, release: Release?, existing: [ReleaseAsset], digests: DigestCache) throws -> Plan {
        var actions: [(LocalAsset, AssetAction)] = []
        for local in inputs.assets {
            guard let asset = existing.first(where: { $0.name == local.name }) else {
                actions.append((local, .upload))
                continue
            }
            switch try AssetComparison.compare(asset, with: local, digests: digests) {
            case .same(let reason): actions.append((local, .skip(asset, reason: reason)))
            case .incomplete: actions.append((local, .reupload(asset)))
            case .different(let reason):
                actions.append((local, options.overwriteAssets ? .replace(asset, reason: reason) : .conflict(asset, reason: reason)))
            }
        }
        // Temporary copies left by an overwrite that was interrupted.
        let stale = existing.filter { $0.name.hasPrefix(AssetUploader.temporaryPrefix) }
        return Plan(inputs: inputs, release: release, actions: actions, stale: stale)
    }

    func conflictError(_ plan: Plan) -> OperationError? {
        let conflicts = plan.actions.compactMap { local, action -> String? in
            if case .conflict(_, let reason) = action { return "\(local.name) (\(reason))" }
            return nil
        }
        guard !conflicts.isEmpty else { return nil }
        return OperationError("release \(plan.inputs.tag) already has \(conflicts.count == 1 ? "an asset" : "assets") with the same name but different content: \(conflicts.joined(separator: ", ")). Nothing was uploaded. Pass --overwrite-assets to replace them (the old file stays until the new one is safely uploaded), or rename the files.")
    }

    // MARK: Acting

    private func releaseFields(_ inputs: Inputs, notes: String?, creating: Bool) -> ReleaseFields {
        var fields = ReleaseFields()
        if creating {
            fields.tagName = inputs.tag
            fields.prerelease = inputs.prerelease
            fields.name = options.name ?? inputs.tag
        } else {
            fields.name = options.name
            if options.prerelease != .auto { fields.prerelease = inputs.prerelease }
        }
        fields.body = notes
        fields.targetCommitish = options.target
        fields.discussionCategoryName = options.discussionCategory
        return fields
    }

    private func execute(_ inputs: Inputs, client: GitHubClient, in context: ToolContext) async throws -> ToolResult {
        let log = context.log
        let resolver = ReleaseResolver(client: client, log: { log.info($0) })
        let digests = DigestCache()
        var candidates = try await resolver.candidates(for: inputs.tag)

        if options.verifyTag {
            guard try await client.tagExists(inputs.tag) else {
                throw OperationError("tag \(inputs.tag) does not exist in \(inputs.repository) (--verify-tag); push the tag first (git push origin \(inputs.tag)), or drop --verify-tag to let GitHub create it from --target when the release is published")
            }
        }

        var notes = inputs.notes
        if options.generateNotes {
            // GitHub picks the previous release itself when none is named.
            let generated = try await client.generateNotes(tag: inputs.tag, target: options.target, previousTag: nil)
            notes = notes.map { $0 + "\n\n" + generated.body } ?? generated.body
        }

        if options.dryRun {
            let release = candidates.first
            var existing: [ReleaseAsset] = []
            if let release { existing = try await client.listAssets(releaseID: release.id) }
            let plan = try plan(inputs, release: release, existing: existing, digests: digests)
            if options.forceRecreate, let release {
                log.info("would delete release \(release.tagName) (id \(release.id)) and create it afresh (--force-recreate)")
                return try report(plan: Plan(inputs: inputs, release: nil, actions: inputs.assets.map { ($0, .upload) }), client: client, in: context, notes: notes)
            }
            return try report(plan: plan, client: client, in: context, notes: notes)
        }

        if options.forceRecreate && !candidates.isEmpty {
            for release in candidates {
                log.info("deleting release \(release.tagName) (id \(release.id), \(release.draft ? "draft" : "published")) to create it afresh (--force-recreate); the tag stays")
                try await client.deleteRelease(id: release.id)
            }
            candidates = []
        }

        var release: Release
        var created = false
        if let canonical = candidates.first {
            release = canonical
            if candidates.count > 1 {
                log.warning("\(candidates.count) releases claim tag \(inputs.tag) (ids \(candidates.map { String($0.id) }.joined(separator: ", "))); using \(canonical.id) (published before draft, then oldest). The others were not made by this run and are left alone.",
                            title: "create-release: duplicate releases")
            }
            let fields = releaseFields(inputs, notes: notes, creating: false)
            if !fields.isEmpty {
                release = try await client.updateRelease(id: release.id, fields)
            }
            log.info("using existing \(release.draft ? "draft " : "")release \(release.tagName) (id \(release.id))")
        } else {
            let resolution = try await resolver.create(releaseFields(inputs, notes: notes, creating: true), tag: inputs.tag)
            release = resolution.release
            created = resolution.created
            log.info(created ? "created draft release \(release.tagName) (id \(release.id))" : "using release \(release.tagName) (id \(release.id)) created by another job")
        }

        let existing = try await client.listAssets(releaseID: release.id)
        let plan = try plan(inputs, release: release, existing: existing, digests: digests)
        if let conflict = conflictError(plan) { throw conflict }
        for asset in plan.stale {
            log.info("removing \(asset.name), a temporary copy left by an interrupted overwrite")
            try await client.deleteAsset(id: asset.id, name: asset.name)
        }

        let outcomes = try await transfer(plan, release: release, client: client, digests: digests, log: log)

        if release.draft && !options.draft {
            var publish = ReleaseFields(draft: false)
            publish.makeLatest = inputs.makeLatest
            do {
                release = try await client.updateRelease(id: release.id, publish)
            } catch let error as GitHubAPIError where error.reason == .alreadyExists(resource: "Release") {
                throw OperationError("could not publish draft release \(release.id) for \(inputs.tag): another published release for the tag appeared meanwhile (made outside this run). The assets are on the draft; delete one of the two releases and run again.")
            }
            log.info("published release \(release.tagName)\(release.prerelease ? " as a prerelease" : "")")
        } else if !release.draft && options.draft {
            log.warning("release \(release.tagName) is already published; --draft does not unpublish it", title: "create-release: already published")
        }

        var finalAssets = try await client.listAssets(releaseID: release.id)
        let wanted = Set(inputs.assets.map(\.name))
        finalAssets = finalAssets.filter { wanted.contains($0.name) }
        return try report(release: release, created: created, assets: finalAssets, outcomes: outcomes, in: context)
    }

    struct Outcome: Sendable {
        enum Kind: String, Sendable { case uploaded, skipped, replaced }
        var name: String
        var kind: Kind
        var size: Int64
    }

    private func transfer(_ plan: Plan, release: Release, client: GitHubClient, digests: DigestCache, log: Log) async throws -> [Outcome] {
        let uploader = AssetUploader(client: client, digests: digests, log: { log.info($0) })
        let concurrency = options.concurrency
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            var outcomes: [Outcome] = []
            var running = 0
            for (local, action) in plan.actions {
                if running >= concurrency, let done = try await group.next() {
                    outcomes.append(done)
                    running -= 1
                }
                running += 1
                group.addTask {
                    switch action {
                    case .skip(_, let reason):
                        log.info("\(local.name): already there (\(reason)); skipped")
                        return Outcome(name: local.name, kind: .skipped, size: local.size)
                    case .conflict:
                        throw OperationError("internal error: conflict for \(local.name) reached the upload step")
                    case .replace(let old, let reason):
                        log.info("\(local.name): replacing (\(reason))")
                        _ = try await uploader.replace(old, with: local, label: local.label, in: release)
                        return Outcome(name: local.name, kind: .replaced, size: local.size)
                    case .reupload(let stale):
                        log.info("\(local.name): removing the \(stale.state) copy an earlier failed upload left, then uploading")
                        try await client.deleteAsset(id: stale.id, name: stale.name)
                        return try await Self.uploadOne(local, uploader: uploader, release: release, log: log)
                    case .upload:
                        return try await Self.uploadOne(local, uploader: uploader, release: release, log: log)
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
                return Outcome(name: local.name, kind: .uploaded, size: local.size)
            case .adopted:
                log.info("\(local.name): already stored with the same content; kept")
                return Outcome(name: local.name, kind: .skipped, size: local.size)
            }
        } catch let conflict as AssetUploader.Conflict {
            throw OperationError("\(local.name): another upload stored different content under this name meanwhile (\(conflict.reason)); run again with --overwrite-assets to replace it, or rename the file")
        }
    }

    // MARK: Reporting

    private func report(release: Release, created: Bool, assets: [ReleaseAsset], outcomes: [Outcome], in context: ToolContext) throws -> ToolResult {
        var outputs = StepOutputs()
        outputs.set("id", release.id)
        outputs.set("url", release.htmlURL)
        outputs.set("upload-url", release.uploadURL)
        outputs.set("tag", release.tagName)
        outputs.set("created", created)
        outputs.set("draft", release.draft)
        outputs.set("prerelease", release.prerelease)
        outputs.set("assets", JSONValue.array(assets.map(Self.assetJSON)))
        outputs.set("uploaded", outcomes.filter { $0.kind == .uploaded }.count)
        outputs.set("skipped", outcomes.filter { $0.kind == .skipped }.count)
        outputs.set("replaced", outcomes.filter { $0.kind == .replaced }.count)

        let state = release.draft ? "draft" : (release.prerelease ? "prerelease" : "published")
        var summary = "### create-release\n\n[\(StepSummary.cell(release.name ?? release.tagName))](\(release.htmlURL)) — \(state), \(created ? "created by this run" : "existing release updated")\n\n"
        if !assets.isEmpty {
            let kinds = Dictionary(outcomes.map { ($0.name, $0.kind.rawValue) }, uniquingKeysWith: { first, _ in first })
            summary += StepSummary.table(header: ["Asset", "Size", "Action", "SHA-256"], rows: assets.map {
                [$0.name, Self.formatSize($0.size), kinds[$0.name] ?? "—", $0.sha256.map { String($0.prefix(16)) + "…" } ?? "—"]
            })
        }
        try context.summary.append(summary)
        return ToolResult(outputs: outputs)
    }

    /// The dry-run report: the plan in the log, the outputs as they would be.
    private func report(plan: Plan, client: GitHubClient?, in context: ToolContext, notes: String? = nil) throws -> ToolResult {
        let log = context.log
        let inputs = plan.inputs
        if let release = plan.release {
            log.info("dry run: would use existing \(release.draft ? "draft " : "")release \(release.tagName) (id \(release.id))")
        } else {
            log.info("dry run: would create release \(inputs.tag) in \(inputs.repository) as a draft, upload, then \(options.draft ? "leave it a draft" : "publish it")\(inputs.prerelease ? " as a prerelease" : "")")
        }
        for (local, action) in plan.actions {
            switch action {
            case .upload: log.info("dry run: would upload \(local.name) (\(Self.formatSize(local.size)), \(local.contentType))")
            case .skip(_, let reason): log.info("dry run: would skip \(local.name) (\(reason))")
            case .replace(_, let reason): log.info("dry run: would replace \(local.name) (\(reason))")
            case .reupload(let stale): log.info("dry run: would remove the \(stale.state) copy of \(local.name) and upload it again")
            case .conflict(_, let reason): log.info("dry run: \(local.name) conflicts with the asset on GitHub (\(reason))")
            }
        }
        if let notes { log.info("dry run: release notes:"); log.verbatim(notes) }
        if let conflict = conflictError(plan) { throw conflict }
        if let client { log.debug("dry run: \(client.requestsSent.values.reduce(0, +)) read requests sent") }
        var outputs = StepOutputs()
        outputs.set("id", plan.release.map { String($0.id) } ?? "")
        outputs.set("url", plan.release?.htmlURL ?? "")
        outputs.set("upload-url", plan.release?.uploadURL ?? "")
        outputs.set("tag", inputs.tag)
        outputs.set("created", false)
        outputs.set("draft", plan.release.map { $0.draft && options.draft } ?? options.draft)
        outputs.set("prerelease", plan.release.map { options.prerelease == .auto ? $0.prerelease : inputs.prerelease } ?? inputs.prerelease)
        outputs.set("assets", JSONValue.array(plan.actions.compactMap { _, action -> JSONValue? in
            if case .skip(let asset, _) = action { return Self.assetJSON(asset) }
            return nil
        }))
        func count(_ test: (AssetAction) -> Bool) -> Int { plan.actions.filter { test($0.1) }.count }
        outputs.set("uploaded", count { if case .upload = $0 { return true }; if case .reupload = $0 { return true }; return false })
        outputs.set("skipped", count { if case .skip = $0 { return true }; return false })
        outputs.set("replaced", count { if case .replace = $0 { return true }; return false })
        try context.summary.append("### create-release (dry run)\n\n" + StepSummary.table(
            header: ["Asset", "Size", "Plan"],
            rows: plan.actions.map { local, action in
                let word: String
                switch action {
                case .upload: word = "upload"
                case .skip: word = "skip"
                case .replace: word = "replace"
                case .reupload: word = "re-upload"
                case .conflict: word = "conflict"
                }
                return [local.name, Self.formatSize(local.size), word]
            }))
        return ToolResult(outputs: outputs)
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
