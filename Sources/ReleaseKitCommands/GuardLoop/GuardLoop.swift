import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

public struct GuardLoop: ReleaseTool {
    public typealias Outputs = GuardLoopOutputs

    public static let configuration = CommandConfiguration(
        commandName: "guard-loop",
        abstract: "Decide from the CI event whether this run may release, so release commits do not trigger themselves.",
        discussion: """
        Rules, in order (the first that matches decides): 1. actor guard (github-actions[bot], \
        --deny-actor, --deny-bots; --allow-actor overrides); 2. commit message (release-commit \
        pattern, GitHub's skip markers); 3. workflow_run must have concluded with success (and \
        --branch); 4. --event allowlist; 5. otherwise run. Exits 0 whether it decides to run or \
        to skip (read the should-run output), unless --fail-on-skip.
        """,
        version: toolkitVersion)

    @OptionGroup var options: GuardLoopOptions

    @OptionGroup public var common: CommonOptions

    public init() {}

    public func execute(in context: ToolContext) async throws -> ToolResult {
        let plan = try GuardLoopPlan.plan(GuardLoopFacts.gather(in: context), options.settings())
        let decision = plan.decision
        if decision.shouldRun {
            context.log.info("guard-loop: run (\(decision.detail))")
        } else {
            context.log.notice("skipping: \(decision.detail)", title: "guard-loop: \(decision.reason.rawValue)")
        }
        try context.summary.append("### guard-loop\n\n" + StepSummary.table(
            header: ["Decision", "Reason", "Rule", "Detail"],
            rows: [[decision.shouldRun ? "run" : "skip", decision.reason.rawValue, decision.rule.title, decision.detail]]))
        return ToolResult(plan.outputs, failed: plan.fails)
    }
}
