import ReleaseKitCore

extension CIEnvironment {
    /// The forge the job runs on when neither `--forge` nor `.releasekit.yml` names one.
    /// A runner counts only with the variables the tools then need, so a stray
    /// `GITLAB_CI=true` in a shell does not redirect a GitHub release:
    /// - GitLab CI: `GITLAB_CI` with `CI_API_V4_URL`, `CI_PROJECT_ID` and `CI_PROJECT_PATH`;
    /// - Forgejo / Gitea Actions: `FORGEJO_ACTIONS` / `GITEA_ACTIONS` with
    ///   `GITHUB_SERVER_URL` and `GITHUB_REPOSITORY`, which their runners set;
    /// - otherwise GitHub.
    public var detectedForge: ForgeKind {
        func isSet(_ name: String) -> Bool {
            guard let value = value(name) else { return false }
            return value.lowercased() != "false"
        }
        if isSet("GITLAB_CI"), value("CI_API_V4_URL") != nil, value("CI_PROJECT_ID") != nil, value("CI_PROJECT_PATH") != nil {
            return .gitlab
        }
        let actionsRepository = value("GITHUB_SERVER_URL") != nil && value("GITHUB_REPOSITORY") != nil
        if isSet("FORGEJO_ACTIONS") && actionsRepository { return .forgejo }
        if isSet("GITEA_ACTIONS") && actionsRepository { return .gitea }
        return .github
    }
}
