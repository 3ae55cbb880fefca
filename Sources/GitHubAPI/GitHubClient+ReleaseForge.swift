import Foundation
import ReleaseKitCore

/// GitHub behind the forge abstraction: each operation is the client's own call, so
/// nothing GitHub-specific changes by going through `ReleaseForge`.
extension GitHubClient: ReleaseForge {
    public var kind: ForgeKind { .github }

    /// The list (drafts are invisible to get-by-tag) and get-by-tag (the list may lag
    /// behind a release published a moment ago), merged by id.
    public func releases(taggedWith tag: String) async throws -> [Release] {
        // The list first: its 404 is the one that means "wrong repository or no access".
        var byID: [Int: Release] = [:]
        for release in try await listReleases() where release.tagName == tag { byID[release.id] = release }
        if let published = try await releaseByTag(tag) { byID[published.id] = published }
        return Array(byID.values)
    }

    public func uploadAssetOnce(_ local: LocalAsset, as name: String, label: String?, to release: Release) async throws -> HTTPResult {
        try await uploadAssetOnce(uploadURL: release.uploadURL, name: name, label: label, path: local.path,
                                  size: local.size, contentType: local.contentType)
    }

    public func renameAsset(id: Int, name: String, label: String?, releaseID: Int) async throws -> ReleaseAsset {
        try await updateAsset(id: id, name: name, label: label)
    }

    public func deleteAsset(id: Int, name: String, releaseID: Int) async throws {
        try await deleteAsset(id: id, name: name)
    }

    /// GitHub lists each asset's digest (nil only on assets from before it did, which
    /// `AssetComparison` judges by size and time instead of downloading).
    public func withContentDigest(_ asset: ReleaseAsset) async throws -> ReleaseAsset { asset }

    public func apiError(_ result: HTTPResult, operation: String) -> GitHubAPIError {
        GitHubAPIError(result: result, operation: operation, repository: repository, repositoryLevel: false)
    }
}
