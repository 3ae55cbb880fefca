import ArgumentParser
import ReleaseKitCore

/// parse-tag's flags, declared once.
struct ParseTagOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A tag name or full ref (refs/tags/...). Default: from the CI environment.", valueName: "tag"))
    var tag: String?

    @Option(help: "auto (SemVer when valid, else PEP 440), semver or pep440.")
    var scheme: VersionSchemeChoice = .auto

    @Option(help: ArgumentHelp("Require the tag to belong to this component.", valueName: "name"))
    var component: String?

    /// parse-tag has no configuration keys: each setting is its flag or the default.
    var settings: ParseTagSettings { ParseTagSettings(tag: tag, scheme: scheme, component: component) }
}
