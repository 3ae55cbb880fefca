/// One account the event can be attributed to, with where that claim came from.
///
/// The guard collects every identity it can find (the `GITHUB_ACTOR` and
/// `GITHUB_TRIGGERING_ACTOR` values, the payload's `sender`, and for `workflow_run`
/// the run's `actor` and `triggering_actor`) because a loop can hide behind any of
/// them: a re-run changes the triggering actor, and a `workflow_run` event is sent by
/// whoever finished the upstream run while the upstream run's actor is the bot.
public struct GuardIdentity: Sendable, Equatable {
    /// Where the identity was read from; the raw value is the phrase used in `detail`.
    public enum Source: String, Sendable, Equatable, CaseIterable {
        case actor = "actor"
        case triggeringActor = "triggering actor"
        case sender = "payload sender"
        case workflowRunActor = "workflow_run actor"
        case workflowRunTriggeringActor = "workflow_run triggering actor"
    }

    /// The login of the GitHub Actions bot (the identity behind `GITHUB_TOKEN`).
    public static let gitHubActionsBotLogin = "github-actions[bot]"
    /// The user id of the GitHub Actions bot on github.com (GHES uses another id; the
    /// login still matches there).
    public static let gitHubActionsBotID = 41898282

    public let source: Source
    /// The login, or `nil` when only an id was available.
    public let login: String?
    /// The numeric user id; only payloads carry one, the environment does not.
    public let id: Int?

    /// Returns `nil` when there is nothing to identify (no login, no id), so callers can
    /// pass empty environment values straight through.
    public init?(source: Source, login: String?, id: Int? = nil) {
        let login = login.flatMap { $0.isEmpty ? nil : $0 }
        guard login != nil || id != nil else { return nil }
        self.source = source
        self.login = login
        self.id = id
    }

    /// True for login `github-actions[bot]` (case-insensitive, as logins are) or user id 41898282.
    public var isGitHubActionsBot: Bool {
        id == Self.gitHubActionsBotID
            || login?.lowercased() == Self.gitHubActionsBotLogin
    }

    /// True for any GitHub App bot account: GitHub gives them logins ending in `[bot]`.
    public var isBot: Bool {
        isGitHubActionsBot || (login?.lowercased().hasSuffix("[bot]") ?? false)
    }

    /// Whether this identity is named in `logins`, compared case-insensitively. The
    /// GitHub Actions bot also answers to its login when the payload gave only its id,
    /// so `allowActors: ["github-actions[bot]"]` covers an id-only `sender` too.
    func isNamed(in logins: [String]) -> Bool {
        var names: Set<String> = []
        if let login { names.insert(login.lowercased()) }
        if isGitHubActionsBot { names.insert(Self.gitHubActionsBotLogin) }
        return logins.contains { names.contains($0.lowercased()) }
    }

    /// How `detail` names this identity: `actor "octocat"`, `payload sender (id 41898282)`.
    var phrase: String {
        var text = source.rawValue
        if let login { text += " " + GuardDetailText.quoted(login) }
        if let id, login == nil || (isGitHubActionsBot && login?.lowercased() != Self.gitHubActionsBotLogin) {
            text += " (id \(id))"
        }
        return text
    }
}
