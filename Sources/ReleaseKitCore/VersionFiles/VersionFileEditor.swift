/// Where one version value sits in a file: the bytes to replace, nothing more.
public struct VersionLocation: Sendable, Hashable {
    /// Byte offsets of the value itself (inside any quotes).
    public let range: Range<Int>
    /// The value as written.
    public let value: String
    /// What the value is, for messages: `[project].version`, `line 3`.
    public let field: String
    /// 1-based line of the value.
    public let line: Int

    public init(range: Range<Int>, value: String, field: String, line: Int) {
        self.range = range
        self.value = value
        self.field = field
        self.line = line
    }
}

/// Why a file cannot take part in a bump (a dynamic version, a missing key, a
/// version the format cannot express). `VersionFile` adds the file's path.
public struct VersionFileProblem: Error, Sendable, Equatable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// One kind of version file. An editor only *finds* the version's bytes; the
/// replacement is the same for every kind (`VersionFile.updated`), so no kind can
/// reformat, reorder or re-quote anything else: comments, indentation, quoting
/// and line endings survive because they are never touched.
public protocol VersionFileEditor: Sendable {
    /// Every place the file holds the package's version, in file order; throws
    /// `VersionFileProblem` when there is none or it cannot be edited.
    func locate(in bytes: [UInt8]) throws -> [VersionLocation]
    /// Why `version` cannot be written into this kind of file, or `nil` when it can.
    func cannotExpress(_ version: Version) -> String?
}

extension VersionFileEditor {
    public func cannotExpress(_ version: Version) -> String? { nil }
}

/// For formats whose own tools accept only SemVer (Cargo, npm, Helm).
func requiresSemVer(_ version: Version, _ tool: String) -> String? {
    SemanticVersion.parseIfValid(version.normalized) == nil
        ? "\(tool) requires a SemVer version, and \(version.normalized) is not one (a PEP 440 prerelease such as 1.3.0rc1 is written 1.3.0-rc.1 in SemVer)"
        : nil
}
