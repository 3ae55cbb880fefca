import Foundation

/// The `link_type` of a release link, from the file's kind: GitLab groups a release's
/// links under these headings on the release page.
public enum GitLabLinkType: String, Sendable, Equatable, CaseIterable {
    /// Archives and installable packages.
    case package
    /// Disk and machine images.
    case image
    /// Everything else: checksums, signatures, SBOMs, notes.
    case other
    /// GitLab's fourth kind; ReleaseKit never attaches runbooks, but reads them.
    case runbook

    public static func forFile(named name: String) -> GitLabLinkType {
        let lower = name.lowercased()
        if imageSuffixes.contains(where: lower.hasSuffix) { return .image }
        if packageSuffixes.contains(where: lower.hasSuffix) { return .package }
        return .other
    }

    private static let imageSuffixes = [".dmg", ".iso", ".img", ".img.gz", ".img.xz", ".qcow2", ".vhd", ".vhdx", ".vmdk", ".ova", ".wim"]
    private static let packageSuffixes = [
        ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tar.zst", ".tar", ".gz", ".xz", ".bz2", ".zst", ".zip", ".7z",
        ".deb", ".rpm", ".apk", ".msi", ".pkg", ".exe", ".jar", ".whl", ".nupkg", ".crate", ".gem", ".appimage", ".snap", ".flatpak",
    ]
}
