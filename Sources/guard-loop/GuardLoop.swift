import ArgumentParser
import ReleaseKitCLI

@main
struct GuardLoop: ReleaseTool {
    static let configuration = CommandConfiguration(
        commandName: "guard-loop",
        abstract: "Decide from the CI event whether this run may release, so release commits do not trigger themselves.",
        discussion: "Not available yet in this version: running it exits 1 with a message saying so.",
        version: toolkitVersion)

    @OptionGroup var common: CommonOptions

    func execute(in context: ToolContext) async throws -> ToolResult {
        throw NotYetAvailable(tool: "guard-loop")
    }
}
