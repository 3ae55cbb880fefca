/// The digests a release's checksum files use. The raw value is the flag's spelling
/// and the key in the `artifacts` output.
public enum DigestAlgorithm: String, Sendable, CaseIterable, Hashable {
    case sha256
    case sha512

    /// Hex digits in a digest.
    public var hexLength: Int {
        switch self {
        case .sha256: 64
        case .sha512: 128
        }
    }

    /// The name in BSD tag lines (`SHA256 (name) = …`).
    public var tagName: String { rawValue.uppercased() }

    /// The coreutils program whose `-c` reads the files we write.
    public var coreutilsProgram: String { rawValue + "sum" }
}
