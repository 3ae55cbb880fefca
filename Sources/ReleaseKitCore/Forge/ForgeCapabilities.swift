/// What a forge's releases support, so one plan serves every forge and a flag the
/// forge cannot honour is refused up front (exit 2) instead of half-done.
public struct ForgeCapabilities: Sendable, Equatable {
    /// Draft releases: build jobs fill a hidden release and one job publishes it
    /// (GitHub, Gitea, Forgejo). Without them (GitLab) `--draft` is refused.
    public var hasDrafts: Bool
    /// The API reports each asset's SHA-256 (GitHub's `digest`, GitLab's package
    /// `file_sha256`). Without it (Gitea, Forgejo) "same content" costs a download.
    public var hasAssetDigests: Bool
    /// Publishing can freeze a release (GitHub's immutable releases).
    public var hasImmutableReleases: Bool
    /// The forge writes release notes itself (`--generate-notes`).
    public var generatesNotes: Bool
    /// A discussion can be opened with the release (`--discussion-category`).
    public var hasDiscussions: Bool
    /// A release can be marked latest or not (`--latest`).
    public var hasLatestChoice: Bool
    /// The forge refuses a second asset of the same name (GitHub's 422). Gitea stores
    /// both, so racing uploads of one name are converged after the fact (`AssetUploader`).
    public var hasUniqueAssetNames: Bool

    public init(hasDrafts: Bool, hasAssetDigests: Bool, hasImmutableReleases: Bool,
                generatesNotes: Bool, hasDiscussions: Bool, hasLatestChoice: Bool, hasUniqueAssetNames: Bool = true) {
        self.hasDrafts = hasDrafts
        self.hasAssetDigests = hasAssetDigests
        self.hasImmutableReleases = hasImmutableReleases
        self.generatesNotes = generatesNotes
        self.hasDiscussions = hasDiscussions
        self.hasLatestChoice = hasLatestChoice
        self.hasUniqueAssetNames = hasUniqueAssetNames
    }
}
