/// create-release's decisions that facts alone settle: what happens to each local file
/// (upload, skip, replace, re-upload, or a conflict that stops the run before anything
/// is sent), which leftovers to remove, what a new or updated release says, and
/// whether to publish. The API calls that carry it out are the executor's.
public struct CreateReleasePlan: Sendable, Equatable {
    /// What happens to one local file. Asset ids refer to `facts.existing`.
    public enum Action: Sendable, Equatable {
        case upload
        case skip(assetID: Int, reason: String)
        case replace(assetID: Int, reason: String)
        /// A `starter`/`open` leftover of a failed upload: removed, then uploaded.
        case reupload(assetID: Int, state: String)
        case conflict(assetID: Int, reason: String)

        /// The word in the dry-run summary table.
        public var word: String {
            switch self {
            case .upload: "upload"
            case .skip: "skip"
            case .replace: "replace"
            case .reupload: "re-upload"
            case .conflict: "conflict"
            }
        }

        /// Whether carrying it out sends the file.
        public var uploads: Bool {
            switch self {
            case .upload, .reupload: true
            default: false
            }
        }
    }

    public struct Step: Sendable, Equatable {
        public var file: CreateReleaseFacts.LocalFile
        public var action: Action

        public init(file: CreateReleaseFacts.LocalFile, action: Action) {
            self.file = file
            self.action = action
        }
    }

    /// The fields a release is created or updated with; nil fields are left alone.
    public struct Edit: Sendable, Equatable {
        public var tagName: String?
        public var name: String?
        public var prerelease: Bool?
        public var body: String?
        public var targetCommitish: String?
        public var discussionCategoryName: String?

        public var isEmpty: Bool {
            tagName == nil && name == nil && prerelease == nil && body == nil && targetCommitish == nil && discussionCategoryName == nil
        }
    }

    public var steps: [Step]
    /// Temporary copies an interrupted overwrite left: removed before uploading.
    public var stale: [CreateReleaseFacts.Asset]
    public var prerelease: Bool
    public var makeLatest: String?

    /// Plans the assets against what the release holds. Without a release (a new one,
    /// or a dry run that cannot look) every file is an upload.
    public static func plan(_ facts: CreateReleaseFacts, _ settings: CreateReleaseSettings) -> CreateReleasePlan {
        // Two assets of one name (Gitea keeps both while racing jobs converge): the first stored counts.
        let byName = Dictionary(facts.existing.map { ($0.name, $0) }, uniquingKeysWith: { $0.id <= $1.id ? $0 : $1 })
        let steps = facts.locals.map { file -> Step in
            guard let asset = byName[file.name], let comparison = facts.comparisons[file.name] else {
                return Step(file: file, action: .upload)
            }
            switch comparison {
            case .same(let reason): return Step(file: file, action: .skip(assetID: asset.id, reason: reason))
            case .incomplete: return Step(file: file, action: .reupload(assetID: asset.id, state: asset.state))
            case .different(let reason):
                return Step(file: file, action: settings.overwriteAssets ? .replace(assetID: asset.id, reason: reason)
                                                                          : .conflict(assetID: asset.id, reason: reason))
            }
        }
        let prerelease = settings.isPrerelease(tagIsPrerelease: facts.tagIsPrerelease)
        return CreateReleasePlan(steps: steps, stale: facts.existing.filter { $0.name.hasPrefix(facts.temporaryPrefix) },
                                 prerelease: prerelease, makeLatest: settings.makeLatest(prerelease: prerelease))
    }

    /// The error that stops a run with conflicting assets, before any upload.
    public func conflictError(tag: String) -> OperationError? {
        let conflicts = steps.compactMap { step -> String? in
            if case .conflict(_, let reason) = step.action { return "\(step.file.name) (\(reason))" }
            return nil
        }
        guard !conflicts.isEmpty else { return nil }
        return OperationError("release \(tag) already has \(conflicts.count == 1 ? "an asset" : "assets") with the same name but different content: \(conflicts.joined(separator: ", ")). Nothing was uploaded. Pass --overwrite-assets to replace them (the old file stays until the new one is safely uploaded), or rename the files.")
    }

    /// What a new release is created with, or an existing one updated with: an update
    /// changes only what the flags name, so a re-run does not undo edits made on GitHub.
    public func edit(tag: String, notes: String?, settings: CreateReleaseSettings, creating: Bool) -> Edit {
        var edit = Edit()
        if creating {
            edit.tagName = tag
            edit.prerelease = prerelease
            edit.name = settings.name ?? tag
        } else {
            edit.name = settings.name
            if settings.prerelease != .auto { edit.prerelease = prerelease }
        }
        edit.body = notes
        edit.targetCommitish = settings.target
        edit.discussionCategoryName = settings.discussionCategory
        return edit
    }

    /// What to do with the release once its assets are attached.
    public enum Finish: Sendable, Equatable {
        /// Publish the draft, with this `make_latest` (nil: GitHub's default).
        case publish(makeLatest: String?)
        /// Nothing to change: a draft stays a draft (`--draft`), a published release stays published.
        case leave
        /// `--draft` on a release that is already published: it is not unpublished, and the user is told.
        case alreadyPublished
    }

    /// Publishing is the last step, after every asset is safely uploaded, so a failed
    /// run never leaves a published release with missing files.
    public func finish(releaseIsDraft: Bool, settings: CreateReleaseSettings) -> Finish {
        if releaseIsDraft && !settings.draft { return .publish(makeLatest: makeLatest) }
        if !releaseIsDraft && settings.draft { return .alreadyPublished }
        return .leave
    }

    /// Whether carrying the plan out adds, replaces or removes any asset (everything but skips).
    public var changesAssets: Bool {
        !stale.isEmpty || steps.contains { if case .skip = $0.action { false } else { true } }
    }

    /// How many files the plan uploads, skips and replaces (the dry run's counts).
    public var counts: (uploaded: Int, skipped: Int, replaced: Int) {
        (steps.filter { $0.action.uploads }.count,
         steps.filter { if case .skip = $0.action { true } else { false } }.count,
         steps.filter { if case .replace = $0.action { true } else { false } }.count)
    }
}
