import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

public struct ParseTag: ReleaseTool {
    public typealias Outputs = ParseTagOutputs

    public static let configuration = CommandConfiguration(
        commandName: "parse-tag",
        abstract: "Parse a release tag (SemVer or PEP 440, with a component) into step outputs.",
        discussion: """
        The version is the longest suffix of the tag that, without one leading v/V, is a valid \
        version, where the text before it is empty or ends with -, _, @ or /; the component is \
        that text without the separator. Without TAG: GITHUB_REF (refs/tags/...), the event \
        payload (release.tag_name, workflow_run.head_branch of a tag push), then CI_COMMIT_TAG, \
        BUILDKITE_TAG, CIRCLE_TAG, TAG_NAME.
        """,
        version: toolkitVersion)

    @OptionGroup var options: ParseTagOptions

    @OptionGroup public var common: CommonOptions

    public init() {}

    public func execute(in context: ToolContext) async throws -> ToolResult {
        let settings = options.settings
        let plan = try await ParseTagPlan.plan(ParseTagFacts.gather(settings, in: context), settings)
        if plan.warnsShallow {
            context.log.warning("this is a shallow clone, so earlier tags are missing and previous-tag may be empty or wrong; check out with fetch-depth: 0 (actions/checkout) to fetch the history and tags",
                                title: "parse-tag: shallow clone")
        }
        let version = plan.tag.version
        try context.summary.append("### parse-tag\n\n" + StepSummary.table(
            header: ["Tag", "Component", "Version", "Prerelease"],
            rows: [[plan.tag.tag, plan.tag.component.isEmpty ? "—" : plan.tag.component, version.normalized,
                    version.isPrerelease ? "yes" : "no"]]))
        return ToolResult(plan.outputs)
    }
}

extension VersionSchemeChoice: ExpressibleByArgument {}
