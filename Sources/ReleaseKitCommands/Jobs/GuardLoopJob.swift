import ReleaseKitCore
import ReleaseKitRuntime

/// guard-loop's work: read the event the run was started by, apply the guard policy,
/// report the decision.
public struct GuardLoopJob: Sendable {
    public var policy: GuardPolicy
    public var failOnSkip: Bool

    public init(policy: GuardPolicy, failOnSkip: Bool) {
        self.policy = policy
        self.failOnSkip = failOnSkip
    }

    public func run(in context: ToolContext) throws -> ToolResult {
        let ci = context.ci
        guard let eventName = Self.eventName(ci) else {
            throw InputError("no event name: looked at GITHUB_EVENT_NAME, CI_PIPELINE_SOURCE and BUILDKITE_SOURCE; expected the name of the event that started this run (for example push or workflow_run)")
        }
        var payload = try ci.eventPayload(fileSystem: context.fileSystem)
        if payload == nil, eventName == GuardEvent.Name.push, let message = ci.commitMessage {
            // GitLab and Buildkite hand over the head commit's message, not a payload file.
            payload = .object(["head_commit": .object(["message": .string(message)])])
        }
        if payload == nil, policy.requiresPayload(for: eventName) {
            throw InputError("the \(eventName) event's payload is needed by the guard rules but GITHUB_EVENT_PATH is \(ci.eventPath == nil ? "not set" : "empty"); expected the path of the event payload JSON the runner writes")
        }
        let event = try GuardEvent(name: eventName, payload: payload, actor: ci.actor,
                                   triggeringActor: ci.triggeringActor, ref: ci.ref, sha: ci.sha)
        let decision = policy.evaluate(event)

        var outputs = StepOutputs()
        for (name, value) in decision.outputs(for: event) { outputs.set(name, value) }

        if decision.shouldRun {
            context.log.info("guard-loop: run (\(decision.detail))")
        } else {
            context.log.notice("skipping: \(decision.detail)", title: "guard-loop: \(decision.reason.rawValue)")
        }
        try context.summary.append("### guard-loop\n\n" + StepSummary.table(
            header: ["Decision", "Reason", "Rule", "Detail"],
            rows: [[decision.shouldRun ? "run" : "skip", decision.reason.rawValue, decision.rule.title, decision.detail]]))
        return ToolResult(outputs: outputs, failed: failOnSkip && !decision.shouldRun)
    }

    /// The event name, with Buildkite's webhook builds read as pushes (that is what
    /// they are) so the commit-message rule applies there too.
    static func eventName(_ ci: CIEnvironment) -> String? {
        if let name = ci.value("GITHUB_EVENT_NAME", "CI_PIPELINE_SOURCE") { return name }
        if let source = ci.value("BUILDKITE_SOURCE") { return source == "webhook" ? GuardEvent.Name.push : source }
        return nil
    }
}
