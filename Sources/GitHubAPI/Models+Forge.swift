import Foundation

/// Releases and assets built from another forge's records (a GitLab release and its
/// links), so `ReleaseForge` callers see one shape whichever forge answered.
extension Release {
    public init(id: Int, tagName: String, name: String?, body: String?, draft: Bool = false, prerelease: Bool = false,
                htmlURL: String, uploadURL: String = "", createdAt: String? = nil, assets: [ReleaseAsset] = [], immutable: Bool = false) {
        self.id = id
        self.tagName = tagName
        self.name = name
        self.body = body
        self.draft = draft
        self.prerelease = prerelease
        self.htmlURL = htmlURL
        self.uploadURL = uploadURL
        self.targetCommitish = nil
        self.createdAt = createdAt
        self.assets = assets
        self.immutable = immutable
    }
}

extension ReleaseAsset {
    public init(id: Int, name: String, state: String, size: Int64, digest: String?, url: String,
                browserDownloadURL: String? = nil, contentType: String? = nil, createdAt: String? = nil) {
        self.id = id
        self.name = name
        self.label = nil
        self.state = state
        self.size = size
        self.contentType = contentType
        self.digest = digest
        self.browserDownloadURL = browserDownloadURL
        self.url = url
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}
