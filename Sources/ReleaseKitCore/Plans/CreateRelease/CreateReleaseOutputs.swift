/// create-release's outputs: the release as it now is, and what happened to the files.
public struct CreateReleaseOutputs: ToolOutputs, Equatable {
    /// Text, not a number: a dry run that would create the release has no id yet.
    public var id: String
    public var url: String
    public var uploadURL: String
    public var tag: String
    public var created: Bool
    public var draft: Bool
    public var prerelease: Bool
    public var assets: JSONValue
    public var uploaded: Int
    public var skipped: Int
    public var replaced: Int
    public var immutable: String

    public enum CodingKeys: String, OutputName {
        case id, url
        case uploadURL = "upload-url"
        case tag, created, draft, prerelease, assets, uploaded, skipped, replaced, immutable

        public var summary: String {
            switch self {
            case .id: "The release id."
            case .url: "The release page (`html_url`)."
            case .uploadURL: "The `upload_url` template."
            case .tag: "The tag."
            case .created: "`true` when this run created the release."
            case .draft: "`true` / `false`, as the release is now."
            case .prerelease: "`true` / `false`, as the release is now."
            case .assets: "JSON array of `{name, id, size, digest, url}` for the files passed with `--asset`."
            case .uploaded: "How many files were uploaded."
            case .skipped: "How many files were already there."
            case .replaced: "How many files were replaced."
            case .immutable: "`true` when the release is immutable (or becomes so when published: the repository's setting is on), `false` when not, `unknown` when a draft's fate cannot be read (the setting needs administration: read)."
            }
        }
    }

    public init(id: String, url: String, uploadURL: String, tag: String, created: Bool, draft: Bool, prerelease: Bool,
                assets: JSONValue, uploaded: Int, skipped: Int, replaced: Int, immutable: String) {
        self.id = id
        self.url = url
        self.uploadURL = uploadURL
        self.tag = tag
        self.created = created
        self.draft = draft
        self.prerelease = prerelease
        self.assets = assets
        self.uploaded = uploaded
        self.skipped = skipped
        self.replaced = replaced
        self.immutable = immutable
    }
}
