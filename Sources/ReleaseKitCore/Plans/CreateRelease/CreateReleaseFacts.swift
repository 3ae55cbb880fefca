/// What create-release found: the tag, the local files to attach, and the release and
/// assets GitHub already has. Plain values: the edge converts the API's types, and
/// compares each local file with its same-named asset (which may hash the file).
public struct CreateReleaseFacts: Sendable, Equatable {
    /// A local file to attach, under the name GitHub stores it as.
    public struct LocalFile: Sendable, Equatable {
        public var name: String
        public var size: Int64
        public var contentType: String

        public init(name: String, size: Int64, contentType: String = "application/octet-stream") {
            self.name = name
            self.size = size
            self.contentType = contentType
        }
    }

    /// An asset already on the release.
    public struct Asset: Sendable, Equatable {
        public var id: Int
        public var name: String
        /// `uploaded`; a failed upload leaves `starter` or `open`.
        public var state: String
        /// `sha256:<hex>`, or nil when GitHub gave none.
        public var digest: String?

        public init(id: Int, name: String, state: String = "uploaded", digest: String? = nil) {
            self.id = id
            self.name = name
            self.state = state
            self.digest = digest
        }
    }

    /// How a local file compares with the asset of the same name.
    public enum Comparison: Sendable, Equatable {
        case same(reason: String)
        case different(reason: String)
        /// A `starter`/`open` asset: an upload that never finished.
        case incomplete
    }

    /// The release the tag already has, as far as the plan needs it.
    public struct Release: Sendable, Equatable {
        public var id: Int
        public var draft: Bool
        /// The release object's `immutable`: published while immutability was on.
        public var immutable: Bool

        public init(id: Int, draft: Bool, immutable: Bool = false) {
            self.id = id
            self.draft = draft
            self.immutable = immutable
        }
    }

    public var tag: String
    public var repository: String
    /// Whether the tag's version is a prerelease (false when it does not parse).
    public var tagIsPrerelease: Bool
    public var notes: String?
    public var locals: [LocalFile]
    public var release: Release?
    public var existing: [Asset]
    /// Local name → its comparison with the same-named asset in `existing`.
    public var comparisons: [String: Comparison]
    /// Names starting with this are temporary copies an interrupted overwrite left.
    public var temporaryPrefix: String
    /// The repository's immutable-releases setting: nil when the token may not read it.
    public var immutableSetting: Bool?
    /// Whether `ReleaseLimits` (GitHub's) bind this release: `CreateReleaseSettings.hasGitHubLimits`.
    public var hasGitHubLimits: Bool

    public init(tag: String, repository: String = "", tagIsPrerelease: Bool = false, notes: String? = nil,
                locals: [LocalFile] = [], release: Release? = nil, existing: [Asset] = [],
                comparisons: [String: Comparison] = [:], temporaryPrefix: String = "releasekit-tmp-",
                hasGitHubLimits: Bool = true) {
        self.tag = tag
        self.repository = repository
        self.tagIsPrerelease = tagIsPrerelease
        self.notes = notes
        self.locals = locals
        self.release = release
        self.existing = existing
        self.comparisons = comparisons
        self.temporaryPrefix = temporaryPrefix
        self.hasGitHubLimits = hasGitHubLimits
    }
}
