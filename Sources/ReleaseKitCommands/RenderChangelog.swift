import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

public struct RenderChangelog: ReleaseTool {
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

    @Option(help: ArgumentHelp("Start after this ref instead of the previous tag.", valueName: "ref"))
    var from: String?

    @Option(help: ArgumentHelp("End at this ref (default HEAD).", valueName: "ref"))
    var to: String?

    @Option(help: ArgumentHelp("Name the release (for notes rendered before the tag exists).", valueName: "name"))
    var tag: String?

    @Flag(help: "Render the commits after the latest tag.")
    var unreleased = false

    @Flag(help: "Render the latest tag's release.")
    var latest = false

    @Flag(help: "Render every release of the component, newest first.")
    var all = false

    @Option(help: ArgumentHelp("The component whose tags delimit releases (monorepos).", valueName: "name"))
    var component: String?

    @Option(name: .customLong("path"), help: ArgumentHelp("Keep only commits touching this path (repeatable).", valueName: "dir"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("markdown (CHANGELOG section), github (release body) or json (the full context).", valueName: "format"))
    var format: RenderChangelogJob.Format = .markdown

    @Option(help: ArgumentHelp("Render with this Mustache template over the JSON context instead.", valueName: "file"))
    var template: String?

    @Option(help: ArgumentHelp("Write the notes here (default: a file under RUNNER_TEMP or the temp directory).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Insert the release section(s) into this changelog file, replacing the same version or [Unreleased].", valueName: "file"))
    var prepend: String?

    @Option(help: ArgumentHelp("Read settings from this file instead of .releasekit.yml at the repository root.", valueName: "file"))
    var config: String?

    @OptionGroup public var common: CommonOptions

    public init() {}

    public func validate() throws {
        let modes = [("--unreleased", unreleased), ("--latest", latest), ("--all", all)].filter(\.1).map(\.0)
        if modes.count > 1 {
            throw ValidationError("\(modes.joined(separator: " and ")) cannot be combined; choose one")
        }
    }

    public func execute(in context: ToolContext) async throws -> ToolResult {
        let mode: RenderChangelogJob.Mode = unreleased ? .unreleased : latest ? .latest : all ? .all : .auto
        return try RenderChangelogJob(
            from: from, to: to, tag: tag, mode: mode, component: component, paths: paths, format: format,
            template: template, output: output, prepend: prepend, config: config
        ).run(in: context)
    }
}

extension RenderChangelogJob.Format: ExpressibleByArgument {}
