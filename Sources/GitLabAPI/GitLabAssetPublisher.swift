import Foundation
import GitHubAPI
import ReleaseKitCore

/// Puts one file on a GitLab release: GitLab releases hold links, not files, so the
/// file goes to the generic package registry first, then a link to it is attached.
/// Re-runs and racing jobs converge: the registry's `file_sha256` of the file a link
/// serves says whether it is the same content as the local file.
public struct GitLabAssetPublisher: Sendable {
    public let client: GitLabClient
    public let digests: DigestCache
    public let log: @Sendable (String) -> Void

    public init(client: GitLabClient, digests: DigestCache, log: @escaping @Sendable (String) -> Void) {
        self.client = client
        self.digests = digests
        self.log = log
    }

    /// What a link attached by ReleaseKit holds for this file: the registry's download
    /// address, `/FILE` as its permanent path, and the type from the file's kind.
    public func fields(for coordinates: GenericPackageCoordinates) -> GitLabLinkFields {
        GitLabLinkFields(name: coordinates.fileName, url: client.packageFileURL(coordinates).absoluteString,
                         directAssetPath: "/" + coordinates.fileName, linkType: GitLabLinkType.forFile(named: coordinates.fileName))
    }

    /// How the file an existing link serves compares with the local file. A link that
    /// points anywhere but at these coordinates, or at a registry file that is not
    /// there, is `.incomplete`: attaching ours re-points it.
    public func compare(_ link: GitLabLink, with local: LocalAsset, at coordinates: GenericPackageCoordinates) async throws -> AssetComparison {
        guard link.url == fields(for: coordinates).url, let stored = try await client.packageFile(coordinates) else {
            return .incomplete
        }
        return try Self.compare(stored, with: local, digests: digests)
    }

    /// Size first (no hashing when it differs), then the registry's SHA-256.
    public static func compare(_ stored: GitLabPackageFile, with local: LocalAsset, digests: DigestCache) throws -> AssetComparison {
        guard stored.size == local.size else { return .different(reason: "size \(stored.size) in the package registry, \(local.size) locally") }
        guard let remote = stored.fileSHA256?.lowercased() else {
            return .different(reason: "the package registry gave no file_sha256 to compare")
        }
        return try digests.sha256(of: local.path) == remote ? .same(reason: "same sha256") : .different(reason: "sha256 differs")
    }

    /// What became of one file.
    public enum Outcome: Sendable, Equatable {
        case uploaded(GitLabLink)
        /// Another job (or an earlier attempt) attached the same content meanwhile.
        case adopted(GitLabLink)
    }

    /// A different file already holds the name (found while attaching: a racing job).
    public struct Conflict: Error, Sendable {
        public let link: GitLabLink
        public let reason: String
    }

    /// Uploads `local` and attaches it: a new link, or `existing` re-pointed at it. The
    /// upload comes first, so a failure leaves the release as it was.
    public func publish(_ local: LocalAsset, at coordinates: GenericPackageCoordinates, tag: String,
                        replacing existing: GitLabLink?) async throws -> Outcome {
        try await attach(try await upload(local, at: coordinates), local: local, at: coordinates, tag: tag, replacing: existing)
    }

    /// Attaches the uploaded `stored` file: a new link, or `existing` re-pointed at it.
    public func attach(_ stored: GitLabPackageFile, local: LocalAsset, at coordinates: GenericPackageCoordinates, tag: String,
                       replacing existing: GitLabLink?) async throws -> Outcome {
        guard case .same = try Self.compare(stored, with: local, digests: digests) else {
            throw OperationError("the package registry stored \(coordinates.fileName) with another size or digest than the local file (\(stored.size) bytes); run again")
        }
        let fields = fields(for: coordinates)
        if let existing {
            log("\(local.name): re-pointing link \(existing.id) at the new package file")
            return .uploaded(try await client.updateLink(tag: tag, id: existing.id, fields))
        }
        do {
            return .uploaded(try await client.createLink(tag: tag, fields))
        } catch let error as GitLabAPIError where error.reason == .alreadyExists {
            // A racing job attached a link with this name, url or path since we looked.
            guard let theirs = try await client.listLinks(tag: tag).first(where: {
                $0.name == fields.name || $0.url == fields.url || $0.directAssetURL?.hasSuffix(fields.directAssetPath) == true
            }) else { throw error }
            guard theirs.url == fields.url else {
                return .uploaded(try await client.updateLink(tag: tag, id: theirs.id, fields))
            }
            // Their link serves the newest file of the name, which is now ours: what it
            // served before is the newest file uploaded before ours.
            let earlier = try await client.packageFiles(coordinates).filter { $0.id < stored.id }
            guard let before = earlier.last else { return .adopted(theirs) }
            if case .different(let reason) = try Self.compare(before, with: local, digests: digests) {
                // Ours must not shadow theirs: remove it, so the link serves theirs again.
                try await client.deletePackageFile(stored)
                throw Conflict(link: theirs, reason: reason)
            }
            log("\(local.name): another job attached the same file meanwhile; keeping its link")
            return .adopted(theirs)
        }
    }

    /// The upload, adopting a copy the registry already holds when it refuses
    /// duplicates (a retry after a 502 that had stored it, or a racing job).
    private func upload(_ local: LocalAsset, at coordinates: GenericPackageCoordinates) async throws -> GitLabPackageFile {
        do {
            return try await client.uploadPackageFile(coordinates, path: local.path, size: local.size)
        } catch let error as GitLabAPIError where error.reason == .duplicatePackage {
            guard let stored = try await client.packageFile(coordinates) else { throw error }
            guard case .same = try Self.compare(stored, with: local, digests: digests) else {
                throw OperationError("\(error.description) It holds another \(coordinates.fileName) in \(coordinates.package) \(coordinates.version), so it cannot be replaced in place; delete that package file, or allow duplicates, then run again.")
            }
            log("\(local.name): the package registry already holds this file; using it")
            return stored
        }
    }
}
