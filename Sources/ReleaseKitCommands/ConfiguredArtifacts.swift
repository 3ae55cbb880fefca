import ReleaseKitCore
import ReleaseKitRuntime

/// The expected files `.releasekit.yml` names: the `artifacts` of the package named by
/// the component (given, or the tag's), else the top-level `artifacts`. verify-artifacts
/// reads them for `--expect`, create-release for `--expect-asset`: one rule for both.
enum ConfiguredArtifacts {
    /// The patterns and the key they came from, or nil when the file names none.
    static func patterns(values: PlaceholderValues, in context: ToolContext) async throws -> (patterns: [String], key: String)? {
        let root = await context.repository()?.path ?? context.workingDirectory
        let config = try ConfigurationFile.load(explicit: nil, root: root, context: context)
        if config.packages.contains(where: { $0.artifacts != nil }) {
            var component = values.component
            if component == nil { component = (try? await PlaceholderLookup.complete(values, needing: ["component"], in: context))?.component }
            if let component, let index = config.packages.firstIndex(where: { $0.name == component }),
               let patterns = config.packages[index].artifacts {
                context.log.debug("expected files: package \(config.packages[index].name)'s artifacts in \(ReleaseKitConfig.fileName)")
                return (patterns, "packages[\(index)].artifacts")
            }
        }
        if let patterns = config.artifacts {
            context.log.debug("expected files: artifacts in \(ReleaseKitConfig.fileName)")
            return (patterns, "artifacts")
        }
        return nil
    }
}
