import Foundation

/// Uploads one file so that a re-run, a retry or a racing job never ends with two
/// copies, a half-uploaded one, or none.
///
/// After any failed attempt it lists the release's assets before trying again: a 502
/// may have stored the file (then it is adopted), an interrupted upload leaves a
/// `starter` asset (then it is deleted, or the name stays blocked).
public struct AssetUploader: Sendable {
    public let client: any ReleaseForge
    public let digests: DigestCache
    public let log: @Sendable (String) -> Void

    public init(client: any ReleaseForge, digests: DigestCache, log: @escaping @Sendable (String) -> Void) {
        self.client = client
        self.digests = digests
        self.log = log
    }

    /// What became of an upload.
    public enum Outcome: Sendable, Equatable {
        case uploaded(ReleaseAsset)
        /// Someone (a racing job, or the attempt that "failed") stored the same bytes.
        case adopted(ReleaseAsset)
    }

    /// A different file already holds the name.
    public struct Conflict: Error, Sendable {
        public let asset: ReleaseAsset
        public let reason: String
    }

    public func upload(_ local: LocalAsset, as name: String, label: String?, to release: Release) async throws -> Outcome {
        var attempt = 1
        while true {
            var failure: String
            var delay: Double?
            do {
                let result = try await client.uploadAssetOnce(local, as: name, label: label, to: release)
                if result.status == 201 || result.status == 200 {
                    let stored = try JSONDecoder().decode(ReleaseAsset.self, from: result.body)
                    return try await client.kind.capabilities.hasUniqueAssetNames ? .uploaded(stored)
                        : converge(stored, local: local, release: release)
                }
                let error = client.apiError(result, operation: "upload \(name) to release \(release.tagName)")
                switch error.reason {
                case .alreadyExists:
                    // Another job got there first, or an earlier attempt of ours did.
                    if let outcome = try await settleExisting(local, name: name, attempt: attempt, release: release) { return outcome }
                    guard attempt < client.retry.maxAttempts else { throw error }
                    attempt += 1
                    continue
                default:
                    // 404: the asset record vanished mid-upload (a racing job removed it); look and retry.
                    guard attempt < client.retry.maxAttempts else { throw error }
                    switch await client.judge(result, attempt: attempt) {
                    case .retry(let after, _):
                        delay = after
                    case .waitForRateLimit(let until, let reason):
                        // The gate holds the listing below and every other request until then.
                        client.announce(until: until, reason: reason, what: "upload \(name)", attempt: attempt)
                        delay = 0
                    case .rateLimitTooLong(let until, let reason):
                        throw RateLimitWaitTooLong(until: until, reason: reason, operation: "upload \(name) to release \(release.tagName)",
                                                   maxWait: client.retry.maxRateLimitWait)
                    case .stop:
                        guard result.status == 404 else { throw error }
                    }
                    failure = "\(result.status)"
                }
            } catch let error as TransportError {
                failure = error.message
                guard attempt < client.retry.maxAttempts else {
                    throw GitHubAPIError(reason: .noResponse, status: nil, operation: "upload \(name) to release \(release.tagName)",
                                         detail: error.message, repository: client.repository).from(client.kind.displayName)
                }
            }
            if delay != 0 {
                try await client.wait(delay ?? client.retry.backoff(attempt: attempt), reason: "upload failed (\(failure))",
                                      what: "upload \(name)", attempt: attempt)
            }
            // Look before sending again.
            if let listed = try await client.listAssets(releaseID: release.id).first(where: { $0.name == name }) {
                let existing = try await client.comparable(listed, size: local.size)
                switch try AssetComparison.compare(existing, with: local, digests: digests, on: client.kind.displayName) {
                case .same:
                    log("\(name): the failed attempt had stored it after all; keeping that copy")
                    return .adopted(existing)
                case .incomplete, .different:
                    log("\(name): removing the \(existing.state) copy the failed attempt left, then uploading again")
                    try await client.deleteAsset(id: existing.id, name: existing.name, releaseID: release.id)
                }
            }
            attempt += 1
        }
    }

    /// After a 422 `already_exists`: adopt the same bytes, report different ones, or
    /// wait for an upload still in flight in another job. nil means "try again".
    private func settleExisting(_ local: LocalAsset, name: String, attempt: Int, release: Release) async throws -> Outcome? {
        guard let listed = try await client.listAssets(releaseID: release.id).first(where: { $0.name == name }) else {
            return nil
        }
        let existing = try await client.comparable(listed, size: local.size)
        switch try AssetComparison.compare(existing, with: local, digests: digests, on: client.kind.displayName) {
        case .same:
            return .adopted(existing)
        case .different(let reason):
            throw Conflict(asset: existing, reason: reason)
        case .incomplete:
            if attempt + 1 >= client.retry.maxAttempts {
                log("\(name): a \(existing.state) copy is still there after waiting; removing it")
                try await client.deleteAsset(id: existing.id, name: existing.name, releaseID: release.id)
            } else {
                try await client.wait(client.retry.backoff(attempt: attempt), reason: "another upload of it is in progress (\(existing.state))",
                                      what: "upload \(name)", attempt: attempt)
            }
            return nil
        }
    }

    /// On a forge that keeps two assets of one name (Gitea), racing uploads of the
    /// same file are settled after the fact: the first one stored (lowest id; Gitea
    /// numbers an attachment when its bytes are stored) stays, and every later copy is
    /// deleted by the job that made it. The same bytes count as adopted; different
    /// bytes under the name are a conflict, as GitHub's 422 would be.
    private func converge(_ stored: ReleaseAsset, local: LocalAsset, release: Release) async throws -> Outcome {
        let twins = try await client.listAssets(releaseID: release.id).filter { $0.name == stored.name && $0.id != stored.id }
        guard let first = twins.min(by: { $0.id < $1.id }), first.id < stored.id else { return .uploaded(stored) }
        try await client.deleteAsset(id: stored.id, name: stored.name, releaseID: release.id)
        let existing = try await client.comparable(first, size: local.size)
        switch try AssetComparison.compare(existing, with: local, digests: digests, on: client.kind.displayName) {
        case .same:
            log("\(stored.name): another job stored it first; removed this run's copy and kept that one")
            return .adopted(existing)
        case .different(let reason):
            throw Conflict(asset: existing, reason: reason)
        case .incomplete:
            return .adopted(existing)
        }
    }

    /// Replaces `old` with `local` without a moment where the name has no file and
    /// without ever losing the old file: upload under a temporary name, delete the old,
    /// rename the new. If the upload fails the temporary copy is removed and the old
    /// one stays; if only the rename fails the new file stays under its temporary name.
    public func replace(_ old: ReleaseAsset, with local: LocalAsset, label: String?, in release: Release) async throws -> ReleaseAsset {
        let temporary = Self.temporaryName(for: local.name)
        let uploaded: ReleaseAsset
        do {
            switch try await upload(local, as: temporary, label: label, to: release) {
            case .uploaded(let asset), .adopted(let asset): uploaded = asset
            }
        } catch {
            await removeTemporary(temporary, in: release)
            throw error
        }
        do {
            try await client.deleteAsset(id: old.id, name: old.name, releaseID: release.id)
        } catch {
            await removeTemporary(temporary, in: release)
            throw error
        }
        do {
            return try await client.renameAsset(id: uploaded.id, name: local.name, label: label ?? old.label, releaseID: release.id)
        } catch let error as GitHubAPIError {
            throw GitHubAPIError(reason: error.reason, status: error.status,
                                 operation: error.operation + " (the new \(local.name) is uploaded as \(temporary); the old one was deleted; rename it on the release page or run again)",
                                 detail: error.detail, repository: error.repository).from(error.service)
        }
    }

    public static let temporaryPrefix = "releasekit-tmp-"

    static func temporaryName(for name: String) -> String {
        temporaryPrefix + String(UUID().uuidString.lowercased().prefix(8)) + "-" + name
    }

    private func removeTemporary(_ name: String, in release: Release) async {
        guard let assets = try? await client.listAssets(releaseID: release.id) else { return }
        for asset in assets where asset.name == name {
            try? await client.deleteAsset(id: asset.id, name: asset.name, releaseID: release.id)
        }
    }
}
