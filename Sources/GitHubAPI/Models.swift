import Foundation

/// A release as the API returns it (the fields ReleaseKit reads).
public struct Release: Sendable, Codable, Equatable {
    public var id: Int
    public var tagName: String
    public var name: String?
    public var body: String?
    public var draft: Bool
    public var prerelease: Bool
    public var htmlURL: String
    public var uploadURL: String
    public var targetCommitish: String?
    public var createdAt: String?
    public var assets: [ReleaseAsset]
    /// Published while immutability was on: its assets and tag can no longer change.
    /// Absent (older GitHub Enterprise) reads as false.
    public var immutable: Bool

    enum CodingKeys: String, CodingKey {
        case id, name, body, draft, prerelease, assets, immutable
        case tagName = "tag_name", htmlURL = "html_url", uploadURL = "upload_url"
        case targetCommitish = "target_commitish", createdAt = "created_at"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        tagName = try c.decode(String.self, forKey: .tagName)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        body = try c.decodeIfPresent(String.self, forKey: .body)
        draft = try c.decodeIfPresent(Bool.self, forKey: .draft) ?? false
        prerelease = try c.decodeIfPresent(Bool.self, forKey: .prerelease) ?? false
        htmlURL = try c.decodeIfPresent(String.self, forKey: .htmlURL) ?? ""
        uploadURL = try c.decode(String.self, forKey: .uploadURL)
        targetCommitish = try c.decodeIfPresent(String.self, forKey: .targetCommitish)
        createdAt = try c.decodeIfPresent(String.self, forKey: .createdAt)
        assets = try c.decodeIfPresent([ReleaseAsset].self, forKey: .assets) ?? []
        immutable = try c.decodeIfPresent(Bool.self, forKey: .immutable) ?? false
    }

    /// The order that picks one release when several claim a tag: published before
    /// draft, then the oldest (lowest id). Every racing job computes the same answer.
    public static func canonicalOrder(_ lhs: Release, _ rhs: Release) -> Bool {
        if lhs.draft != rhs.draft { return !lhs.draft }
        return lhs.id < rhs.id
    }
}

/// An uploaded (or half-uploaded) file of a release.
public struct ReleaseAsset: Sendable, Codable, Equatable {
    public var id: Int
    public var name: String
    public var label: String?
    /// `uploaded`; a failed upload can leave `starter` or `open`.
    public var state: String
    public var size: Int64
    public var contentType: String?
    /// `sha256:<hex>`; null for assets uploaded before GitHub computed digests (and on older GHES).
    public var digest: String?
    public var browserDownloadURL: String?
    public var url: String
    public var createdAt: String?
    public var updatedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, label, state, size, digest, url
        case contentType = "content_type", browserDownloadURL = "browser_download_url"
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        label = try c.decodeIfPresent(String.self, forKey: .label)
        state = try c.decodeIfPresent(String.self, forKey: .state) ?? "uploaded"
        size = try c.decodeIfPresent(Int64.self, forKey: .size) ?? 0
        contentType = try c.decodeIfPresent(String.self, forKey: .contentType)
        digest = try c.decodeIfPresent(String.self, forKey: .digest)
        browserDownloadURL = try c.decodeIfPresent(String.self, forKey: .browserDownloadURL)
        url = try c.decodeIfPresent(String.self, forKey: .url) ?? ""
        createdAt = try c.decodeIfPresent(String.self, forKey: .createdAt)
        updatedAt = try c.decodeIfPresent(String.self, forKey: .updatedAt)
    }

    public var isUploaded: Bool { state == "uploaded" }

    /// The hex SHA-256 from `digest`, when GitHub gave one.
    public var sha256: String? {
        guard let digest, digest.hasPrefix("sha256:") else { return nil }
        return String(digest.dropFirst("sha256:".count)).lowercased()
    }

    public var createdDate: Date? { createdAt.flatMap(GitHubDate.parse) }
}

/// `GET /repos/{o}/{r}/immutable-releases`: whether publishing makes a release immutable.
public struct ImmutableReleasesSetting: Sendable, Decodable, Equatable {
    public var enabled: Bool
    /// Set by the organisation (or enterprise): the repository cannot turn it off.
    public var enforcedByOwner: Bool

    enum CodingKeys: String, CodingKey {
        case enabled, enforcedByOwner = "enforced_by_owner"
    }

    public init(enabled: Bool, enforcedByOwner: Bool = false) {
        self.enabled = enabled
        self.enforcedByOwner = enforcedByOwner
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? false
        enforcedByOwner = try c.decodeIfPresent(Bool.self, forKey: .enforcedByOwner) ?? false
    }
}

/// What `generate-notes` returns.
public struct GeneratedNotes: Sendable, Codable, Equatable {
    public var name: String
    public var body: String

    public init(name: String, body: String) {
        self.name = name
        self.body = body
    }
}

/// The fields of a create or update; nil fields are not sent, so an update changes
/// only what was asked for.
public struct ReleaseFields: Sendable, Equatable {
    public var tagName: String?
    public var targetCommitish: String?
    public var name: String?
    public var body: String?
    public var draft: Bool?
    public var prerelease: Bool?
    public var discussionCategoryName: String?
    /// `"true"`, `"false"` or `"legacy"`.
    public var makeLatest: String?

    public init(tagName: String? = nil, targetCommitish: String? = nil, name: String? = nil, body: String? = nil,
                draft: Bool? = nil, prerelease: Bool? = nil, discussionCategoryName: String? = nil, makeLatest: String? = nil) {
        self.tagName = tagName
        self.targetCommitish = targetCommitish
        self.name = name
        self.body = body
        self.draft = draft
        self.prerelease = prerelease
        self.discussionCategoryName = discussionCategoryName
        self.makeLatest = makeLatest
    }

    public var isEmpty: Bool { jsonObject.isEmpty }

    var jsonObject: [String: Any] {
        var object: [String: Any] = [:]
        if let tagName { object["tag_name"] = tagName }
        if let targetCommitish { object["target_commitish"] = targetCommitish }
        if let name { object["name"] = name }
        if let body { object["body"] = body }
        if let draft { object["draft"] = draft }
        if let prerelease { object["prerelease"] = prerelease }
        if let discussionCategoryName { object["discussion_category_name"] = discussionCategoryName }
        if let makeLatest { object["make_latest"] = makeLatest }
        return object
    }
}

/// GitHub's timestamps: ISO 8601 in UTC, whole seconds.
public enum GitHubDate {
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
