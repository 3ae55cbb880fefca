import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

public struct VerifyArtifacts: ReleaseTool {
    public typealias Outputs = VerifyArtifactsOutputs

    public static let configuration = CommandConfiguration(
        commandName: "verify-artifacts",
        abstract: "Prove the release directory holds exactly the built files: checksums, archives, manifests.",
        discussion: """
        Patterns may hold {version}, {component} and {tag} (from the flags, else from the tag \
        as parse-tag finds it) and the globs *, ?, […] and **. Exit 1 when a pattern matches \
        nothing, a file is unexpected (--strict), a checksum differs or an archive is corrupt; \
        --write-checksums and --render then write nothing.
        """,
        version: toolkitVersion)

    @OptionGroup var options: VerifyArtifactsOptions

    @OptionGroup public var common: CommonOptions

    public init() {}

    /// `--version V` is this tool's release version, which hides ArgumentParser's own
    /// `--version` flag; a bare `--version` at the end (it cannot be the option, which
    /// needs a value) still prints the toolkit version like every other tool.
    public static func answersBeforeParsing(_ arguments: [String]) -> Bool {
        guard arguments.last == "--version" else { return false }
        print(toolkitVersion)
        return true
    }

    /// Settings, facts, plan, effects, outputs — the same five stages as every tool.
    public func execute(in context: ToolContext) async throws -> ToolResult {
        // The API token is read (and masked) before anything else can print a line.
        let access = try await ReleaseAccess.read(options, in: context)
        let settings = try await options.settings(in: context)
        let facts = try await VerifyArtifactsFacts.gather(settings, access: access, in: context)
        let plan = VerifyArtifactsPlan.plan(facts, settings)
        return try VerifyArtifactsExecutor(plan: plan, context: context).apply()
    }
}
