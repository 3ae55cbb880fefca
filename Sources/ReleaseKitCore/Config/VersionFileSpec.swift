/// A file that holds a version, as named by `--file PATH[:KEY.PATH]` or in the
/// configuration; the key path selects a value in a YAML, JSON or TOML file.
public struct VersionFileSpec: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// Keys from the document root (`["model", "version"]`); `nil` for the file's
    /// own convention (a `package.json`'s `version`, a `VERSION` file's content).
    public var keyPath: [String]?

    public init(path: String, keyPath: [String]? = nil) {
        self.path = path
        self.keyPath = keyPath
    }

    /// Reads `PATH[:KEY.PATH]`. The key path follows the last `:` so that paths
    /// keep working as long as the key has no `/`; keys are split at `.`.
    public init(parsing text: String) throws {
        if let colon = text.lastIndex(of: ":"), !text[text.index(after: colon)...].contains("/") {
            let path = String(text[..<colon])
            let keys = text[text.index(after: colon)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !path.isEmpty, !keys.isEmpty, !keys.contains(where: \.isEmpty) else {
                throw InputError("version file \(quotedInput(text)) is not PATH or PATH:KEY.PATH: expected e.g. config.yaml:model.version")
            }
            self.init(path: path, keyPath: keys)
        } else {
            guard !text.isEmpty else { throw InputError("version file path is empty: expected PATH or PATH:KEY.PATH") }
            self.init(path: text)
        }
    }

    public var description: String {
        path + (keyPath.map { ":" + $0.joined(separator: ".") } ?? "")
    }
}
