import ArgumentParser
import ReleaseKitCLI

@main
struct VerifyArtifacts: ReleaseTool {
    static let configuration = CommandConfiguration(
        commandName: "verify-artifacts",
        abstract: "Prove the release directory holds exactly the built files: checksums, archives, manifests.",
        discussion: "Not available yet in this version: running it exits 1 with a message saying so.",
        version: toolkitVersion)

    @OptionGroup var common: CommonOptions

    func execute(in context: ToolContext) async throws -> ToolResult {
        throw NotYetAvailable(tool: "verify-artifacts")
    }
}
