import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

/// render-changelog's flags, declared once: the command pulls them in with
/// `@OptionGroup`, and the run reads them from here.
public struct RenderChangelogOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Start after this ref instead of the previous tag.", valueName: "ref"))
    public var from: String?

    @Option(help: ArgumentHelp("End at this ref (default HEAD).", valueName: "ref"))
    public var to: String?

    @Option(help: ArgumentHelp("Name the release (for notes rendered before the tag exists).", valueName: "name"))
    public var tag: String?

    @Flag(help: "Render the commits after the latest tag.")
    public var unreleased = false

    @Flag(help: "Render the latest tag's release.")
    public var latest = false

    @Flag(help: "Render every release of the component, newest first.")
    public var all = false

    @Option(help: ArgumentHelp("The component whose tags delimit releases (monorepos).", valueName: "name"))
    public var component: String?

    @Option(name: .customLong("path"), help: ArgumentHelp("Keep only commits touching this path (repeatable).", valueName: "dir"))
    public var paths: [String] = []

    @Option(help: ArgumentHelp("markdown (CHANGELOG section), github (release body) or json (the full context).", valueName: "format"))
    public var format: RenderChangelogSettings.Format = .markdown

    @Option(help: ArgumentHelp("Render with this Mustache template over the JSON context instead.", valueName: "file"))
    public var template: String?

    @Option(help: ArgumentHelp("Write the notes here (default: a file under RUNNER_TEMP or the temp directory).", valueName: "file"))
    public var output: String?

    @Option(help: ArgumentHelp("Insert the release section(s) into this changelog file, replacing the same version or [Unreleased].", valueName: "file"))
    public var prepend: String?

    @Option(help: ArgumentHelp("Read settings from this file instead of .releasekit.yml at the repository root.", valueName: "file"))
    public var config: String?

    public init() {}

    /// The one mode flag given, else `auto`.
    public var mode: RenderChangelogSettings.Mode { unreleased ? .unreleased : latest ? .latest : all ? .all : .auto }

    /// Usage errors ArgumentParser reports itself (the mode flags).
    public func validate() throws {
        let modes = [("--unreleased", unreleased), ("--latest", latest), ("--all", all)].filter(\.1).map(\.0)
        if modes.count > 1 {
            throw ValidationError("\(modes.joined(separator: " and ")) cannot be combined; choose one")
        }
    }

    /// Flag combinations that cannot mean anything, as input errors (exit 2).
    public func checkCombinations() throws {
        if mode == .latest {
            for (flag, value) in [("--tag", tag), ("--from", from), ("--to", to)] where value != nil {
                throw InputError("--latest renders the latest tag's release and cannot be combined with \(flag); drop one of them")
            }
        }
        for (flag, value) in [("--from", from), ("--to", to), ("--tag", tag),
                              ("--template", template), ("--output", output), ("--prepend", prepend)] where value?.isEmpty == true {
            throw InputError("\(flag) needs a value; got an empty one")
        }
        if paths.contains(where: \.isEmpty) {
            throw InputError("--path needs a directory or file; got an empty value")
        }
    }

    /// The one place flags, `.releasekit.yml` and defaults meet. `relative` turns a
    /// `--path` (relative to the working directory) into one relative to the root.
    func settings(config: ReleaseKitConfig, relative: (String) -> String) -> RenderChangelogSettings {
        RenderChangelogSettings(
            from: from, to: to, tag: tag, mode: mode, component: component, format: format,
            changelog: config.changelog ?? ChangelogSettings(), paths: paths.map(relative),
            packagePaths: Dictionary(config.packages.map { ($0.name, PathResolver.normalize($0.path)) }, uniquingKeysWith: { first, _ in first }))
    }
}

extension RenderChangelogSettings.Format: ExpressibleByArgument {}
