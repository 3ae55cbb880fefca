/// Builds the download URL of a release asset for `{url:PATTERN}`.
///
/// The default is GitHub's: `SERVER/OWNER/REPO/releases/download/TAG/NAME`. A
/// `--base-url` holding `{name}` is a full template (`{tag}`, `{version}` also filled);
/// otherwise the name is appended after a `/`. The name is the file's base name
/// (release assets are flat), percent-encoded; the tag keeps its `/`.
public struct DownloadURL: Sendable, Equatable {
    public var template: String

    public init(baseURL: String?, serverURL: String?, repository: String?) throws {
        if let baseURL {
            guard !baseURL.isEmpty else { throw InputError("--base-url needs a URL; got an empty value") }
            template = baseURL
            return
        }
        guard let repository, !repository.isEmpty else {
            throw InputError("{url:…} needs the repository for the GitHub download URL, but GITHUB_REPOSITORY is not set; set it (owner/name) or pass --base-url")
        }
        var server = serverURL.flatMap { $0.isEmpty ? nil : $0 } ?? "https://github.com"
        while server.hasSuffix("/") { server.removeLast() }
        template = "\(server)/\(repository)/releases/download/{tag}/{name}"
    }

    /// Whether building a URL needs the tag (and the version).
    public var usesTag: Bool { template.contains("{tag}") }
    public var usesVersion: Bool { template.contains("{version}") }

    public func url(for name: String, values: PlaceholderValues) throws -> String {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let encodedName = Self.percentEncode(base, keeping: "")
        guard template.contains("{name}") else {
            return (template.hasSuffix("/") ? template : template + "/") + encodedName
        }
        var result = template.replacingAll("{name}", with: encodedName)
        if usesTag {
            result = result.replacingAll("{tag}", with: Self.percentEncode(try values.require("tag", in: "the download URL"), keeping: "/"))
        }
        if usesVersion {
            result = result.replacingAll("{version}", with: Self.percentEncode(try values.require("version", in: "the download URL"), keeping: ""))
        }
        return result
    }

    /// RFC 3986 unreserved characters, `@`, `+` and `keeping` stay; the rest is %XX.
    static func percentEncode(_ text: String, keeping: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "-._~@+".unicodeScalars.contains(scalar) || keeping.unicodeScalars.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                let digits = Array("0123456789ABCDEF")
                result += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
            }
        }
        return result
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
