import ArgumentParser
import ReleaseKitCLI

@main
struct BumpVersion: ReleaseTool {
    static let configuration = CommandConfiguration(
        commandName: "bump-version",
        abstract: "Compute the next version from history, write it into every version file, commit and tag.",
        discussion: "Not available yet in this version: running it exits 1 with a message saying so.",
        version: toolkitVersion)

    @OptionGroup var common: CommonOptions

    func execute(in context: ToolContext) async throws -> ToolResult {
        throw NotYetAvailable(tool: "bump-version")
    }
}
