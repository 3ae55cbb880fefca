import Foundation

/// A release as GitLab's Releases API returns it. GitLab keys releases by tag: there
/// is no numeric id and no draft state.
public struct GitLabRelease: Sendable, Decodable, Equatable {
    public var tagName: String
    public var name: String?
    public var description: String?
    public var createdAt: String?
    public var releasedAt: String?
    /// The release page (`_links.self`).
    public var webURL: String?
    /// The links attached to it, as far as the release document lists them (the
    /// links endpoint is the authority: `GitLabClient.listLinks`).
    public var links: [GitLabLink]

    public init(tagName: String, name: String?, description: String?, createdAt: String?, releasedAt: String?,
                webURL: String?, links: [GitLabLink]) {
        self.tagName = tagName
        self.name = name
        self.description = description
        self.createdAt = createdAt
        self.releasedAt = releasedAt
        self.webURL = webURL
        self.links = links
    }

    enum CodingKeys: String, CodingKey {
        case tagName = "tag_name", name, description, createdAt = "created_at", releasedAt = "released_at"
        case links = "_links", assets
    }

    struct Links: Decodable { var `self`: String? }
    struct Assets: Decodable { var links: [GitLabLink]? }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tagName = try c.decode(String.self, forKey: .tagName)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        createdAt = try c.decodeIfPresent(String.self, forKey: .createdAt)
        releasedAt = try c.decodeIfPresent(String.self, forKey: .releasedAt)
        webURL = (try? c.decodeIfPresent(Links.self, forKey: .links))??.`self`
        links = (try? c.decodeIfPresent(Assets.self, forKey: .assets))??.links ?? []
    }
}

/// What a create or update sends. nil fields are left out (on update: left as they are).
public struct GitLabReleaseFields: Sendable, Equatable {
    public var tagName: String?
    public var name: String?
    public var description: String?
    /// The commit, branch or tag to create the tag from, when the tag does not exist yet.
    public var ref: String?
    /// ISO 8601; GitLab takes the current time when absent.
    public var releasedAt: String?

    public init(tagName: String? = nil, name: String? = nil, description: String? = nil, ref: String? = nil, releasedAt: String? = nil) {
        self.tagName = tagName
        self.name = name
        self.description = description
        self.ref = ref
        self.releasedAt = releasedAt
    }

    var jsonObject: [String: Any] {
        var object: [String: Any] = [:]
        if let tagName { object["tag_name"] = tagName }
        if let name { object["name"] = name }
        if let description { object["description"] = description }
        if let ref { object["ref"] = ref }
        if let releasedAt { object["released_at"] = releasedAt }
        return object
    }
}

/// A release link: GitLab releases hold links to files, not the files.
public struct GitLabLink: Sendable, Decodable, Equatable {
    public var id: Int
    public var name: String
    public var url: String
    public var directAssetURL: String?
    public var linkType: String?

    public init(id: Int, name: String, url: String, directAssetURL: String?, linkType: String?) {
        self.id = id
        self.name = name
        self.url = url
        self.directAssetURL = directAssetURL
        self.linkType = linkType
    }

    enum CodingKeys: String, CodingKey {
        case id, name, url, directAssetURL = "direct_asset_url", linkType = "link_type"
    }
}

/// What a link create or update sends.
public struct GitLabLinkFields: Sendable, Equatable {
    public var name: String
    public var url: String
    /// `/FILE`: the release's permanent `…/-/releases/TAG/downloads/FILE` address.
    public var directAssetPath: String
    public var linkType: GitLabLinkType

    public init(name: String, url: String, directAssetPath: String, linkType: GitLabLinkType) {
        self.name = name
        self.url = url
        self.directAssetPath = directAssetPath
        self.linkType = linkType
    }

    var jsonObject: [String: Any] {
        ["name": name, "url": url, "direct_asset_path": directAssetPath, "link_type": linkType.rawValue]
    }
}

/// A package in the project's registry (`GET /projects/:id/packages`).
public struct GitLabPackage: Sendable, Decodable, Equatable {
    public var id: Int
    public var name: String
    public var version: String?
    public var packageType: String?

    public init(id: Int, name: String, version: String?, packageType: String?) {
        self.id = id
        self.name = name
        self.version = version
        self.packageType = packageType
    }

    enum CodingKeys: String, CodingKey { case id, name, version, packageType = "package_type" }
}

/// One stored file of a package, with the digest the registry computed on arrival.
public struct GitLabPackageFile: Sendable, Decodable, Equatable {
    public var id: Int
    public var packageID: Int?
    public var fileName: String
    public var size: Int64
    public var fileSHA256: String?
    public var createdAt: String?

    public init(id: Int, packageID: Int?, fileName: String, size: Int64, fileSHA256: String?, createdAt: String?) {
        self.id = id
        self.packageID = packageID
        self.fileName = fileName
        self.size = size
        self.fileSHA256 = fileSHA256
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, packageID = "package_id", fileName = "file_name", size, fileSHA256 = "file_sha256", createdAt = "created_at"
    }
}
