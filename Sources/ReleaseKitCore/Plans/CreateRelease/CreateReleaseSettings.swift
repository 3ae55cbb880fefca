/// What create-release was asked to do, resolved and checked once. Each setting is its
/// flag or its default, except the expected assets of a publishing run, which may come
/// from `.releasekit.yml` `artifacts` as verify-artifacts reads them; the resolver at
/// the edge is the one place that decides.
public struct CreateReleaseSettings: Sendable, Equatable {
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
    /// The forge the release is on: `--forge`, else `.releasekit.yml` `forge`, else the
    /// CI environment's, else GitHub.
    public var forge: ForgeKind = .github
    /// Where `forge` came from, as messages name it (`--forge`, `forge in .releasekit.yml`,
    /// `the CI environment`).
    public var forgeOrigin = "the default"
    /// Whether GitHub's limits (`ReleaseLimits`) bind: on GitHub only. Other forges'
    /// are each instance's settings (GitLab.com's generic packages take 5 GB files),
    /// which no read request tells, so there the server's own refusal is the answer.
    public var hasGitHubLimits: Bool { forge == .github }
    public var repository: String?
    public var apiURL: String?
    public var tokenEnv: String?
    public var concurrency = 4
    public var maxAttempts = 6
    /// Seconds without a byte sent or received before a request is retried.
    public var stallTimeout: Double = 30
    public var dryRun = false
    /// Over-long notes are cut with a note linking to the full changelog, not refused.
    public var truncateNotes = false
    /// The final job of a matrix: publish the shared draft once, after checking it.
    public var publish = false
    /// Publish what the release holds; upload nothing.
    public var publishOnly = false
    /// Asset-name patterns that must all be on the release before it is published.
    public var expectAssets: [String] = []
    /// The configuration key `expectAssets` came from (`artifacts`, `packages[1].artifacts`);
    /// nil: `--expect-asset`.
    public var expectAssetsKey: String?

    public init() {}

    /// Where the expected assets came from, as messages name it.
    public var expectAssetsOrigin: String {
        expectAssetsKey.map { "\($0) in \(ReleaseKitConfig.fileName)" } ?? "--expect-asset"
    }

    /// Whether this run publishes at its end (and so checks the expected assets first).
    public var publishes: Bool { publish || publishOnly || !draft }

    /// The rules no single flag can check. The messages name the flags (and the
    /// forge's origin when the forge cannot do what a flag asks).
    public func validated() throws -> CreateReleaseSettings {
        try checkForge()
        if notes != nil && notesFile != nil {
            throw InputError("--notes and --notes-file both given; pass the notes one way")
        }
        guard concurrency >= 1 else { throw InputError("--concurrency \(concurrency): expected 1 or more") }
        guard maxAttempts >= 1 else { throw InputError("--max-attempts \(maxAttempts): expected 1 or more") }
        if draft && (publish || publishOnly) {
            throw InputError("--draft and --\(publishOnly ? "publish-only" : "publish") both given; build jobs pass --draft, the one final job --publish")
        }
        if draft && !expectAssets.isEmpty {
            throw InputError("--expect-asset with --draft: the expected assets are checked before publishing, and --draft never publishes; pass them to the --publish job")
        }
        if publishOnly && !assets.isEmpty {
            throw InputError("--publish-only uploads nothing, yet --asset was given; drop --asset, or use --publish to upload and then publish")
        }
        if publishOnly && forceRecreate {
            throw InputError("--publish-only and --force-recreate both given; --publish-only publishes the release that is there")
        }
        return self
    }

    /// Whether the release is a prerelease: the flag, else the tag's version.
    public func isPrerelease(tagIsPrerelease: Bool) -> Bool {
        switch prerelease {
        case .true: true
        case .false: false
        case .auto: tagIsPrerelease
        }
    }

    /// `make_latest` when publishing: auto keeps a prerelease from becoming "latest"
    /// and otherwise leaves GitHub's default (nil).
    public func makeLatest(prerelease: Bool) -> String? {
        switch latest {
        case .auto: prerelease ? "false" : nil
        case .true: "true"
        case .false: "false"
        case .legacy: "legacy"
        }
    }

    /// Flags the forge has no feature for are refused, not silently dropped.
    private func checkForge() throws {
        let can = forge.capabilities
        let on = "\(forge.displayName) (forge from \(forgeOrigin))"
        if !can.hasDrafts && (draft || publishOnly) {
            throw InputError("--\(draft ? "draft" : "publish-only"): \(on) has no draft releases, so a release is public as soon as it exists. Upload every file in one create-release run (or from each job: re-runs and racing jobs converge on the one release), and describe a prerelease with --prerelease")
        }
        if !can.generatesNotes && generateNotes {
            throw InputError("--generate-notes: \(on) does not write release notes; pass them with --notes or --notes-file (render-changelog writes them)")
        }
        if !can.hasDiscussions && discussionCategory != nil {
            throw InputError("--discussion-category: \(on) has no release discussions; drop the flag")
        }
        if !can.hasLatestChoice && latest != .auto {
            throw InputError("--latest \(latest.rawValue): \(on) has no \"latest release\" choice; drop the flag")
        }
    }
}
