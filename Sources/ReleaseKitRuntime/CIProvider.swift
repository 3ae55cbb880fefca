/// The CI system a tool is running under, detected from the variables each one sets.
public enum CIProvider: String, Sendable, CaseIterable {
    case githubActions = "github-actions"
    case forgejoActions = "forgejo-actions"
    case giteaActions = "gitea-actions"
    case gitlab = "gitlab-ci"
    case buildkite
    case circleci
    case jenkins
    /// A plain shell: a laptop, or a CI system we do not know.
    case local

    /// Detects the provider. Forgejo and Gitea set `GITHUB_ACTIONS` too, so they are
    /// checked first; they speak the same workflow-command protocol as GitHub.
    public static func detect(in environment: [String: String]) -> CIProvider {
        func isSet(_ name: String) -> Bool {
            guard let value = environment[name] else { return false }
            return !value.isEmpty && value.lowercased() != "false"
        }
        if isSet("GITHUB_ACTIONS") {
            if isSet("FORGEJO_ACTIONS") { return .forgejoActions }
            if isSet("GITEA_ACTIONS") { return .giteaActions }
            return .githubActions
        }
        if isSet("GITLAB_CI") { return .gitlab }
        if isSet("BUILDKITE") { return .buildkite }
        if isSet("CIRCLECI") { return .circleci }
        if isSet("JENKINS_URL") { return .jenkins }
        return .local
    }

    /// Whether the provider reads `::command::` lines from the step's output.
    public var speaksWorkflowCommands: Bool {
        switch self {
        case .githubActions, .forgejoActions, .giteaActions: true
        default: false
        }
    }
}
