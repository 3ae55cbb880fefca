import Foundation
import GitLabAPI

/// How the local GitLab behaves; every default is GitLab's own behaviour.
public struct GitLabServerOptions: Sendable {
    /// The one project that exists, by path and by numeric id; any other is 404.
    public var projectPath: String
    public var projectID: Int
    /// Tokens accepted, each in the one header its kind belongs in (a job token sent as
    /// `PRIVATE-TOKEN` is 401). nil accepts any non-empty token in either header.
    public var tokens: [String: GitLabCredential.Kind]?
    /// Tokens that may read but not write (403).
    public var readOnlyTokens: Set<String>
    /// GitLab's page size cap (100). Lower it to exercise pagination.
    public var maxPerPage: Int
    /// The registry's "Allow duplicates" setting: on (GitLab's default) a second file of
    /// a name is stored beside the first and served instead of it; off, it is refused (403).
    public var allowDuplicates: Bool
    /// Tags that exist; creating a release with a `ref` adds its tag.
    public var tags: Set<String>
    /// Package downloads answer 302 to the storage listener (another origin, as object
    /// storage is), which records any credential that reaches it.
    public var redirectDownloads: Bool
    /// Uploaded bytes are kept for downloads up to this size; larger ones are only hashed.
    public var keepContentUpTo: Int

    public init(projectPath: String = "group/project", projectID: Int = 42, tokens: [String: GitLabCredential.Kind]? = nil,
                readOnlyTokens: Set<String> = [], maxPerPage: Int = 100, allowDuplicates: Bool = true,
                tags: Set<String> = [], redirectDownloads: Bool = true, keepContentUpTo: Int = 8 << 20) {
        self.projectPath = projectPath
        self.projectID = projectID
        self.tokens = tokens
        self.readOnlyTokens = readOnlyTokens
        self.maxPerPage = maxPerPage
        self.allowDuplicates = allowDuplicates
        self.tags = tags
        self.redirectDownloads = redirectDownloads
        self.keepContentUpTo = keepContentUpTo
    }
}

/// Which endpoint a request, a fault or a record belongs to.
public enum GitLabRoute: String, Sendable, CaseIterable, Codable {
    case getProject, getTag, listReleases, getRelease, createRelease, updateRelease, deleteRelease
    case listLinks, getLink, createLink, updateLink, deleteLink
    case uploadPackage, downloadPackage, listPackages, listPackageFiles, deletePackageFile, storage, unknown

    public var isWrite: Bool {
        switch self {
        case .createRelease, .updateRelease, .deleteRelease, .createLink, .updateLink, .deleteLink, .uploadPackage, .deletePackageFile: return true
        default: return false
        }
    }

    /// The route of `method` on the path segments after `/api/v4/projects/:id/`.
    static func of(method: String, rest: [String]) -> GitLabRoute {
        switch (method, rest.count) {
        case ("GET", 0): return .getProject
        case ("GET", 3) where rest[0] == "repository" && rest[1] == "tags": return .getTag
        case ("DELETE", 2) where rest[0] == "releases": return .deleteRelease
        case ("GET", 1) where rest[0] == "releases": return .listReleases
        case ("POST", 1) where rest[0] == "releases": return .createRelease
        case ("GET", 2) where rest[0] == "releases": return .getRelease
        case ("PUT", 2) where rest[0] == "releases": return .updateRelease
        case ("GET", 1) where rest[0] == "packages": return .listPackages
        case ("GET", 3) where rest[0] == "packages" && rest[2] == "package_files": return .listPackageFiles
        case ("DELETE", 4) where rest[0] == "packages" && rest[2] == "package_files": return .deletePackageFile
        case ("PUT", 5) where rest[0] == "packages" && rest[1] == "generic": return .uploadPackage
        case ("GET", 5) where rest[0] == "packages" && rest[1] == "generic": return .downloadPackage
        default: break
        }
        guard rest.count >= 4, rest[0] == "releases", rest[2] == "assets", rest[3] == "links" else { return .unknown }
        switch (method, rest.count) {
        case ("GET", 4): return .listLinks
        case ("POST", 4): return .createLink
        case ("GET", 5): return .getLink
        case ("PUT", 5): return .updateLink
        case ("DELETE", 5): return .deleteLink
        default: return .unknown
        }
    }
}

/// One request as the server saw it.
public struct GitLabRequestRecord: Sendable, Equatable {
    public var onStorageHost: Bool
    public var method: String
    /// The raw, still percent-encoded path.
    public var path: String
    public var route: GitLabRoute
    /// The credential headers present (`PRIVATE-TOKEN`, `JOB-TOKEN`, `Authorization`).
    public var credentialHeaders: [String]
    public var status: Int
    public var arrivedAt: Date
    /// Sent inside an announced rate-limit window.
    public var violatedRateLimit: Bool
}

/// A release as stored: GitLab keys releases by tag.
public struct GitLabStoredRelease: Sendable, Equatable {
    public var tagName: String
    public var name: String?
    public var description: String?
    public var createdAt: Date
    public var releasedAt: Date
    public var links: [GitLabStoredLink]
}

public struct GitLabStoredLink: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var url: String
    public var directAssetPath: String?
    public var linkType: String
}

public struct GitLabStoredPackage: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var version: String
    public var createdAt: Date
}

public struct GitLabStoredFile: Sendable, Equatable {
    public var id: Int
    public var packageID: Int
    public var fileName: String
    public var size: Int64
    public var sha256: String
    public var content: Data?
    public var createdAt: Date
}
