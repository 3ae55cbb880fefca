import ReleaseKitCore
import ReleaseKitRuntime

extension GuardLoopFacts {
    /// The event name, payload and identities the runner handed over.
    static func gather(in context: ToolContext) throws -> GuardLoopFacts {
        let ci = context.ci
        return GuardLoopFacts(
            eventName: ci.value("GITHUB_EVENT_NAME", "CI_PIPELINE_SOURCE"), buildkiteSource: ci.value("BUILDKITE_SOURCE"),
            payload: try ci.eventPayload(fileSystem: context.fileSystem), eventPathSet: ci.eventPath != nil,
            commitMessage: ci.commitMessage, actor: ci.actor, triggeringActor: ci.triggeringActor, ref: ci.ref, sha: ci.sha)
    }
}
