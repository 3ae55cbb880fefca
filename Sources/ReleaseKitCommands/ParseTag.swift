import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

public struct ParseTag: ReleaseTool {
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

    @Argument(help: ArgumentHelp("A tag name or full ref (refs/tags/...). Default: from the CI environment.", valueName: "tag"))
    var tag: String?

    @Option(help: "auto (SemVer when valid, else PEP 440), semver or pep440.")
    var scheme: VersionSchemeChoice = .auto

    @Option(help: ArgumentHelp("Require the tag to belong to this component.", valueName: "name"))
    var component: String?

    @OptionGroup public var common: CommonOptions

    public init() {}

    public func execute(in context: ToolContext) async throws -> ToolResult {
        try ParseTagJob(tag: tag, scheme: scheme, component: component).run(in: context)
    }
}

extension VersionSchemeChoice: ExpressibleByArgument {}
