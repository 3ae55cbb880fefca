/// The service a release is published on. create-release and verify-artifacts speak
/// its API; everything else ReleaseKit does is the same on each.
///
/// Chosen by `--forge`, else `.releasekit.yml` `forge`, else the CI environment
/// (see `ForgeDetection` in the runtime), else GitHub.
public enum ForgeKind: String, Sendable, CaseIterable, Equatable {
    case github
    case gitlab
    case gitea
    /// Gitea's fork: the same API, so the same client under its own name (and token).
    case forgejo

    /// The name messages use.
    public var displayName: String {
        switch self {
        case .github: "GitHub"
        case .gitlab: "GitLab"
        case .gitea: "Gitea"
        case .forgejo: "Forgejo"
        }
    }

    /// The environment variables a token is read from, in order, after any
    /// `--token-env`. Gitea and Forgejo runners hand a job its token as
    /// `GITHUB_TOKEN` too, so that comes last for them; each reads its own name
    /// first, then its sibling's (one API, one kind of token).
    public var tokenVariables: [String] {
        switch self {
        case .github: ["GITHUB_TOKEN", "GH_TOKEN"]
        case .gitlab: ["GITLAB_TOKEN", "CI_JOB_TOKEN"]
        case .gitea: ["GITEA_TOKEN", "FORGEJO_TOKEN", "GITHUB_TOKEN"]
        case .forgejo: ["FORGEJO_TOKEN", "GITEA_TOKEN", "GITHUB_TOKEN"]
        }
    }

    /// What the forge's releases can do, which the plan and the settings check read.
    public var capabilities: ForgeCapabilities {
        switch self {
        case .github:
            ForgeCapabilities(hasDrafts: true, hasAssetDigests: true, hasImmutableReleases: true,
                              generatesNotes: true, hasDiscussions: true, hasLatestChoice: true)
        case .gitlab:
            ForgeCapabilities(hasDrafts: false, hasAssetDigests: true, hasImmutableReleases: false,
                              generatesNotes: false, hasDiscussions: false, hasLatestChoice: false)
        case .gitea, .forgejo:
            ForgeCapabilities(hasDrafts: true, hasAssetDigests: false, hasImmutableReleases: false,
                              generatesNotes: false, hasDiscussions: false, hasLatestChoice: false, hasUniqueAssetNames: false)
        }
    }

    /// The accepted values, for messages: `github, gitlab, gitea or forgejo`.
    public static var choices: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
