/// verify-artifacts' outputs: the verdict, the verified files, and what was wrong.
public struct VerifyArtifactsOutputs: ToolOutputs, Equatable {
    public var ok: Bool
    public var count: Int
    public var totalBytes: UInt64
    public var artifacts: JSONValue
    public var checksumsFile: String
    public var missing: [String]
    public var unexpected: [String]
    public var mismatched: [String]
    public var corrupt: [String]
    public var rendered: [String]
    public var immutable: String

    public enum CodingKeys: String, OutputName {
        case ok, count
        case totalBytes = "total-bytes"
        case artifacts
        case checksumsFile = "checksums-file"
        case missing, unexpected, mismatched, corrupt, rendered, immutable

        public var summary: String {
            switch self {
            case .ok: "`true` / `false`."
            case .count: "Number of verified artifacts."
            case .totalBytes: "Their total size."
            case .artifacts: "JSON array of `{\"name\", \"size\", \"sha256\"}` (`\"sha512\"` with `--algorithm sha512`), sorted by name."
            case .checksumsFile: "The file written by `--write-checksums`, else the `--checksums` file, else empty."
            case .missing: "Patterns that matched nothing and listed files that are absent, one per line."
            case .unexpected: "Files outside the expected set (`--strict`), one per line."
            case .mismatched: "Files whose checksum differs from the checksum file, one per line."
            case .corrupt: "Broken archives and entries that are not usable files, one per line."
            case .rendered: "The OUTPUT paths written by `--render`, one per line."
            case .immutable: "`true` / `false`: the `--against-release` release's `immutable` flag; empty without `--against-release`."
            }
        }
    }

    public init(ok: Bool, count: Int, totalBytes: UInt64, artifacts: JSONValue, checksumsFile: String, missing: [String],
                unexpected: [String], mismatched: [String], corrupt: [String], rendered: [String], immutable: String = "") {
        self.ok = ok
        self.count = count
        self.totalBytes = totalBytes
        self.artifacts = artifacts
        self.checksumsFile = checksumsFile
        self.missing = missing
        self.unexpected = unexpected
        self.mismatched = mismatched
        self.corrupt = corrupt
        self.rendered = rendered
        self.immutable = immutable
    }
}
