import ArgumentParser
import ReleaseKitCLI

@main
struct CreateRelease: ReleaseTool {
    static let configuration = CommandConfiguration(
        commandName: "create-release",
        abstract: "Create or update a GitHub Release idempotently and upload its assets.",
        discussion: "Not available yet in this version: running it exits 1 with a message saying so.",
        version: toolkitVersion)

    @OptionGroup var common: CommonOptions

    func execute(in context: ToolContext) async throws -> ToolResult {
        throw NotYetAvailable(tool: "create-release")
    }
}
