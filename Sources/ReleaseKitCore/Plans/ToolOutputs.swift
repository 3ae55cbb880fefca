/// The one value each tool reports at the end of a run: the only place its output names
/// exist. The runtime writes it to `GITHUB_OUTPUT`, `--json`, dotenv and the terminal;
/// `releasekit --describe-outputs` lists the names and summaries, from which
/// `scripts/generate-actions` writes each action's `outputs:` block and README's tables.
///
/// Field types map to text one way for every tool: `String` as is, `Bool` as
/// `true`/`false`, integers in decimal, `[String]` one item per line, `JSONValue` as
/// compact JSON. Fields are written in declaration order.
public protocol ToolOutputs: Encodable, Sendable {
    associatedtype CodingKeys: OutputName
}

/// An output's name (the coding key's kebab-case string) and its one-line summary for
/// the action metadata and README.
public protocol OutputName: CodingKey, CaseIterable, Sendable {
    var summary: String { get }
}

extension ToolOutputs {
    /// Every output, in declaration order, with its summary.
    public static var outputNames: [(name: String, summary: String)] {
        CodingKeys.allCases.map { ($0.stringValue, $0.summary) }
    }
}
