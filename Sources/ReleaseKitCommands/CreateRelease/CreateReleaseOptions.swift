import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

/// create-release's flags, declared once and pulled into the command with `@OptionGroup`.
struct CreateReleaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The release's tag. Default: from the CI environment, as parse-tag finds it.", valueName: "tag"))
    var tag: String?

    @Option(help: ArgumentHelp("The release title. Default for a new release: the tag.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("The release notes (Markdown).", valueName: "text"))
    var notes: String?

    @Option(help: ArgumentHelp("Read the release notes from this file.", valueName: "file"))
    var notesFile: String?

    @Flag(help: "Ask GitHub to generate notes from merged pull requests (appended after --notes).")
    var generateNotes = false

    @Flag(help: "Leave the release a draft (matrix build jobs: each uploads its files into the one shared draft).")
    var draft = false

    @Flag(help: "The one final job: upload any --asset files, check every --expect-asset is on the draft (uploaded, with a digest), then publish once. On a published release: nothing to do.")
    var publish = false

    @Flag(help: "Publish the release as it is, after the --expect-asset checks; upload nothing.")
    var publishOnly = false

    @Option(name: .customLong("expect-asset"), help: ArgumentHelp("An asset name (glob, with {version}, {component}, {tag}) that must be on the release before it is published (repeatable). Default with --publish or --publish-only: .releasekit.yml `artifacts`.", valueName: "pattern"))
    var expectAssets: [String] = []

    @Flag(help: "Cut notes over GitHub's 125,000 characters, with a note linking to the full changelog, instead of failing (exit 2).")
    var truncateNotes = false

    @Option(help: "auto (from the tag, by parse-tag's rules), true or false.")
    var prerelease: PrereleaseChoice = .auto

    @Option(help: "auto (false for prereleases, else GitHub's default), true, false or legacy.")
    var latest: LatestChoice = .auto

    @Option(help: ArgumentHelp("The commit or branch GitHub tags when the tag does not exist yet.", valueName: "commitish"))
    var target: String?

    @Option(help: ArgumentHelp("Open a discussion for the release in this category.", valueName: "name"))
    var discussionCategory: String?

    @Option(name: .customLong("asset"), help: ArgumentHelp("A file or glob to upload, with an optional #LABEL (repeatable).", valueName: "path[#label]"))
    var assets: [String] = []

    @Flag(help: "Replace assets whose content differs (the old file stays until the new one is uploaded).")
    var overwriteAssets = false

    @Flag(help: "Delete the tag's existing release and create it afresh (the tag stays).")
    var forceRecreate = false

    @Flag(help: "Fail (exit 1) when the tag does not exist in the repository, before creating anything.")
    var verifyTag = false

    @Option(help: ArgumentHelp("github, gitlab, gitea or forgejo. Default: .releasekit.yml `forge`, else from the CI environment (GitLab CI, Gitea or Forgejo Actions), else github.", valueName: "forge"))
    var forge: ForgeKind?

    @Option(help: ArgumentHelp("OWNER/REPO (GitLab: the project path or numeric id). Default: GITHUB_REPOSITORY (GitLab: CI_PROJECT_ID).", valueName: "owner/repo"))
    var repository: String?

    @Option(help: ArgumentHelp("The REST API base. Default: GITHUB_API_URL, else https://api.github.com (Gitea, Forgejo: GITHUB_SERVER_URL/api/v1; GitLab: CI_API_V4_URL, else https://gitlab.com/api/v4).", valueName: "url"))
    var apiURL: String?

    @Option(help: ArgumentHelp("Read the token from this environment variable (before the forge's own: GITHUB_TOKEN, GH_TOKEN; GITLAB_TOKEN, CI_JOB_TOKEN; GITEA_TOKEN or FORGEJO_TOKEN, then GITHUB_TOKEN).", valueName: "name"))
    var tokenEnv: String?

    @Option(help: "Uploads at once.")
    var concurrency = 4

    @Option(help: "Attempts per request on connection errors, 5xx, 429 and rate limits.")
    var maxAttempts = 6

    @Option(help: ArgumentHelp("Abort and retry a request that sends or receives nothing for this many seconds (a large upload on a slow link is never cut off while it moves).", valueName: "seconds"))
    var stallTimeout: Double = 30

    @Flag(help: "Resolve everything and print the plan; send only read requests (none without a token).")
    var dryRun = false

    /// The settings: each flag or its default, checked together; a publishing run
    /// without --expect-asset takes `.releasekit.yml` `artifacts`, as verify-artifacts
    /// does, and the forge comes from `ForgeSelection`.
    func settings(in context: ToolContext) async throws -> CreateReleaseSettings {
        var settings = CreateReleaseSettings()
        settings.tag = tag
        settings.name = name
        settings.notes = notes
        settings.notesFile = notesFile
        settings.generateNotes = generateNotes
        settings.draft = draft
        settings.prerelease = prerelease
        settings.latest = latest
        settings.target = target
        settings.discussionCategory = discussionCategory
        settings.assets = assets
        settings.overwriteAssets = overwriteAssets
        settings.forceRecreate = forceRecreate
        settings.verifyTag = verifyTag
        (settings.forge, settings.forgeOrigin) = try await ForgeSelection.resolve(flag: forge, in: context)
        settings.repository = repository
        settings.apiURL = apiURL
        settings.tokenEnv = tokenEnv
        settings.concurrency = concurrency
        settings.maxAttempts = maxAttempts
        settings.stallTimeout = stallTimeout
        settings.dryRun = dryRun
        settings.publish = publish
        settings.publishOnly = publishOnly
        settings.truncateNotes = truncateNotes
        settings.expectAssets = expectAssets
        if expectAssets.isEmpty && (publish || publishOnly),
           let found = try await ConfiguredArtifacts.patterns(values: PlaceholderValues(tag: tag), in: context) {
            settings.expectAssets = found.patterns
            settings.expectAssetsKey = found.key
        }
        return settings
    }
}
