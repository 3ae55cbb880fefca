/// The facts about one CI event that the guard rules read, decoded once from the event
/// name, the webhook payload and the actor values of the environment.
///
/// The core never reads the environment or the payload file itself: the tool passes
/// `GITHUB_EVENT_NAME`, the decoded `GITHUB_EVENT_PATH` document, `GITHUB_ACTOR`,
/// `GITHUB_TRIGGERING_ACTOR`, `GITHUB_REF` and `GITHUB_SHA` in. Decoding is strict about
/// shape: a field the rules read that has the wrong type is an `InputError` naming its
/// path, because guessing would let a malformed payload turn into a silent "run".
public struct GuardEvent: Sendable, Equatable {
    /// Event names the guard treats specially.
    public enum Name {
        public static let push = "push"
        public static let workflowRun = "workflow_run"
        public static let checkSuite = "check_suite"
        public static let checkRun = "check_run"
        public static let release = "release"
        public static let workflowDispatch = "workflow_dispatch"
    }

    /// The head commit message and the payload field it came from (used in `detail`).
    public struct CommitMessage: Sendable, Equatable {
        public let text: String
        /// e.g. `head_commit.message`, `commits[2].message`, `workflow_run.head_commit.message`.
        public let field: String

        public init(text: String, field: String) {
            self.text = text
            self.field = field
        }
    }

    /// What a `workflow_run` payload says about the upstream run.
    public struct WorkflowRun: Sendable, Equatable {
        /// `success`, `failure`, `cancelled`, ... or `nil` while the run is not completed.
        public let conclusion: String?
        /// `requested`, `in_progress`, `completed`, ...
        public let status: String?
        /// For a tag-push run GitHub reports the tag name here.
        public let headBranch: String?
        public let headSha: String
        /// The event that started the upstream run (`push`, `pull_request`, ...).
        public let event: String?
        public let actor: GuardIdentity?
        public let triggeringActor: GuardIdentity?
        public let headCommitMessage: String?

        public init(
            conclusion: String?, status: String? = nil, headBranch: String?, headSha: String,
            event: String? = nil, actor: GuardIdentity? = nil, triggeringActor: GuardIdentity? = nil,
            headCommitMessage: String? = nil
        ) {
            self.conclusion = conclusion
            self.status = status
            self.headBranch = headBranch
            self.headSha = headSha
            self.event = event
            self.actor = actor
            self.triggeringActor = triggeringActor
            self.headCommitMessage = headCommitMessage
        }
    }

    /// The conclusion carried by a `check_suite` or `check_run` payload.
    public struct CheckConclusion: Sendable, Equatable {
        /// `check_suite` or `check_run`: the payload object the conclusion came from.
        public let object: String
        /// `nil` while the check is not completed.
        public let conclusion: String?

        public init(object: String, conclusion: String?) {
            self.object = object
            self.conclusion = conclusion
        }
    }

    /// `GITHUB_EVENT_NAME` (`push`, `workflow_run`, `release`, ...); also the `event` output.
    public let name: String
    /// `GITHUB_ACTOR`.
    public let actor: GuardIdentity?
    /// `GITHUB_TRIGGERING_ACTOR` (differs from the actor on re-runs).
    public let triggeringActor: GuardIdentity?
    /// The payload's `sender`: extra evidence, and the only one carrying a user id.
    public let sender: GuardIdentity?
    /// The head commit message, for `push` and `workflow_run` payloads that have one.
    public let headCommit: CommitMessage?
    /// The payload's `ref` when it has one (push, workflow_dispatch, create), else `GITHUB_REF`.
    public let ref: String?
    /// Present exactly when the event is `workflow_run` and a payload was given.
    public let workflowRun: WorkflowRun?
    /// Present when the event is `check_suite`/`check_run` and a payload was given.
    public let check: CheckConclusion?
    /// Whether a payload was given at all.
    public let hasPayload: Bool
    /// The `head-sha` output (see `init`).
    public let headSha: String?
    /// The `head-branch` output (see `init`).
    public let headBranch: String?

    /// Every identity the actor guard checks, in a fixed order: environment actor,
    /// triggering actor, payload sender, then the upstream run's actor and triggering actor.
    public var identities: [GuardIdentity] {
        [actor, triggeringActor, sender, workflowRun?.actor, workflowRun?.triggeringActor]
            .compactMap { $0 }
    }

    /// The `actor` output: `GITHUB_ACTOR`, else the payload sender's login.
    public var actorLogin: String? {
        actor?.login ?? sender?.login
    }

    /// Decodes the event.
    ///
    /// - Parameters:
    ///   - name: `GITHUB_EVENT_NAME`; must not be empty.
    ///   - payload: the parsed `GITHUB_EVENT_PATH` document, or `nil` when there is none
    ///     (check `GuardPolicy.requiresPayload(for:)` first: a missing payload is only
    ///     acceptable when the rules do not need it).
    ///   - actor: `GITHUB_ACTOR`; empty means absent.
    ///   - triggeringActor: `GITHUB_TRIGGERING_ACTOR`; empty means absent.
    ///   - ref: `GITHUB_REF`, used when the payload has no `ref`.
    ///   - sha: `GITHUB_SHA`, the `head-sha` fallback.
    ///
    /// `head-sha` is `workflow_run.head_sha` for workflow_run (`GITHUB_SHA` points at the
    /// default branch there), `check_suite.head_sha`/`check_run.head_sha` for those events
    /// (same reason), the push's `after` unless it is all zeros (a deletion), else `sha`.
    /// `head-branch` is `workflow_run.head_branch` for workflow_run (a tag name for
    /// tag-push runs), else the branch or tag name of the ref.
    ///
    /// - Throws: `InputError` for an empty event name, a payload that is not an object, or
    ///   a field of the wrong type or missing where the event's rules need it.
    public init(
        name: String, payload: JSONValue?, actor: String? = nil, triggeringActor: String? = nil,
        ref: String? = nil, sha: String? = nil
    ) throws {
        guard !name.isEmpty else {
            throw InputError("event name is empty; expected a GitHub event name such as push or workflow_run")
        }
        self.name = name
        self.actor = GuardIdentity(source: .actor, login: actor)
        self.triggeringActor = GuardIdentity(source: .triggeringActor, login: triggeringActor)
        let envSha = sha.flatMap { $0.isEmpty ? nil : $0 }
        let envRef = ref.flatMap { $0.isEmpty ? nil : $0 }

        guard let payload else {
            hasPayload = false
            sender = nil
            headCommit = nil
            workflowRun = nil
            check = nil
            self.ref = envRef
            headSha = envSha
            headBranch = envRef.flatMap(Self.shortName(ofRef:))
            return
        }
        guard case .object = payload else {
            throw InputError("event payload is \(GuardPayloadReader.describe(payload)); expected a JSON object")
        }
        hasPayload = true
        let reader = GuardPayloadReader(root: payload)

        sender = try Self.identity(at: "sender", source: .sender, in: reader)
        let payloadRef = try reader.string("ref", .optional)
        self.ref = payloadRef ?? envRef

        switch name {
        case Name.push:
            headCommit = try Self.pushHeadCommit(in: reader)
            workflowRun = nil
            check = nil
            let after = try reader.string("after", .optional)
            headSha = after.flatMap { Self.isNullSha($0) ? nil : $0 } ?? envSha
            headBranch = self.ref.flatMap(Self.shortName(ofRef:))

        case Name.workflowRun:
            let run = try Self.workflowRun(in: reader)
            workflowRun = run
            headCommit = run.headCommitMessage.map {
                CommitMessage(text: $0, field: "workflow_run.head_commit.message")
            }
            check = nil
            headSha = run.headSha
            headBranch = run.headBranch

        case Name.checkSuite, Name.checkRun:
            _ = try reader.object(name, .required)
            let conclusion = try reader.string("\(name).conclusion", .nullable)
            check = CheckConclusion(object: name, conclusion: conclusion)
            headCommit = nil
            workflowRun = nil
            headSha = try reader.string("\(name).head_sha", .optional) ?? envSha
            headBranch = self.ref.flatMap(Self.shortName(ofRef:))

        default:
            headCommit = nil
            workflowRun = nil
            check = nil
            headSha = envSha
            headBranch = self.ref.flatMap(Self.shortName(ofRef:))
        }
    }

    /// `head_commit.message`, else the last of `commits[]` (the newest; GitHub lists them
    /// oldest first), else none: a deletion push has `head_commit: null` and no commits.
    private static func pushHeadCommit(in reader: GuardPayloadReader) throws -> CommitMessage? {
        let headCommit = try reader.object("head_commit", .optional)
        let commits = try reader.array("commits", .optional)
        if headCommit != nil, let message = try reader.string("head_commit.message", .required) {
            return CommitMessage(text: message, field: "head_commit.message")
        }
        guard let commits else {
            if reader.root["head_commit"] == nil {
                throw InputError(
                    "event payload: push payload has neither head_commit nor commits; expected a push event payload")
            }
            return nil
        }
        guard let last = commits.last else { return nil }
        let path = "commits[\(commits.count - 1)]"
        guard case .object = last else {
            throw GuardPayloadReader.mismatch(path, last, "an object")
        }
        let lastReader = GuardPayloadReader(root: last, prefix: path)
        guard let message = try lastReader.string("message", .required) else { return nil }
        return CommitMessage(text: message, field: "\(path).message")
    }

    private static func workflowRun(in reader: GuardPayloadReader) throws -> WorkflowRun {
        _ = try reader.object("workflow_run", .required)
        let headCommitMessage: String?
        if try reader.object("workflow_run.head_commit", .optional) != nil {
            headCommitMessage = try reader.string("workflow_run.head_commit.message", .required)
        } else {
            headCommitMessage = nil
        }
        return WorkflowRun(
            conclusion: try reader.string("workflow_run.conclusion", .nullable),
            status: try reader.string("workflow_run.status", .optional),
            headBranch: try reader.string("workflow_run.head_branch", .optional),
            headSha: try reader.string("workflow_run.head_sha", .required) ?? "",
            event: try reader.string("workflow_run.event", .optional),
            actor: try identity(at: "workflow_run.actor", source: .workflowRunActor, in: reader),
            triggeringActor: try identity(
                at: "workflow_run.triggering_actor", source: .workflowRunTriggeringActor, in: reader),
            headCommitMessage: headCommitMessage
        )
    }

    /// A user object (`login`, `id`), optional as a whole and in each field.
    private static func identity(
        at path: String, source: GuardIdentity.Source, in reader: GuardPayloadReader
    ) throws -> GuardIdentity? {
        guard try reader.object(path, .optional) != nil else { return nil }
        return GuardIdentity(
            source: source,
            login: try reader.string("\(path).login", .optional),
            id: try reader.integer("\(path).id", .optional)
        )
    }

    /// `refs/heads/main` → `main`, `refs/tags/v1.2.3` → `v1.2.3`, a bare name (the
    /// `create` event's `ref`) as is; other refs (`refs/pull/1/merge`) name no branch.
    static func shortName(ofRef ref: String) -> String? {
        if let name = GitRef.branchName(ofRef: ref) ?? GitRef.tagName(ofRef: ref) {
            return name.isEmpty ? nil : name
        }
        return ref.hasPrefix("refs/") ? nil : ref
    }

    /// The all-zeros object id GitHub uses for "no commit" (a deleted ref's `after`).
    static func isNullSha(_ sha: String) -> Bool {
        !sha.isEmpty && sha.allSatisfy { $0 == "0" }
    }
}
