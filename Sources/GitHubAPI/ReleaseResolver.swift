import Foundation

/// Finds the one release a tag should have, creating it when there is none, and
/// converging when racing jobs created several.
///
/// Drafts are invisible to get-by-tag, so the list is read too. When several releases
/// claim the tag, every job picks the same one (`Release.canonicalOrder`: published
/// before draft, then lowest id) and a job deletes only the empty draft it created
/// itself, so no job ever removes work another one depends on.
public struct ReleaseResolver: Sendable {
    public let client: any ReleaseForge
    public let log: @Sendable (String) -> Void

    public init(client: any ReleaseForge, log: @escaping @Sendable (String) -> Void) {
        self.client = client
        self.log = log
    }

    /// Every release for `tag`, drafts included, canonical first.
    public func candidates(for tag: String) async throws -> [Release] {
        try await client.releases(taggedWith: tag).sorted(by: Release.canonicalOrder)
    }

    public struct Resolution: Sendable {
        public var release: Release
        /// True when this run created the release it ended up using.
        public var created: Bool
        /// Releases for the tag other than the chosen one that were left alone.
        public var others: [Release]
    }

    /// Creates `fields` as a draft (where the forge has drafts; on GitLab the release is
    /// public at once) and converges on the canonical release for the tag.
    public func create(_ fields: ReleaseFields, tag: String) async throws -> Resolution {
        var draftFields = fields
        if client.kind.capabilities.hasDrafts { draftFields.draft = true }
        let mine: Release
        do {
            mine = try await client.createRelease(draftFields)
        } catch let error as GitHubAPIError where error.reason == .alreadyExists(resource: "Release") {
            // A published release appeared between our look and our create.
            let found = try await candidates(for: tag)
            guard let canonical = found.first else { throw error }
            log("release \(tag) was created by another job meanwhile; using it (id \(canonical.id))")
            return Resolution(release: canonical, created: false, others: Array(found.dropFirst()))
        }
        let found = try await candidates(for: tag)
        guard let canonical = found.first, canonical.id != mine.id else {
            return Resolution(release: mine, created: true, others: found.filter { $0.id != mine.id })
        }
        // We lost a race: another job's release comes first. Ours is empty (just made),
        // so remove it; the other job's stays, whatever state it is in.
        if try await client.listAssets(releaseID: mine.id).isEmpty {
            try await client.deleteRelease(id: mine.id)
            log("another job created release \(tag) at the same time; removed our duplicate draft \(mine.id) and using \(canonical.id)")
        } else {
            log("another job created release \(tag) at the same time; our draft \(mine.id) is not empty, so it stays; using \(canonical.id)")
        }
        return Resolution(release: canonical, created: false, others: found.filter { $0.id != canonical.id && $0.id != mine.id })
    }
}
