import ArgumentParser
import ReleaseKitRuntime

/// The flags every tool takes for its outputs and its logging.
public struct CommonOptions: ParsableArguments, Sendable {
    @Flag(help: "Print all outputs as one JSON object of strings on stdout, and nothing else there.")
    public var json = false

    @Option(help: ArgumentHelp("Also write the outputs to this file (replaced atomically).", valueName: "path"))
    public var outputFile: String?

    @Option(help: ArgumentHelp(
        "Format of --output-file: github (GITHUB_OUTPUT heredocs), dotenv (GitLab `reports: dotenv`) or json. Default: from the file's extension (.env, .json), else github.",
        valueName: "format"))
    public var outputFormat: OutputFormat?

    @Flag(help: "Print debug lines (also on when the runner's debug logging is on).")
    public var verbose = false

    public init() {}

    public func validate() throws {
        if outputFormat != nil && outputFile == nil {
            throw ValidationError("--output-format needs --output-file PATH to say where the outputs go")
        }
        if let path = outputFile, path.isEmpty {
            throw ValidationError("--output-file needs a path; got an empty value")
        }
    }

    /// The format for `--output-file`: the flag, else the file's extension, else github.
    public var resolvedOutputFormat: OutputFormat {
        if let outputFormat { return outputFormat }
        let lower = (outputFile ?? "").lowercased()
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".env") || lower.hasSuffix(".dotenv") { return .dotenv }
        return .github
    }
}

extension OutputFormat: ExpressibleByArgument {}
