import ArgumentParser
import ReleaseKitCLI

@main
struct ParseTag: ReleaseTool {
    static let configuration = CommandConfiguration(
        commandName: "parse-tag",
        abstract: "Parse a release tag (SemVer or PEP 440, with a component) into step outputs.",
        discussion: "Not available yet in this version: running it exits 1 with a message saying so.",
        version: toolkitVersion)

    @OptionGroup var common: CommonOptions

    func execute(in context: ToolContext) async throws -> ToolResult {
        throw NotYetAvailable(tool: "parse-tag")
    }
}
