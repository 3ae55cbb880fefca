import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

public struct RenderChangelog: ReleaseTool {
    public typealias Outputs = RenderChangelogOutputs

    public static let configuration = CommandConfiguration(
        commandName: "render-changelog",
        abstract: "Render Conventional Commits into a changelog section and release notes.",
        discussion: """
        By default: the release at --to (default HEAD) if a release tag of the component is \
        there, else the release named by --tag, else the unreleased commits; from the previous \
        tag of the component (parse-tag's previous-tag rule). Releases are delimited by the \
        component's tags in version order. Merge and release commits are left out. The history \
        is read with one git log; a shallow clone that cuts the range short is an error \
        (check out with fetch-depth: 0).
        """,
        version: toolkitVersion)

    @OptionGroup public var options: RenderChangelogOptions

    @OptionGroup public var common: CommonOptions

    public init() {}

    public func execute(in context: ToolContext) async throws -> ToolResult {
        try await RenderChangelogJob(options: options).run(in: context)
    }
}
