import ReleaseKitCore

/// Finds and reads the shared `.releasekit.yml`, the same way for every tool: the
/// file `--config` names (which must exist), else `.releasekit.yml` at the repository
/// root when there is one, else the defaults.
public enum ConfigurationFile {
    public static func load(explicit: String?, root: String, context: ToolContext) throws -> ReleaseKitConfig {
        let path: String
        if let explicit {
            path = context.path(explicit)
            guard context.fileSystem.exists(path) else {
                throw InputError("--config \(quotedInput(explicit)): no such file; expected a .releasekit.yml")
            }
        } else {
            path = PathResolver.normalize(root + "/" + ReleaseKitConfig.fileName)
            guard context.fileSystem.exists(path) else { return ReleaseKitConfig() }
        }
        let data = try context.fileSystem.read(path)
        context.log.debug("configuration from \(path)")
        let shown = path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
        return try ReleaseKitConfig.parse(String(decoding: data, as: UTF8.self), file: shown)
    }
}
