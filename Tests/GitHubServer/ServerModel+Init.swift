import Foundation

/// Public construction of the shared scenario table's records, so another forge's
/// local server (GitLab's, in its own target) can report in the same shape.
extension StoredRelease {
    public init(id: Int, tagName: String, name: String?, body: String?, draft: Bool, prerelease: Bool, createdAt: Date, publishedAt: Date?) {
        self.init(id: id, tagName: tagName, targetCommitish: "main", name: name, body: body, draft: draft, prerelease: prerelease,
                  makeLatest: nil, discussionCategory: nil, createdAt: createdAt, publishedAt: publishedAt, immutable: false,
                  publishCount: draft ? 0 : 1)
    }
}

extension StoredAsset {
    public init(id: Int, releaseID: Int, name: String, size: Int64, digest: String?, content: Data?, createdAt: Date) {
        self.init(id: id, releaseID: releaseID, name: name, label: nil, state: "uploaded", size: size,
                  contentType: "application/octet-stream", digest: digest, content: content, createdAt: createdAt, updatedAt: createdAt)
    }
}

extension RecordedRequest {
    public static func of(host: Host, method: String, path: String, route: Route, hadAuthorization: Bool, status: Int,
                          arrivedAt: Date, violatedRateLimit: Bool) -> RecordedRequest {
        RecordedRequest(host: host, method: method, path: path, route: route, hadAuthorization: hadAuthorization, status: status,
                        arrivedAt: arrivedAt, violatedRateLimit: violatedRateLimit)
    }
}
