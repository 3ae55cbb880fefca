import ArgumentParser
import ReleaseKitCore

/// verify-artifacts' flags, declared once: the command pulls them in with
/// `@OptionGroup`, and `settings(in:)` reads them directly.
struct VerifyArtifactsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The directory holding the release files.", valueName: "dir"))
    var dir = "dist"

    @Option(help: ArgumentHelp("A file that must be there (repeatable): a path relative to --dir with placeholders and globs.", valueName: "pattern"))
    var expect: [String] = []

    @Option(help: ArgumentHelp("The version for {version}. Default: from the tag.", valueName: "version"))
    var version: String?

    @Option(help: ArgumentHelp("The component for {component}. Default: from the tag.", valueName: "component"))
    var component: String?

    @Option(help: ArgumentHelp("The tag for {tag}, and to read the version from. Default: from the CI environment.", valueName: "tag"))
    var tag: String?

    @Flag(help: "Fail on files no --expect pattern matches (and, with --checksums, on files the checksum file does not list).")
    var strict = false

    @Option(help: ArgumentHelp("Verify the files against this checksum file (GNU text, GNU binary or BSD tag lines).", valueName: "file"))
    var checksums: String?

    @Option(help: ArgumentHelp("Write the verified files' checksums here, coreutils format, sorted by name.", valueName: "file"))
    var writeChecksums: String?

    @Option(help: ArgumentHelp("sha256 or sha512. Default: the --checksums file's, else sha256.", valueName: "algorithm"))
    var algorithm: DigestAlgorithm?

    @Flag(help: "Read every archive to its end: tar, gzip, zip, jar, nupkg, wheel (with RECORD), deb.")
    var checkArchives = false

    @Option(help: ArgumentHelp("Render TEMPLATE to OUTPUT after verification succeeds (repeatable).", valueName: "template=output"))
    var render: [String] = []

    @Option(help: ArgumentHelp("Base of {url:…}: a prefix, or a template with {name} and {tag}. Default: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/releases/download/{tag}/{name}.", valueName: "url"))
    var baseUrl: String?

    @Option(help: ArgumentHelp("Compare with the assets of this release (names, sizes, digests; on Gitea and Forgejo, which list no digests, each same-size asset is downloaded and hashed).", valueName: "tag"))
    var againstRelease: String?

    @Option(help: ArgumentHelp("With --against-release: github, gitlab, gitea or forgejo. Default: .releasekit.yml `forge`, else from the CI environment, else github.", valueName: "forge"))
    var forge: ForgeKind?

    @Flag(help: "With --against-release: fail (exit 1) unless the release is immutable (published with the repository's immutable-releases setting on).")
    var requireImmutable = false

    @Option(help: ArgumentHelp("With --against-release: abort and retry an API request that sends or receives nothing for this many seconds.", valueName: "seconds"))
    var stallTimeout: Double = 30
}

extension DigestAlgorithm: ExpressibleByArgument {}
