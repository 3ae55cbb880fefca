/// What guard-loop reads from the CI environment, as the runner handed it over.
public struct GuardLoopFacts: Sendable, Equatable {
    /// `GITHUB_EVENT_NAME`, else GitLab's `CI_PIPELINE_SOURCE`.
    public var eventName: String?
    /// Buildkite's `BUILDKITE_SOURCE` (`webhook` for a push).
    public var buildkiteSource: String?
    /// The event payload, when `GITHUB_EVENT_PATH` names a file.
    public var payload: JSONValue?
    /// Whether `GITHUB_EVENT_PATH` was set at all (for the error when a payload is needed).
    public var eventPathSet: Bool
    /// GitLab's and Buildkite's head commit message, which stands in for a push payload.
    public var commitMessage: String?
    public var actor: String?
    public var triggeringActor: String?
    public var ref: String?
    public var sha: String?

    public init(eventName: String?, buildkiteSource: String? = nil, payload: JSONValue?, eventPathSet: Bool,
                commitMessage: String? = nil, actor: String? = nil, triggeringActor: String? = nil,
                ref: String? = nil, sha: String? = nil) {
        self.eventName = eventName
        self.buildkiteSource = buildkiteSource
        self.payload = payload
        self.eventPathSet = eventPathSet
        self.commitMessage = commitMessage
        self.actor = actor
        self.triggeringActor = triggeringActor
        self.ref = ref
        self.sha = sha
    }
}
