import Testing
@testable import ReleaseKitCore

/// guard-loop's decisions from the facts a runner hands over, in-process: which event
/// the rules see, when a payload is required, and when a skip fails the step.
@Suite struct GuardLoopPlanTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var facts: GuardLoopFacts
        var failOnSkip = false
        var event: String
        var shouldRun: Bool
        var reason: GuardReason
        var fails = false
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "GitHub push of a feature commit runs",
             facts: GuardLoopFacts(eventName: "push", payload: .object(["head_commit": .object(["message": .string("feat: x")])]),
                                   eventPathSet: true, actor: "octocat"),
             event: "push", shouldRun: true, reason: .ok),
        Case(label: "GitLab push of the release commit skips, read from CI_COMMIT_MESSAGE",
             facts: GuardLoopFacts(eventName: "push", payload: nil, eventPathSet: false, commitMessage: "release: 1.2.0", actor: "dev"),
             event: "push", shouldRun: false, reason: .releaseCommit),
        Case(label: "Buildkite webhook is a push",
             facts: GuardLoopFacts(eventName: nil, buildkiteSource: "webhook", payload: nil, eventPathSet: false,
                                   commitMessage: "fix: y [skip ci]", actor: "dev"),
             event: "push", shouldRun: false, reason: .skipMarker),
        Case(label: "Buildkite's other sources keep their name",
             facts: GuardLoopFacts(eventName: nil, buildkiteSource: "schedule", payload: nil, eventPathSet: false, actor: "dev"),
             event: "schedule", shouldRun: true, reason: .ok),
        Case(label: "the bot is denied, and --fail-on-skip fails the step",
             facts: GuardLoopFacts(eventName: "push", payload: nil, eventPathSet: false, commitMessage: "fix: z", actor: "github-actions[bot]"),
             failOnSkip: true, event: "push", shouldRun: false, reason: .botActor, fails: true),
        Case(label: "a run is never a failure, even with --fail-on-skip",
             facts: GuardLoopFacts(eventName: "schedule", payload: nil, eventPathSet: false, actor: "dev"),
             failOnSkip: true, event: "schedule", shouldRun: true, reason: .ok),
    ]

    @Test(arguments: cases) func decides(_ example: Case) throws {
        let plan = try GuardLoopPlan.plan(example.facts, GuardLoopSettings(policy: try GuardPolicy(), failOnSkip: example.failOnSkip))
        #expect(plan.event.name == example.event)
        #expect(plan.decision.shouldRun == example.shouldRun)
        #expect(plan.decision.reason == example.reason)
        #expect(plan.fails == example.fails)
        #expect(plan.outputs.shouldRun == example.shouldRun)
    }

    @Test(arguments: [
        (GuardLoopFacts(eventName: nil, payload: nil, eventPathSet: false), "no event name"),
        (GuardLoopFacts(eventName: "workflow_run", payload: nil, eventPathSet: false), "GITHUB_EVENT_PATH is not set"),
        (GuardLoopFacts(eventName: "workflow_run", payload: nil, eventPathSet: true), "GITHUB_EVENT_PATH is empty"),
    ])
    func missingFactsAreInputErrors(_ facts: GuardLoopFacts, _ message: String) throws {
        let error = #expect(throws: InputError.self) {
            try GuardLoopPlan.plan(facts, GuardLoopSettings(policy: try GuardPolicy(), failOnSkip: false))
        }
        #expect(error?.description.contains(message) == true)
    }
}
