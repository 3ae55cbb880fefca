/// Compares the verified local files with the assets of a published release, by the
/// facts the API gives without downloading: the stored name (after GitHub's renaming),
/// the size, and the `digest` (`sha256:<hex>`) where GitHub computed one.
///
/// Assets whose upload never finished (`starter`/`open`) count as absent: their bytes
/// are not what anyone downloads. An asset without a digest but with the right size
/// cannot be judged here; it is listed in `needsDownload` for the caller to fetch and hash.
public struct ReleaseAssetComparison: Sendable, Equatable {
    public struct Local: Sendable, Equatable {
        /// The file's name in the directory.
        public var name: String
        /// The name GitHub stores it under.
        public var assetName: String
        public var size: UInt64
        public var sha256: String

        public init(name: String, assetName: String, size: UInt64, sha256: String) {
            self.name = name
            self.assetName = assetName
            self.size = size
            self.sha256 = sha256
        }
    }

    public struct Remote: Sendable, Equatable {
        public var name: String
        public var size: UInt64
        /// `sha256:<hex>` or nil.
        public var digest: String?
        public var uploaded: Bool

        public init(name: String, size: UInt64, digest: String?, uploaded: Bool) {
            self.name = name
            self.size = size
            self.digest = digest
            self.uploaded = uploaded
        }
    }

    public struct Difference: Sendable, Equatable {
        public var name: String
        public var reason: String
    }

    /// Local files the release does not hold (or holds only a broken upload of).
    public private(set) var notOnRelease: [String] = []
    /// Asset names on the release with no local file.
    public private(set) var onlyOnRelease: [String] = []
    /// Local files whose asset differs in size or digest.
    public private(set) var differing: [Difference] = []
    /// Local files whose asset matches in size but has no digest: (local, remote).
    public private(set) var needsDownload: [(local: Local, remote: Remote)] = []
    /// Local files proven identical by the digest.
    public private(set) var matching: [String] = []

    public static func == (lhs: ReleaseAssetComparison, rhs: ReleaseAssetComparison) -> Bool {
        lhs.notOnRelease == rhs.notOnRelease && lhs.onlyOnRelease == rhs.onlyOnRelease
            && lhs.differing == rhs.differing && lhs.matching == rhs.matching
            && lhs.needsDownload.map(\.local) == rhs.needsDownload.map(\.local)
    }

    public init(local: [Local], remote: [Remote]) {
        let assets = Dictionary(remote.filter(\.uploaded).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var claimed = Set<String>()
        for file in local.sorted(by: { $0.name < $1.name }) {
            guard let asset = assets[file.assetName] else {
                notOnRelease.append(file.name)
                continue
            }
            claimed.insert(asset.name)
            if asset.size != file.size {
                differing.append(Difference(name: file.name, reason: "the release's \(asset.name) is \(asset.size) bytes, the local file \(file.size)"))
            } else if let digest = asset.digest {
                let remoteHex = digest.hasPrefix("sha256:") ? String(digest.dropFirst(7)).lowercased() : digest.lowercased()
                if remoteHex == file.sha256.lowercased() {
                    matching.append(file.name)
                } else {
                    differing.append(Difference(name: file.name, reason: "the release's \(asset.name) has digest \(digest), the local file sha256:\(file.sha256)"))
                }
            } else {
                needsDownload.append((file, asset))
            }
        }
        onlyOnRelease = remote.filter(\.uploaded).map(\.name).filter { !claimed.contains($0) }.sorted()
    }

    /// Settles an asset that had to be downloaded: its SHA-256 decides.
    public mutating func settle(_ local: Local, downloadedSHA256: String) {
        needsDownload.removeAll { $0.local == local }
        if downloadedSHA256.lowercased() == local.sha256.lowercased() {
            matching.append(local.name)
        } else {
            differing.append(Difference(name: local.name, reason: "the release's \(local.assetName) downloads with sha256 \(downloadedSHA256), the local file \(local.sha256)"))
        }
    }
}
