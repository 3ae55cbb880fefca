import ArtifactFiles
import Foundation

/// A file to attach, resolved before anything is sent: its path, the name GitHub
/// will store it under, its label, size, modification time and content type.
public struct LocalAsset: Sendable, Equatable {
    public var path: String
    /// The sanitized name (GitHub's form), which existing assets are matched by.
    public var name: String
    public var label: String?
    public var size: Int64
    public var modified: Date
    public var contentType: String

    public init(path: String, name: String, label: String?, size: Int64, modified: Date, contentType: String) {
        self.path = path
        self.name = name
        self.label = label
        self.size = size
        self.modified = modified
        self.contentType = contentType
    }
}

/// SHA-256 of local files, computed at most once per file and only when an existing
/// asset has to be compared (a new release hashes nothing).
public final class DigestCache: @unchecked Sendable {
    private let lock = NSLock()
    private var digests: [String: String] = [:]

    public init() {}

    public func sha256(of path: String) throws -> String {
        if let known = lock.withLock({ digests[path] }) { return known }
        let digest = try FileDigester.sha256Hex(ofFile: path)
        lock.withLock { digests[path] = digest }
        return digest
    }
}

/// Whether an existing asset holds the same bytes as a local file, without downloading it.
public enum AssetComparison: Sendable, Equatable {
    case same(reason: String)
    case different(reason: String)
    /// A `starter`/`open` asset: an upload that never finished.
    case incomplete

    /// With a `digest`, the SHA-256 decides. Without one (assets from before GitHub
    /// computed digests, older GitHub Enterprise): equal size, and the asset was
    /// uploaded after the local file was last written. A re-run after a partial
    /// failure re-uses the same files, which are older than what the first run
    /// uploaded, and are skipped; a rebuilt file is newer than the asset and counts
    /// as different even when its size happens to match (archives with new
    /// timestamps often do), so it is never silently kept stale.
    /// `service` names the forge in the reasons ("size 3 on Gitea, 4 locally").
    public static func compare(_ asset: ReleaseAsset, with local: LocalAsset, digests: DigestCache,
                               on service: String = "GitHub") throws -> AssetComparison {
        guard asset.isUploaded else { return .incomplete }
        guard asset.size == local.size else {
            return .different(reason: "size \(asset.size) on \(service), \(local.size) locally")
        }
        if let remote = asset.sha256 {
            let mine = try digests.sha256(of: local.path)
            return mine == remote ? .same(reason: "same sha256") : .different(reason: "sha256 differs")
        }
        // GitHub's timestamps are whole seconds: allow for the truncation.
        if let created = asset.createdDate, created.addingTimeInterval(1) >= local.modified {
            return .same(reason: "same size, uploaded after the file was written (no digest on GitHub)")
        }
        return .different(reason: "same size but the file changed after the asset was uploaded (no digest on GitHub to compare)")
    }
}
