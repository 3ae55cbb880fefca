import ArgumentParser
import ReleaseKitCore
import ReleaseKitRuntime

/// Which forge create-release and verify-artifacts talk to, decided in one place for
/// both: `--forge`, else `.releasekit.yml` `forge`, else the CI environment
/// (`CIEnvironment.detectedForge`), which is GitHub unless a GitLab, Gitea or Forgejo
/// runner says otherwise.
enum ForgeSelection {
    static func resolve(flag: ForgeKind?, in context: ToolContext) async throws -> (forge: ForgeKind, origin: String) {
        if let flag { return (flag, "--forge") }
        let root = await context.repository()?.path ?? context.workingDirectory
        if let configured = try ConfigurationFile.load(explicit: nil, root: root, context: context).forge {
            return (configured, "forge in \(ReleaseKitConfig.fileName)")
        }
        let detected = context.ci.detectedForge
        return (detected, detected == .github ? "the default" : "the CI environment")
    }
}

extension ForgeKind: ExpressibleByArgument {}
