import Foundation

/// The guard's configuration and its decision: may this CI run proceed to release?
///
/// Release automation that commits and tags can trigger itself forever. The policy
/// turns the usual hand-written `if:` conditions into ordered rules; the first rule
/// that matches decides and is named in the decision:
///
/// 1. Actor guard — the GitHub Actions bot (login `github-actions[bot]` or user id
///    41898282) as any identity of the event (`GuardEvent.identities`) → `bot-actor`;
///    a `denyActors` login → `denied-actor`; with `denyBots`, any `*[bot]` login →
///    `bot-actor`. A login named in `allowActors` is never denied.
/// 2. Commit-message guard — the head commit's subject matches `releaseCommitPattern`
///    → `release-commit`; the message carries a `CommitSkipMarker` → `skip-marker` (unless
///    `skipMarkers` is off).
/// 3. workflow_run guard — a `workflow_run` whose conclusion is not `success` →
///    `run-not-successful` (with `requireSuccess`, also `check_suite`/`check_run`);
///    with `branches`, a `workflow_run` whose `head_branch` is not listed →
///    `branch-not-allowed`.
/// 4. Event allowlist — with `events`, any other event → `event-not-allowed`.
/// 5. Otherwise → `ok`.
public struct GuardPolicy: Sendable, Equatable {
    /// `release(<pkg>): <version>` and `release: <version>`, the subjects ReleaseKit's own
    /// release commits use.
    public static let defaultReleaseCommitPattern = #"^release(\([^)]+\))?: "#

    /// Logins to deny (case-insensitive, as GitHub logins are).
    public let denyActors: [String]
    /// Logins never denied by the actor guard, even the GitHub Actions bot when named.
    public let allowActors: [String]
    /// Deny every `*[bot]` login, not only the GitHub Actions bot.
    public let denyBots: Bool
    /// Matched against the head commit's subject (first line) with ICU regular
    /// expression syntax (`NSRegularExpression`); `nil` turns the check off.
    public let releaseCommitPattern: String?
    /// Honour GitHub's skip markers (`[skip ci]`, ..., `skip-checks: true`).
    public let skipMarkers: Bool
    /// For `workflow_run`: the allowed `head_branch` values (exact, case-sensitive, as
    /// Git refs are); empty allows every branch.
    public let branches: [String]
    /// Also require `success` from `check_suite`/`check_run` payloads.
    public let requireSuccess: Bool
    /// The allowed event names (exact); empty allows every event.
    public let events: [String]

    private let releaseCommitRegex: NSRegularExpression?

    /// - Throws: `InputError` when `releaseCommitPattern` is not a valid regular
    ///   expression or is empty (an empty pattern matches every commit, which would skip
    ///   every run: pass `nil` to turn the check off instead), or when a list holds an
    ///   empty entry.
    public init(
        denyActors: [String] = [],
        allowActors: [String] = [],
        denyBots: Bool = false,
        releaseCommitPattern: String? = GuardPolicy.defaultReleaseCommitPattern,
        skipMarkers: Bool = true,
        branches: [String] = [],
        requireSuccess: Bool = false,
        events: [String] = []
    ) throws {
        for (input, values) in [
            ("deny actor", denyActors), ("allow actor", allowActors),
            ("branch", branches), ("event", events),
        ] where values.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw InputError("\(input) is empty; expected a non-empty name")
        }
        if let pattern = releaseCommitPattern {
            guard !pattern.isEmpty else {
                throw InputError(
                    "release commit pattern is empty; expected a regular expression such as \(Self.defaultReleaseCommitPattern)")
            }
            do {
                releaseCommitRegex = try NSRegularExpression(pattern: pattern)
            } catch {
                throw InputError(
                    "release commit pattern \(GuardDetailText.quoted(pattern, limit: 200)) is not a valid regular expression; expected ICU regex syntax such as \(Self.defaultReleaseCommitPattern)")
            }
        } else {
            releaseCommitRegex = nil
        }
        self.denyActors = denyActors
        self.allowActors = allowActors
        self.denyBots = denyBots
        self.releaseCommitPattern = releaseCommitPattern
        self.skipMarkers = skipMarkers
        self.branches = branches
        self.requireSuccess = requireSuccess
        self.events = events
    }

    public static func == (lhs: GuardPolicy, rhs: GuardPolicy) -> Bool {
        lhs.denyActors == rhs.denyActors && lhs.allowActors == rhs.allowActors
            && lhs.denyBots == rhs.denyBots && lhs.releaseCommitPattern == rhs.releaseCommitPattern
            && lhs.skipMarkers == rhs.skipMarkers && lhs.branches == rhs.branches
            && lhs.requireSuccess == rhs.requireSuccess && lhs.events == rhs.events
    }

    // MARK: - Payload requirement

    /// Whether the rules need the event payload for `eventName`, so the tool can fail
    /// (exit 2) when it is missing instead of deciding without evidence, and need not
    /// fail when the rules would not read it.
    ///
    /// - `workflow_run`: always (the conclusion check is always on, and `head-sha` must
    ///   come from the payload).
    /// - `push`: when the commit-message guard is on (a release pattern or skip markers).
    /// - `check_suite`/`check_run`: with `requireSuccess`.
    /// - Anything else: no. The actor guard's primary evidence is `GITHUB_ACTOR` and
    ///   `GITHUB_TRIGGERING_ACTOR`; the payload's `sender` only adds to it.
    public func requiresPayload(for eventName: String) -> Bool {
        switch eventName {
        case GuardEvent.Name.workflowRun: true
        case GuardEvent.Name.push: releaseCommitRegex != nil || skipMarkers
        case GuardEvent.Name.checkSuite, GuardEvent.Name.checkRun: requireSuccess
        default: false
        }
    }

    // MARK: - Evaluation

    /// Applies the rules in order; the first that matches decides.
    public func evaluate(_ event: GuardEvent) -> GuardDecision {
        if let decision = actorRule(event) { return decision }
        if let decision = commitMessageRule(event) { return decision }
        if let decision = workflowRunRule(event) { return decision }
        if let decision = eventAllowlistRule(event) { return decision }
        var detail = "no rule matched for event \(GuardDetailText.quoted(event.name))"
        if let actor = event.actorLogin { detail += " by \(GuardDetailText.quoted(actor))" }
        return .run(detail + ", so the run may proceed")
    }

    /// Rule 1. The GitHub Actions bot is checked across all identities first (it is the
    /// loop signal), then the deny list, then `denyBots`, so the reason is the most
    /// specific one whichever identity carried it.
    private func actorRule(_ event: GuardEvent) -> GuardDecision? {
        let candidates = event.identities.filter { !$0.isNamed(in: allowActors) }
        if let bot = candidates.first(where: \.isGitHubActionsBot) {
            return .skip(.botActor, "\(bot.phrase) is the GitHub Actions bot")
        }
        if let denied = candidates.first(where: { $0.isNamed(in: denyActors) }) {
            return .skip(.deniedActor, "\(denied.phrase) is on the deny list")
        }
        if denyBots, let bot = candidates.first(where: \.isBot) {
            return .skip(.botActor, "\(bot.phrase) is a bot and bots are denied")
        }
        return nil
    }

    /// Rule 2. The release pattern is matched against the subject (the first line), which
    /// is what release-commit conventions describe and why the default is anchored with
    /// `^`; skip markers are looked for in the whole message, as GitHub does.
    private func commitMessageRule(_ event: GuardEvent) -> GuardDecision? {
        guard let commit = event.headCommit else { return nil }
        let subject = Self.subject(of: commit.text)
        if let regex = releaseCommitRegex, let pattern = releaseCommitPattern,
           regex.firstMatch(in: subject, range: NSRange(subject.startIndex..., in: subject)) != nil {
            return .skip(
                .releaseCommit,
                "head commit subject \(GuardDetailText.quoted(subject)) (\(commit.field)) matches the release-commit pattern \(GuardDetailText.quoted(pattern))")
        }
        if skipMarkers, let marker = CommitSkipMarker.find(in: commit.text) {
            let form = marker.hasPrefix("[") ? "skip marker" : "trailer"
            return .skip(
                .skipMarker,
                "head commit message (\(commit.field)) carries the \(form) \(GuardDetailText.quoted(marker))")
        }
        return nil
    }

    /// Rule 3.
    private func workflowRunRule(_ event: GuardEvent) -> GuardDecision? {
        if event.name == GuardEvent.Name.workflowRun {
            guard let run = event.workflowRun else {
                // Only reachable when the caller skipped `requiresPayload(for:)`: without the
                // payload the conclusion is unknown, and unknown is not success.
                return .skip(.runNotSuccessful, "workflow_run has no payload, so its conclusion is unknown, not \"success\"")
            }
            if run.conclusion != "success" {
                return .skip(.runNotSuccessful, Self.notSuccessful("workflow_run", run.conclusion, status: run.status))
            }
            if !branches.isEmpty {
                guard let branch = run.headBranch else {
                    return .skip(
                        .branchNotAllowed,
                        "workflow_run has no head_branch, and the allowed branches are \(GuardDetailText.list(branches))")
                }
                if !branches.contains(branch) {
                    return .skip(
                        .branchNotAllowed,
                        "workflow_run head_branch \(GuardDetailText.quoted(branch)) is not one of the allowed branches \(GuardDetailText.list(branches))")
                }
            }
            return nil
        }
        if requireSuccess,
           event.name == GuardEvent.Name.checkSuite || event.name == GuardEvent.Name.checkRun {
            guard let check = event.check else {
                return .skip(.runNotSuccessful, "\(event.name) has no payload, so its conclusion is unknown, not \"success\"")
            }
            if check.conclusion != "success" {
                return .skip(.runNotSuccessful, Self.notSuccessful(check.object, check.conclusion, status: nil))
            }
        }
        return nil
    }

    /// Rule 4.
    private func eventAllowlistRule(_ event: GuardEvent) -> GuardDecision? {
        guard !events.isEmpty, !events.contains(event.name) else { return nil }
        return .skip(
            .eventNotAllowed,
            "event \(GuardDetailText.quoted(event.name)) is not one of the allowed events \(GuardDetailText.list(events))")
    }

    private static func notSuccessful(_ object: String, _ conclusion: String?, status: String?) -> String {
        guard let conclusion else {
            let state = status.map { " (status \(GuardDetailText.quoted($0)))" } ?? ""
            return "\(object) has no conclusion yet\(state), not \"success\""
        }
        return "\(object) conclusion is \(GuardDetailText.quoted(conclusion)), not \"success\""
    }

    /// The first line of a commit message. Splits on any line break: Swift treats CRLF as
    /// one `Character`, so splitting on "\n" alone would miss it.
    static func subject(of message: String) -> String {
        String(message.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline).first ?? "")
    }
}
