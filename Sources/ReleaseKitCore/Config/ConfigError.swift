/// A `.releasekit.yml` that cannot be used, naming the file, the key path
/// (`packages[1].version-files[0]`) and the line, so the fix is one look away.
public struct ConfigError: ReleaseKitError, Equatable {
    public let file: String
    /// Dotted path from the document root; empty for the document itself.
    public let keyPath: String
    public let line: Int?
    public let reason: String
    public var kind: FailureKind { .invalidInput }

    public init(file: String, keyPath: String, line: Int? = nil, reason: String) {
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let location = file + (line.map { ":\($0)" } ?? "")
        let key = keyPath.isEmpty ? "" : " at \(keyPath)"
        return "\(location): invalid configuration\(key): \(reason)"
    }
}
