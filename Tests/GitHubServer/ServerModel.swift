import Foundation

/// How the server behaves; every field has GitHub's behaviour as its default.
public struct ServerOptions: Sendable {
    /// The one repository that exists (`owner/name`); any other answers 404.
    public var repository: String
    /// Tokens accepted; nil accepts any non-empty token (the demo's, a test's canary).
    public var acceptedTokens: Set<String>?
    /// Tokens that may read but not write ("Resource not accessible by integration").
    public var readOnlyTokens: Set<String>
    /// The largest `per_page` honoured (GitHub: 100). Lower it to exercise pagination.
    public var maxPerPage: Int
    /// The repository's immutable-releases setting: releases become immutable when
    /// published (uploads, asset edits and tag moves then answer 422, and deleting one
    /// burns its tag for good). `GET /immutable-releases` reports it (404 when off).
    public var immutableReleases: Bool
    /// Tokens that may read the setting (it needs administration: read); nil: any.
    /// Others get 403, as a workflow's GITHUB_TOKEN does.
    public var settingReaders: Set<String>?
    /// Tags of deleted immutable releases: GitHub never lets them be used again.
    public var burnedTags: Set<String>
    /// Whether assets get a `digest` (older GitHub Enterprise versions send null).
    public var computesDigests: Bool
    /// Uploaded bytes are kept (for downloads) up to this size; larger ones are only hashed.
    public var keepContentUpTo: Int
    /// Tags that exist in the repository (publishing a release adds its tag).
    public var tags: Set<String>
    public var discussionCategories: Set<String>

    public init(repository: String = "octo-org/octo-repo", acceptedTokens: Set<String>? = nil,
                readOnlyTokens: Set<String> = [], maxPerPage: Int = 100, immutableReleases: Bool = false,
                settingReaders: Set<String>? = nil, burnedTags: Set<String> = [], computesDigests: Bool = true, keepContentUpTo: Int = 8 << 20, tags: Set<String> = [],
                discussionCategories: Set<String> = ["Announcements", "General"]) {
        self.repository = repository
        self.acceptedTokens = acceptedTokens
        self.readOnlyTokens = readOnlyTokens
        self.maxPerPage = maxPerPage
        self.immutableReleases = immutableReleases
        self.settingReaders = settingReaders
        self.burnedTags = burnedTags
        self.computesDigests = computesDigests
        self.keepContentUpTo = keepContentUpTo
        self.tags = tags
        self.discussionCategories = discussionCategories
    }
}

/// GitHub's limits on one release, which the server enforces as GitHub does.
public enum ServerLimits {
    public static let maxAssetBytes: Int64 = 2 << 30
    public static let maxAssets = 1000
    public static let maxBodyCharacters = 125_000
}

/// A release as the server stores it.
public struct StoredRelease: Sendable, Equatable {
    public var id: Int
    public var tagName: String
    public var targetCommitish: String
    public var name: String?
    public var body: String?
    public var draft: Bool
    public var prerelease: Bool
    public var makeLatest: String?
    public var discussionCategory: String?
    public var createdAt: Date
    public var publishedAt: Date?
    /// Set when published while `immutableReleases` is on.
    public var immutable: Bool
    /// How many times it went from draft to published (the `published`/`prereleased` event).
    public var publishCount: Int
}

/// An asset as the server stores it.
public struct StoredAsset: Sendable, Equatable {
    public var id: Int
    public var releaseID: Int
    public var name: String
    public var label: String?
    public var state: String
    public var size: Int64
    public var contentType: String
    public var digest: String?
    public var content: Data?
    public var createdAt: Date
    public var updatedAt: Date
}

/// A response before it is written.
public struct Reply: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ status: Int, _ object: Any, headers: [String: String] = [:]) -> Reply {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        var all = headers
        all["content-type"] = "application/json; charset=utf-8"
        return Reply(status: status, headers: all, body: data)
    }

    /// GitHub's error document.
    static func error(_ status: Int, _ message: String, errors: [[String: String]]? = nil, headers: [String: String] = [:]) -> Reply {
        var object: [String: Any] = ["message": message, "documentation_url": "https://docs.github.com/rest"]
        if let errors { object["errors"] = errors }
        if status == 422 { object["request_id"] = "0000:00000:0000000:0000000:00000000" }
        return json(status, object, headers: headers)
    }

    static func alreadyExists(_ resource: String, field: String) -> Reply {
        error(422, "Validation Failed", errors: [["resource": resource, "code": "already_exists", "field": field]])
    }

    static let notFound = error(404, "Not Found")
}
