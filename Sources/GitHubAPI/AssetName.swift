import Foundation

/// How GitHub names an uploaded file: every character outside `[A-Za-z0-9._+@-]`
/// becomes `.` (so `my app (x64).tar.gz` is stored as `my.app..x64..tar.gz`).
/// Existing assets are matched by this form, never by the local file name.
public enum AssetName {
    public static func sanitized(_ name: String) -> String {
        String(name.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "+", "@", "-": return Character(scalar)
            default: return "."
            }
        })
    }
}

/// The `Content-Type` an upload declares, from the file's extension. GitHub stores it
/// and serves downloads with it, so a `.tar.gz` must not go out as text.
public enum ContentType {
    public static func forFile(named name: String) -> String {
        let lower = name.lowercased()
        for (suffix, type) in compound where lower.hasSuffix(suffix) { return type }
        let ext = lower.split(separator: ".").count > 1 ? String(lower.split(separator: ".").last!) : ""
        return single[ext] ?? "application/octet-stream"
    }

    private static let compound: [(String, String)] = [
        (".tar.gz", "application/gzip"), (".tar.xz", "application/x-xz"), (".tar.bz2", "application/x-bzip2"),
        (".tar.zst", "application/zstd"),
    ]

    private static let single: [String: String] = [
        "gz": "application/gzip", "tgz": "application/gzip", "zip": "application/zip", "xz": "application/x-xz",
        "bz2": "application/x-bzip2", "zst": "application/zstd", "tar": "application/x-tar", "7z": "application/x-7z-compressed",
        "deb": "application/vnd.debian.binary-package", "rpm": "application/x-rpm", "apk": "application/vnd.android.package-archive",
        "dmg": "application/x-apple-diskimage", "pkg": "application/octet-stream", "msi": "application/x-msi",
        "exe": "application/vnd.microsoft.portable-executable", "jar": "application/java-archive",
        "whl": "application/zip", "json": "application/json", "txt": "text/plain", "md": "text/markdown",
        "sha256": "text/plain", "sha512": "text/plain", "sig": "application/pgp-signature", "asc": "application/pgp-signature",
        "pem": "application/x-pem-file", "sbom": "application/json", "yaml": "application/yaml", "yml": "application/yaml",
        "html": "text/html", "pdf": "application/pdf", "png": "image/png", "svg": "image/svg+xml", "wasm": "application/wasm",
        "appimage": "application/vnd.appimage", "nupkg": "application/zip", "crate": "application/gzip",
    ]
}
