/// The refusals that facts alone settle once the release has been read, before any
/// request that changes something: an immutable release whose assets would change,
/// a release that would exceed GitHub's asset count, and, when publishing, expected
/// assets that are not all on the draft.
public enum CreateReleasePreflight {
    /// Whether the release is (or, once published, will be) immutable: what the log and
    /// the `immutable` output say.
    public enum Immutability: String, Sendable, Equatable {
        case `true`, `false`, unknown

        /// A release object's `immutable` is the fact; a published release that is not
        /// immutable never becomes so; a draft (or no release yet) will be immutable when
        /// published exactly when the repository's setting is on.
        public static func of(_ release: CreateReleaseFacts.Release?, setting: Bool?) -> Immutability {
            if let release, release.immutable { return .true }
            if let release, !release.draft { return .false }
            return setting.map { $0 ? .true : .false } ?? .unknown
        }
    }

    /// The log line saying what immutability means for this run.
    public static func describe(_ immutability: Immutability, setting: Bool?, release: CreateReleaseFacts.Release?, tag: String) -> String {
        let repository = switch setting {
        case true?: "immutable releases are on for this repository"
        case false?: "immutable releases are off for this repository"
        case nil: "the repository's immutable-releases setting is not readable with this token (it needs administration: read)"
        }
        let state = switch (immutability, release?.draft) {
        case (.true, false?): "release \(tag) is immutable: its assets and tag can no longer change"
        case (.true, _): "release \(tag) becomes immutable when it is published"
        case (.false, false?): "release \(tag) is published and not immutable"
        case (.false, _): "release \(tag) will not be immutable when published"
        case (.unknown, _): "whether \(tag) becomes immutable when published is not known"
        }
        return "\(repository); \(state)"
    }

    /// Refuses a plan that would add, change or remove an asset of an immutable release
    /// (GitHub would answer 422 mid-run, leaving the job half done), or that would take
    /// the release past GitHub's asset count (on GitHub).
    public static func refusal(_ plan: CreateReleasePlan, facts: CreateReleaseFacts) -> OperationError? {
        if let release = facts.release, release.immutable, plan.changesAssets {
            let changes = plan.steps.filter { if case .skip = $0.action { false } else { true } }.map(\.file.name)
                + plan.stale.map(\.name)
            return OperationError("\(immutableRefusal(facts.tag)) This run would add or change \(changes.joined(separator: ", ")); GitHub never lets the assets of a published immutable release change. Nothing was uploaded. (Matrix builds: every build job --draft into one shared draft, then one final job --publish.)")
        }
        guard facts.hasGitHubLimits else { return nil }
        do {
            try ReleaseLimits.checkTotal(existing: facts.existing, locals: facts.locals, tag: facts.tag, temporaryPrefix: facts.temporaryPrefix)
        } catch {
            return error
        }
        return nil
    }

    /// `--force-recreate` on an immutable release: deleting it would not free the tag.
    public static func recreateRefusal(_ release: CreateReleaseFacts.Release, tag: String) -> OperationError? {
        guard release.immutable else { return nil }
        return OperationError("\(immutableRefusal(tag)) --force-recreate would delete it, and a tag that belonged to an immutable release can never be used again. Nothing was deleted.")
    }

    /// A tag whose immutable release was deleted: GitHub refuses to create another.
    public static func burnedTagRefusal(_ tag: String) -> OperationError {
        OperationError("\(tag) belonged to an immutable release that was deleted; GitHub never lets its tag be used for a release again: cut a new version. Nothing was created or uploaded.")
    }

    /// The words every refusal on an immutable release starts with.
    public static func immutableRefusal(_ tag: String) -> String {
        "\(tag) is an immutable release; cut a new version."
    }

    /// What an expected asset lacks before the release may be published.
    public struct Missing: Sendable, Equatable, CustomStringConvertible {
        public var subject: String
        public var problem: String
        public var description: String { "\(subject): \(problem)" }
    }

    /// Every expected pattern must match an asset on the release that finished uploading
    /// and has a digest (on a forge that reports digests: Gitea's attachments carry
    /// none, so there a finished upload is all there is to check). Patterns match the
    /// asset names as the forge stores them.
    public static func missing(expected: [ArtifactPattern], assets: [CreateReleaseFacts.Asset],
                               requireDigest: Bool = true) -> [Missing] {
        expected.flatMap { pattern -> [Missing] in
            let matched = assets.filter { pattern.matches($0.name) }
            guard !matched.isEmpty else { return [Missing(subject: pattern.expanded, problem: "no asset on the release matches")] }
            return matched.compactMap { asset in
                if asset.state != "uploaded" { return Missing(subject: asset.name, problem: "its upload never finished (state \(asset.state))") }
                if requireDigest && asset.digest == nil { return Missing(subject: asset.name, problem: "GitHub gave no digest for it") }
                return nil
            }
        }
    }

    /// The refusal to publish an incomplete release, listing what is missing.
    public static func incompleteRefusal(_ missing: [Missing], tag: String, source: String = "--expect-asset") -> OperationError? {
        guard !missing.isEmpty else { return nil }
        return OperationError("not publishing \(tag): the draft is incomplete (\(missing.count) expected asset\(missing.count == 1 ? "" : "s") not ready, patterns from \(source)): \(missing.map(\.description).joined(separator: "; ")). The draft stays a draft; re-run the build jobs that upload them, then the publish job.")
    }
}
