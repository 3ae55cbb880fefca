import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

public struct CreateRelease: ReleaseTool {
    public typealias Outputs = CreateReleaseOutputs

    public static let configuration = CommandConfiguration(
        commandName: "create-release",
        abstract: "Create or update the GitHub Release for a tag, idempotently, and upload its assets.",
        discussion: """
        Finds the tag's release among published releases and drafts and reuses it; otherwise creates it \
        as a draft, uploads the assets, then publishes it (unless --draft). Re-runs and concurrent jobs \
        converge on one release. Everything is checked before the first write: GitHub's limits on the \
        files and notes, and, under immutable releases, that no asset of a published release would \
        change. Matrix builds: every build job --draft, one final job --publish. Token: the variable named by --token-env, else GITHUB_TOKEN, else \
        GH_TOKEN. Repository: --repository, else GITHUB_REPOSITORY. API: --api-url, else GITHUB_API_URL, \
        else https://api.github.com.
        """,
        version: toolkitVersion)

    @OptionGroup var options: CreateReleaseOptions

    @OptionGroup public var common: CommonOptions

    public init() {}

    public func execute(in context: ToolContext) async throws -> ToolResult {
        try await CreateReleaseJob(settings: try await options.settings(in: context)).run(in: context)
    }
}

extension PrereleaseChoice: ExpressibleByArgument {}
extension LatestChoice: ExpressibleByArgument {}
