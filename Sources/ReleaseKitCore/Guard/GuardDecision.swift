/// The stable machine word for a guard decision, written to the `reason` output.
///
/// Workflows branch on these strings, so the raw values are part of the public contract
/// and must never change.
public enum GuardReason: String, Sendable, Equatable, CaseIterable {
    case ok = "ok"
    case botActor = "bot-actor"
    case deniedActor = "denied-actor"
    case releaseCommit = "release-commit"
    case skipMarker = "skip-marker"
    case runNotSuccessful = "run-not-successful"
    case branchNotAllowed = "branch-not-allowed"
    case eventNotAllowed = "event-not-allowed"

    /// The rule that produces this reason.
    public var rule: GuardRule {
        switch self {
        case .botActor, .deniedActor: .actor
        case .releaseCommit, .skipMarker: .commitMessage
        case .runNotSuccessful, .branchNotAllowed: .workflowRun
        case .eventNotAllowed: .eventAllowlist
        case .ok: .noneMatched
        }
    }
}

/// The guard's rules, in the order they are applied (the first that matches decides).
public enum GuardRule: Int, Sendable, Equatable, CaseIterable, Comparable {
    case actor = 1
    case commitMessage = 2
    case workflowRun = 3
    case eventAllowlist = 4
    /// No rule matched: the run may proceed.
    case noneMatched = 5

    /// How `detail` and the step summary name the rule.
    public var title: String {
        switch self {
        case .actor: "actor guard"
        case .commitMessage: "commit-message guard"
        case .workflowRun: "workflow_run guard"
        case .eventAllowlist: "event allowlist"
        case .noneMatched: "no rule matched"
        }
    }

    public static func < (lhs: GuardRule, rhs: GuardRule) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What the guard decided and why, ready to be reported.
public struct GuardDecision: Sendable, Equatable {
    /// The `should-run` output.
    public let shouldRun: Bool
    /// The `reason` output.
    public let reason: GuardReason
    /// The `detail` output: one line naming the rule and the value that decided. It may
    /// contain untrusted text (commit subjects, branch names) already made single-line and
    /// truncated; the caller still escapes it for each place it is written.
    public let detail: String

    /// The rule that decided.
    public var rule: GuardRule { reason.rule }

    /// A decision to run: `reason` is `.ok`.
    static func run(_ detail: String) -> GuardDecision {
        GuardDecision(shouldRun: true, reason: .ok, detail: detail)
    }

    /// A decision to skip for `reason` (never `.ok`); the rule title is appended to `detail`.
    static func skip(_ reason: GuardReason, _ detail: String) -> GuardDecision {
        assert(reason != .ok, "a skip needs a reason other than ok")
        return GuardDecision(shouldRun: false, reason: reason, detail: "\(detail) (\(reason.rule.title))")
    }

    private init(shouldRun: Bool, reason: GuardReason, detail: String) {
        self.shouldRun = shouldRun
        self.reason = reason
        self.detail = detail
    }
}
