import Foundation
import ReleaseKitCore

/// The releases of one repository on one forge, as create-release and
/// verify-artifacts `--against-release` use them: the same few operations whichever
/// service is behind them, so the convergence rules (`ReleaseResolver`,
/// `AssetUploader`, `CreateReleasePlan`) exist once.
///
/// Releases and assets travel as the forge-neutral `Release` and `ReleaseAsset`
/// values; a client maps its forge's records onto them (a GitLab release link, a
/// Gitea attachment). Every implementation goes over the one `HTTPTransport`, so
/// retries, the rate-limit gate, redirects without credentials and stall detection
/// are the same everywhere.
public protocol ReleaseForge: Sendable {
    var kind: ForgeKind { get }
    /// How messages name the repository or project.
    var repository: String { get }
    var retry: RetryPolicy { get }
    /// Requests sent so far (each attempt counts), by method.
    var requestsSent: [String: Int] { get }

    // MARK: Releases

    /// Every release that claims `tag`, drafts included, in any order (the resolver
    /// orders them). A 404 of the repository itself is an error, never "none".
    func releases(taggedWith tag: String) async throws -> [Release]
    /// Creates a release; `fields.draft` is true where the forge has drafts. A
    /// release that already exists for the tag is `GitHubAPIError` `.alreadyExists(resource: "Release")`.
    func createRelease(_ fields: ReleaseFields) async throws -> Release
    /// Changes only the fields given; `draft: false` publishes.
    func updateRelease(id: Int, _ fields: ReleaseFields) async throws -> Release
    /// Deletes a release, never its tag. Already gone counts as done.
    func deleteRelease(id: Int) async throws
    /// Whether the tag exists in the repository.
    func tagExists(_ tag: String) async throws -> Bool
    /// Notes written by the forge (only where `kind.capabilities.generatesNotes`).
    func generateNotes(tag: String, target: String?, previousTag: String?) async throws -> GeneratedNotes
    /// The repository's immutable-releases setting; nil when unknown or the forge has none.
    func immutableReleasesSetting() async throws -> ImmutableReleasesSetting?

    // MARK: Assets

    /// The release's files: name, size, `digest` where the forge has one, state.
    func listAssets(releaseID: Int) async throws -> [ReleaseAsset]
    /// One upload attempt, streamed from the file at constant memory. Returns the raw
    /// answer: a clash or a transient failure is the caller's to read (`AssetUploader`
    /// looks at the release before sending again, since a failed attempt may have stored it).
    func uploadAssetOnce(_ local: LocalAsset, as name: String, label: String?, to release: Release) async throws -> HTTPResult
    /// Gives an asset of release `releaseID` another name (the last step of a replace).
    func renameAsset(id: Int, name: String, label: String?, releaseID: Int) async throws -> ReleaseAsset
    /// Deletes an asset of release `releaseID` (Gitea addresses assets under their
    /// release; GitHub does not need it). Already gone counts as done.
    func deleteAsset(id: Int, name: String, releaseID: Int) async throws
    /// Streams an asset's bytes to `destination` (to hash them where the forge has no
    /// digest); credentials never follow a redirect to another host.
    func downloadAsset(_ asset: ReleaseAsset, to destination: String) async throws
    /// `asset` with its `digest`: as listed where the forge reports one; else its
    /// bytes streamed down and hashed (once per asset id: an asset's content never
    /// changes under its id). Costs a download of the whole file on Gitea and Forgejo.
    func withContentDigest(_ asset: ReleaseAsset) async throws -> ReleaseAsset
    /// Puts `local` in the place of `old` (`--overwrite-assets`) without a moment where
    /// the name has no file and without losing the old file if the upload fails. The
    /// default is `AssetUploader.replace` (temporary name, delete, rename); GitLab
    /// uploads to its registry first and then re-points the link.
    func replaceAsset(_ old: ReleaseAsset, with local: LocalAsset, label: String?, in release: Release,
                      uploader: AssetUploader) async throws -> ReleaseAsset

    // MARK: The retry loop's parts, for callers that retry an upload themselves

    /// The error a final answer stands for, in the forge's own words.
    func apiError(_ result: HTTPResult, operation: String) -> GitHubAPIError
    /// What to do after an error answer (a rate limit closes the shared gate).
    func judge(_ result: HTTPResult, attempt: Int) async -> RetryPolicy.Decision
    /// Says why nothing is sent until `until` (the gate does the waiting).
    func announce(until: Date, reason: String, what: String, attempt: Int)
    /// Waits before a retry, saying why.
    func wait(_ seconds: Double, reason: String, what: String, attempt: Int) async throws
}

extension ReleaseForge {
    public func replaceAsset(_ old: ReleaseAsset, with local: LocalAsset, label: String?, in release: Release,
                             uploader: AssetUploader) async throws -> ReleaseAsset {
        try await uploader.replace(old, with: local, label: label, in: release)
    }

    /// The assets, with a digest added to each one that a local file would be compared
    /// with and that has none (see `comparable(_:size:)`). Where a forge holds two of
    /// one name (racing uploads on Gitea, until the later one's job removes it) only
    /// the first stored is the one compared; one deleted while this looked is gone.
    public func withContentDigests(_ assets: [ReleaseAsset], comparingWith locals: [LocalAsset]) async throws -> [ReleaseAsset] {
        let sizes = Dictionary(locals.map { ($0.name, $0.size) }, uniquingKeysWith: { first, _ in first })
        let first = Dictionary(assets.map { ($0.name, $0.id) }, uniquingKeysWith: min)
        var result: [ReleaseAsset] = []
        for asset in assets {
            guard let size = sizes[asset.name], first[asset.name] == asset.id else {
                result.append(asset)
                continue
            }
            do {
                result.append(try await comparable(asset, size: size))
            } catch let error as GitHubAPIError where error.reason == .notFound {
                continue
            }
        }
        return result
    }

    /// The asset as a local file of `size` bytes is compared with: where the forge
    /// lists no digest and the asset is complete and of that size, with its content
    /// hashed. Any other asset is already told apart by its size or state and is
    /// never downloaded.
    public func comparable(_ asset: ReleaseAsset, size: Int64) async throws -> ReleaseAsset {
        guard !kind.capabilities.hasAssetDigests, asset.digest == nil, asset.isUploaded, asset.size == size else { return asset }
        return try await withContentDigest(asset)
    }
}
