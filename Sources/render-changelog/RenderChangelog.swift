import ArgumentParser
import ReleaseKitCLI

@main
struct RenderChangelog: ReleaseTool {
    static let configuration = CommandConfiguration(
        commandName: "render-changelog",
        abstract: "Render Conventional Commits into a changelog section and release notes.",
        discussion: "Not available yet in this version: running it exits 1 with a message saying so.",
        version: toolkitVersion)

    @OptionGroup var common: CommonOptions

    func execute(in context: ToolContext) async throws -> ToolResult {
        throw NotYetAvailable(tool: "render-changelog")
    }
}
