import Foundation
import GitHubAPI
import ReleaseKitCore
import ReleaseKitRuntime

/// Turns `--asset PATH[#LABEL]` values (paths or globs) into files to upload, and
/// refuses, before anything is sent, two files that GitHub would store under the
/// same name.
public enum AssetArguments {
    public static func resolve(_ values: [String], in context: ToolContext) throws -> [LocalAsset] {
        var assets: [LocalAsset] = []
        var seen: [String: String] = [:]
        for value in values {
            let (pattern, label) = split(value, in: context)
            let paths = try expand(pattern, in: context)
            for path in paths {
                guard let status = context.fileSystem.status(of: path) else {
                    throw InputError("--asset \(value): cannot read \(path)")
                }
                guard status.isRegularFile else {
                    throw InputError("--asset \(value): \(path) is not a regular file; expected files (use a glob such as dist/* for a directory's files)")
                }
                let base = URL(fileURLWithPath: path).lastPathComponent
                let name = AssetName.sanitized(base)
                do {
                    guard try CreateReleaseAssetNames.admit(.init(path: path, name: name), seen: &seen) else { continue }
                } catch {
                    throw InputError("--asset: \(error.first) and \(error.second) would both be stored as \"\(error.name)\" (GitHub turns characters outside A-Z a-z 0-9 . _ + @ - into .); rename one so every asset name is unique")
                }
                assets.append(LocalAsset(path: path, name: name, label: label, size: Int64(status.size), modified: status.modified,
                                         contentType: ContentType.forFile(named: base)))
            }
        }
        return assets
    }

    /// `PATH#LABEL`: a value naming an existing file is a path even when it holds `#`;
    /// otherwise the text after the first `#` is the label.
    static func split(_ value: String, in context: ToolContext) -> (String, String?) {
        if context.fileSystem.exists(context.path(value)) { return (value, nil) }
        guard let hash = value.firstIndex(of: "#") else { return (value, nil) }
        let label = String(value[value.index(after: hash)...])
        return (String(value[..<hash]), label.isEmpty ? nil : label)
    }

    static func expand(_ pattern: String, in context: ToolContext) throws -> [String] {
        let absolute = context.path(pattern)
        guard pattern.contains(where: { "*?[".contains($0) }) else {
            guard context.fileSystem.exists(absolute) else {
                throw InputError("--asset \(pattern): no such file (looked at \(absolute)); expected a file or a glob of files")
            }
            return [absolute]
        }
        let paths = context.fileSystem.glob(absolute)
        guard !paths.isEmpty else {
            throw InputError("--asset \(pattern): the pattern matched no file (looked in \(context.workingDirectory)); check the path and that the build step produced the files")
        }
        return paths
    }
}
