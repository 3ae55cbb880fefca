/// A file holding the version, with the editor its name calls for.
public struct VersionFile: Sendable {
    /// The path as named (relative to where it was named from).
    public let path: String
    public let editor: any VersionFileEditor

    public init(path: String, editor: any VersionFileEditor) {
        self.path = path
        self.editor = editor
    }

    /// Chooses the editor from the file name: the known kinds by name, a key path by
    /// extension (YAML, JSON, TOML), else lines marked `releasekit-version`.
    public init(_ spec: VersionFileSpec) throws {
        let name = spec.path.split(separator: "/").last.map(String.init) ?? spec.path
        let lower = name.lowercased()
        if let keyPath = spec.keyPath {
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
                self.init(path: spec.path, editor: YAMLKeyFile(keyPath: keyPath))
            } else if lower.hasSuffix(".json") {
                self.init(path: spec.path, editor: JSONKeyFile(keyPath: keyPath))
            } else if lower.hasSuffix(".toml") {
                self.init(path: spec.path, editor: TOMLKeyFile(keyPath: keyPath))
            } else {
                throw VersionFileError(path: spec.path, reason: "a key path (\(keyPath.joined(separator: "."))) needs a .yaml, .yml, .json or .toml file")
            }
            return
        }
        self.init(path: spec.path, editor: Self.editor(forName: name) ?? MarkedLineFile())
    }

    /// The editor for a known file name, or `nil`.
    public static func editor(forName name: String) -> (any VersionFileEditor)? {
        switch name {
        case "package.json": PackageJSONFile()
        case "package-lock.json": PackageLockFile()
        case "pyproject.toml": PyprojectFile()
        case "setup.cfg": SetupCfgFile()
        case "__init__.py", "_version.py", "version.py": PythonVersionFile()
        case "Cargo.toml": CargoFile()
        case "Chart.yaml": HelmChartFile()
        case "VERSION", "version.txt": PlainVersionFile()
        default: nil
        }
    }

    /// Known files looked for directly in a package directory when none are named,
    /// in this order.
    public static let detectedNames = [
        "package.json", "package-lock.json", "pyproject.toml", "setup.cfg", "Cargo.toml", "Chart.yaml", "VERSION", "version.txt",
    ]

    /// Python modules looked for one level down (`pkg/`, `src/pkg/`) when detecting.
    public static let detectedModuleNames = ["_version.py", "version.py", "__init__.py"]

    /// The UTF-8 byte order mark some Windows editors put first.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Every version value in `bytes`. Throws `VersionFileError` naming this file.
    ///
    /// A leading UTF-8 byte order mark is not part of any format's text, so the
    /// editors never see it (a `VERSION` would otherwise read as "\u{FEFF}1.2.0"
    /// and a TOML table header as junk); the ranges are shifted back past it, so
    /// `updated` copies the mark through untouched, for every kind of file at once.
    public func locate(in bytes: [UInt8]) throws -> [VersionLocation] {
        let skip = bytes.starts(with: Self.byteOrderMark) ? Self.byteOrderMark.count : 0
        do {
            let found = try editor.locate(in: skip == 0 ? bytes : Array(bytes[skip...]))
            guard skip > 0 else { return found }
            return found.map { location in
                VersionLocation(range: (location.range.lowerBound + skip)..<(location.range.upperBound + skip),
                                value: location.value, field: location.field, line: location.line)
            }
        } catch let problem as VersionFileProblem {
            throw VersionFileError(path: path, reason: problem.reason)
        }
    }

    /// Throws `VersionFileError` when this kind of file cannot hold `version`.
    public func check(canExpress version: Version) throws {
        if let reason = editor.cannotExpress(version) { throw VersionFileError(path: path, reason: reason) }
    }

    /// `bytes` with every version value replaced by `version`, and nothing else
    /// changed. A value written with a leading `v` keeps it.
    public func updated(_ bytes: [UInt8], to version: Version) throws -> [UInt8] {
        try check(canExpress: version)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 16)
        var copied = 0
        for location in try locate(in: bytes) {
            result += bytes[copied..<location.range.lowerBound]
            let prefix = VersionText.vPrefix(location.value)
            result += Array((prefix + version.normalized).utf8)
            copied = location.range.upperBound
        }
        result += bytes[copied...]
        return result
    }

    /// The string form, for tests and callers holding text.
    public func updated(_ text: String, to version: Version) throws -> String {
        String(decoding: try updated(Array(text.utf8), to: version), as: UTF8.self)
    }

    /// The version a value holds, read under `scheme` (a leading `v` is allowed).
    public static func version(of location: VersionLocation, scheme: VersionSchemeChoice) -> Version? {
        Version.parseIfValid(String(VersionText.strippingV(location.value)), scheme: scheme)
    }
}
