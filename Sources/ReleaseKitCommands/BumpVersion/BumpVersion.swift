import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

public struct BumpVersion: ReleaseTool {
    public typealias Outputs = BumpVersionOutputs

    public static let configuration = CommandConfiguration(
        commandName: "bump-version",
        abstract: "Compute the next version from history, write it into every version file, commit and tag.",
        discussion: """
        The current version is --current, else the highest tag of the component, else the version \
        in the package's version files, else 0.0.0 (SemVer) / 0 (PEP 440). With --level auto the \
        Conventional Commits since that tag decide: breaking -> major (minor before 1.0.0), feat -> \
        minor, fix/perf/revert -> patch, a Release-As footer sets the version; nothing releasable \
        -> released=false, level none, no file touched. Settings not given as flags come from \
        .releasekit.yml at the repository root (or --config FILE).
        """,
        version: toolkitVersion)

    @OptionGroup public var options: BumpVersionOptions

    @OptionGroup public var common: CommonOptions

    public init() {}

    public func execute(in context: ToolContext) async throws -> ToolResult {
        try await BumpVersionJob(options: options).run(in: context)
    }
}
