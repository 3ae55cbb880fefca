/// guard-loop's decision for one run: the event as the rules see it, the rule that
/// decided, and whether the step fails.
public struct GuardLoopPlan: Sendable {
    public var event: GuardEvent
    public var decision: GuardDecision
    /// `--fail-on-skip` and the decision is to skip: exit 1.
    public var fails: Bool

    /// Builds the event from the facts and applies the rules.
    ///
    /// - Throws: `InputError` when no event name is known, or when the rules need the
    ///   payload and there is none.
    public static func plan(_ facts: GuardLoopFacts, _ settings: GuardLoopSettings) throws -> GuardLoopPlan {
        guard let eventName = eventName(facts) else {
            throw InputError("no event name: looked at GITHUB_EVENT_NAME, CI_PIPELINE_SOURCE and BUILDKITE_SOURCE; expected the name of the event that started this run (for example push or workflow_run)")
        }
        var payload = facts.payload
        if payload == nil, eventName == GuardEvent.Name.push, let message = facts.commitMessage {
            // GitLab and Buildkite hand over the head commit's message, not a payload file.
            payload = .object(["head_commit": .object(["message": .string(message)])])
        }
        if payload == nil, settings.policy.requiresPayload(for: eventName) {
            throw InputError("the \(eventName) event's payload is needed by the guard rules but GITHUB_EVENT_PATH is \(facts.eventPathSet ? "empty" : "not set"); expected the path of the event payload JSON the runner writes")
        }
        let event = try GuardEvent(name: eventName, payload: payload, actor: facts.actor,
                                   triggeringActor: facts.triggeringActor, ref: facts.ref, sha: facts.sha)
        let decision = settings.policy.evaluate(event)
        return GuardLoopPlan(event: event, decision: decision, fails: settings.failOnSkip && !decision.shouldRun)
    }

    /// The event name, with Buildkite's webhook builds read as pushes (that is what
    /// they are) so the commit-message rule applies there too.
    static func eventName(_ facts: GuardLoopFacts) -> String? {
        if let name = facts.eventName { return name }
        if let source = facts.buildkiteSource { return source == "webhook" ? GuardEvent.Name.push : source }
        return nil
    }

    public var outputs: GuardLoopOutputs { GuardLoopOutputs(decision: decision, event: event) }
}
