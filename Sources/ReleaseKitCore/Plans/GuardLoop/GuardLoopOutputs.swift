/// guard-loop's outputs: the decision, and the facts of the event it was made on.
public struct GuardLoopOutputs: ToolOutputs, Equatable {
    public var shouldRun: Bool
    public var reason: String
    public var detail: String
    public var actor: String
    public var event: String
    public var headSha: String
    public var headBranch: String

    public enum CodingKeys: String, OutputName {
        case shouldRun = "should-run"
        case reason, detail, actor, event
        case headSha = "head-sha"
        case headBranch = "head-branch"

        public var summary: String {
            switch self {
            case .shouldRun: "`true` / `false`."
            case .reason: "`ok`, `bot-actor`, `denied-actor`, `release-commit`, `skip-marker`, `run-not-successful`, `branch-not-allowed` or `event-not-allowed`."
            case .detail: "One sentence: which rule decided, on which value."
            case .actor: "Who started the run."
            case .event: "The event that started the run."
            case .headSha: "The commit the run is about: `workflow_run.head_sha` for workflow_run (`GITHUB_SHA` points at the default branch there), the push's `after`, else `GITHUB_SHA`."
            case .headBranch: "`workflow_run.head_branch`, else the branch or tag name of the ref."
            }
        }
    }

    public init(decision: GuardDecision, event: GuardEvent) {
        shouldRun = decision.shouldRun
        reason = decision.reason.rawValue
        detail = decision.detail
        actor = event.actorLogin ?? ""
        self.event = event.name
        headSha = event.headSha ?? ""
        headBranch = event.headBranch ?? ""
    }
}
