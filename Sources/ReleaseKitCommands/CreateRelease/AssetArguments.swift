import Foundation
import GitHubAPI
import ReleaseKitCore
import ReleaseKitRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
                var info = stat()
                guard stat(path, &info) == 0 else { throw InputError("--asset \(value): cannot read \(path)") }
                guard (info.st_mode & S_IFMT) == S_IFREG else {
                    throw InputError("--asset \(value): \(path) is not a regular file; expected files (use a glob such as dist/* for a directory's files)")
                }
                let base = URL(fileURLWithPath: path).lastPathComponent
                let name = AssetName.sanitized(base)
                do {
                    guard try CreateReleaseAssetNames.admit(.init(path: path, name: name), seen: &seen) else { continue }
                } catch {
                    throw InputError("--asset: \(error.first) and \(error.second) would both be stored as \"\(error.name)\" (GitHub turns characters outside A-Z a-z 0-9 . _ + @ - into .); rename one so every asset name is unique")
                }
                #if canImport(Darwin)
                let modified = Date(timeIntervalSince1970: Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9)
                #else
                let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
                #endif
                assets.append(LocalAsset(path: path, name: name, label: label, size: Int64(info.st_size), modified: modified,
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
        var result = glob_t()
        defer { globfree(&result) }
        let status = glob(absolute, 0, nil, &result)
        guard status == 0 else {
            throw InputError("--asset \(pattern): the pattern matched no file (looked in \(context.workingDirectory)); check the path and that the build step produced the files")
        }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let pointer = result.gl_pathv[index] { paths.append(String(cString: pointer)) }
        }
        return paths.sorted()
    }
}
