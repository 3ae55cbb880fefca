/// The archive formats `--check-archives` understands, by file name.
public enum ArchiveKind: String, Sendable, CaseIterable {
    case tarGzip = "tar.gz"
    case tar
    case gzip = "gz"
    case zip
    case wheel = "whl"
    case deb

    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".tar.gz") || lower.hasSuffix(".tgz") { self = .tarGzip }
        else if lower.hasSuffix(".tar") { self = .tar }
        else if lower.hasSuffix(".gz") { self = .gzip }
        else if lower.hasSuffix(".whl") { self = .wheel }
        else if lower.hasSuffix(".zip") || lower.hasSuffix(".jar") || lower.hasSuffix(".nupkg") { self = .zip }
        else if lower.hasSuffix(".deb") { self = .deb }
        else { return nil }
    }
}
