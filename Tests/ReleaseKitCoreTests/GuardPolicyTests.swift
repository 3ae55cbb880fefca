import Foundation
import Testing
@testable import ReleaseKitCore

/// The guard rules one by one on real payload shapes (and edited copies), then their order.
@Suite struct GuardPolicyTests {
    static let bot = "github-actions[bot]"

    func decide(
        _ policy: GuardPolicy = try! GuardPolicy(), name: String, payload: JSONValue?,
        actor: String? = "octocat", triggeringActor: String? = nil
    ) throws -> GuardDecision {
        let event = try GuardEvent(name: name, payload: payload, actor: actor, triggeringActor: triggeringActor)
        return policy.evaluate(event)
    }

    // MARK: 5. default: run

    @Test(arguments: [
        ("push", "push.with-new-branch.json"),
        ("push", "push.json"),  // tag deletion: no head commit, nothing to match
        ("workflow_run", "workflow_run.completed.json"),
        ("release", "release.published.json"),
        ("workflow_dispatch", "workflow_dispatch.json"),
        ("create", "create.json"),
    ])
    func realPayloadsFromHumansRun(name: String, fixture: String) throws {
        let decision = try decide(name: name, payload: GuardFixtures.payload(fixture))
        #expect(decision.shouldRun)
        #expect(decision.reason == .ok)
        #expect(decision.rule == .noneMatched)
    }

    @Test func okDetailNamesEventAndActor() throws {
        let decision = try decide(name: "release", payload: GuardFixtures.payload("release.published.json"))
        #expect(decision.detail == #"no rule matched for event "release" by "octocat", so the run may proceed"#)
    }

    // MARK: 1. actor guard

    @Test func botActorDetail() throws {
        let decision = try decide(name: "push", payload: GuardFixtures.payload("push.with-new-branch.json"), actor: Self.bot)
        #expect(!decision.shouldRun)
        #expect(decision.reason == .botActor)
        #expect(decision.rule == .actor)
        #expect(decision.detail == #"actor "github-actions[bot]" is the GitHub Actions bot (actor guard)"#)
    }

    /// The bot behind any identity the event carries skips the run.
    static let botIdentities: [(String, String, String?, String?, @Sendable () throws -> JSONValue)] = [
        ("triggering actor (re-run)", "push", "octocat", bot,
         { try GuardFixtures.payload("push.with-new-branch.json") }),
        ("login differs in case", "push", "GitHub-Actions[Bot]", nil,
         { try GuardFixtures.payload("push.with-new-branch.json") }),
        ("payload sender login", "release", nil, nil,
         { try GuardFixtures.payload("release.published.json").setting("sender.login", to: .string(bot)) }),
        ("payload sender id only", "release", nil, nil,
         { try GuardFixtures.payload("release.published.json")
             .setting("sender.login", to: nil).setting("sender.id", to: .number(41898282)) }),
        ("workflow_run actor", "workflow_run", "octocat", nil,
         { try GuardFixtures.workflowRun(conclusion: "success", actor: bot, actorID: 41898282) }),
        ("workflow_run triggering actor id", "workflow_run", "octocat", nil,
         { try GuardFixtures.payload("workflow_run.completed.json")
             .setting("workflow_run.triggering_actor.id", to: .number(41898282)) }),
    ]

    @Test(arguments: botIdentities.indices)
    func botAsAnyIdentitySkips(index: Int) throws {
        let (label, name, actor, triggering, payload) = Self.botIdentities[index]
        let decision = try decide(name: name, payload: payload(), actor: actor, triggeringActor: triggering)
        #expect(decision.reason == .botActor, "\(label)")
        #expect(!decision.shouldRun, "\(label)")
    }

    @Test func idOnlySenderDetailShowsID() throws {
        let payload = try GuardFixtures.payload("release.published.json")
            .setting("sender.login", to: nil).setting("sender.id", to: .number(41898282))
        let decision = try decide(name: "release", payload: payload, actor: nil)
        #expect(decision.detail == "payload sender (id 41898282) is the GitHub Actions bot (actor guard)")
    }

    @Test(arguments: ["Renovate-Bot", "renovate-bot", "RENOVATE-BOT"])
    func deniedActorIsCaseInsensitive(actor: String) throws {
        let policy = try GuardPolicy(denyActors: ["renovate-bot"])
        let decision = try decide(policy, name: "push", payload: GuardFixtures.payload("push.with-new-branch.json"), actor: actor)
        #expect(decision.reason == .deniedActor)
        #expect(decision.detail == "actor \"\(actor)\" is on the deny list (actor guard)")
    }

    @Test func deniedActorFoundInPayloadSender() throws {
        let policy = try GuardPolicy(denyActors: ["codertocat"])
        let decision = try decide(policy, name: "release", payload: GuardFixtures.payload("release.published.json"), actor: nil)
        #expect(decision.reason == .deniedActor)
        #expect(decision.detail == #"payload sender "Codertocat" is on the deny list (actor guard)"#)
    }

    @Test func otherBotsRunUnlessDenyBots() throws {
        let payload = try GuardFixtures.payload("push.with-new-branch.json")
        #expect(try decide(name: "push", payload: payload, actor: "dependabot[bot]").reason == .ok)
        let decision = try decide(try GuardPolicy(denyBots: true), name: "push", payload: payload, actor: "dependabot[bot]")
        #expect(decision.reason == .botActor)
        #expect(decision.detail == #"actor "dependabot[bot]" is a bot and bots are denied (actor guard)"#)
        // A human is still fine with denyBots.
        #expect(try decide(try GuardPolicy(denyBots: true), name: "push", payload: payload).reason == .ok)
    }

    @Test func explicitDenyWinsOverDenyBotsForTheReason() throws {
        let policy = try GuardPolicy(denyActors: ["dependabot[bot]"], denyBots: true)
        let decision = try decide(policy, name: "push", payload: GuardFixtures.payload("push.with-new-branch.json"),
                                  actor: "dependabot[bot]")
        #expect(decision.reason == .deniedActor)
    }

    @Test func allowActorsOverridesTheActionsBot() throws {
        let policy = try GuardPolicy(allowActors: ["GITHUB-ACTIONS[BOT]"])
        let decision = try decide(policy, name: "push", payload: GuardFixtures.payload("push.with-new-branch.json"), actor: Self.bot)
        #expect(decision.reason == .ok)
        // ... including when the payload names the bot by id only.
        let idOnly = try GuardFixtures.payload("release.published.json")
            .setting("sender.login", to: nil).setting("sender.id", to: .number(41898282))
        #expect(try decide(policy, name: "release", payload: idOnly, actor: nil).reason == .ok)
    }

    @Test func allowActorsOverridesDenyAndDenyBots() throws {
        let payload = try GuardFixtures.payload("push.with-new-branch.json")
        let deny = try GuardPolicy(denyActors: ["octocat"], allowActors: ["Octocat"])
        #expect(try decide(deny, name: "push", payload: payload).reason == .ok)
        let bots = try GuardPolicy(allowActors: ["release-please[bot]"], denyBots: true)
        #expect(try decide(bots, name: "push", payload: payload, actor: "release-please[bot]").reason == .ok)
        #expect(try decide(bots, name: "push", payload: payload, actor: "renovate[bot]").reason == .botActor)
    }

    @Test func allowingOneIdentityDoesNotClearAnother() throws {
        let policy = try GuardPolicy(allowActors: ["octocat"])
        let decision = try decide(policy, name: "push", payload: GuardFixtures.payload("push.with-new-branch.json"),
                                  actor: "octocat", triggeringActor: Self.bot)
        #expect(decision.reason == .botActor)
        #expect(decision.detail.hasPrefix(#"triggering actor "github-actions[bot]""#))
    }

    // MARK: 2. commit-message guard: release commits

    @Test(arguments: [
        ("release: 1.2.0", true),
        ("release(core): 1.2.0", true),
        ("release(@scope/pkg): v2.0.0-rc.1", true),
        ("release: 1.2.0\n\nbody [skip ci]", true),  // the pattern wins; it is checked first
        ("release 1.2.0", false),
        ("release(): 1.2.0", false),
        ("Release: 1.2.0", false),  // the default pattern is case-sensitive
        ("releases: notes", false),
        ("chore: release 1.2.0", false),
        ("feat: add x\n\nrelease: 1.2.0", false),  // only the subject is matched
        (" release: 1.2.0", false),
    ])
    func defaultReleasePattern(message: String, matches: Bool) throws {
        let decision = try decide(name: "push", payload: GuardFixtures.push(message: message))
        #expect(decision.reason == (matches ? .releaseCommit : message.contains("[skip ci]") ? .skipMarker : .ok))
    }

    @Test func releaseCommitDetail() throws {
        let decision = try decide(name: "push", payload: GuardFixtures.push(message: "release(core): 1.2.0\r\n\r\nbody"))
        #expect(decision.detail == #"head commit subject "release(core): 1.2.0" (head_commit.message) matches the release-commit pattern "^release(\([^)]+\))?: " (commit-message guard)"#)
    }

    @Test func releaseCommitOnWorkflowRun() throws {
        let payload = try GuardFixtures.payload("workflow_run.completed.json")
            .setting("workflow_run.head_commit.message", to: .string("release: 3.0.0"))
        let decision = try decide(name: "workflow_run", payload: payload)
        #expect(decision.reason == .releaseCommit)
        #expect(decision.detail.contains("(workflow_run.head_commit.message)"))
    }

    @Test func releaseCommitFromLastCommitWhenHeadCommitIsNull() throws {
        let payload = try GuardFixtures.push(message: "release: 1.0.0").setting("head_commit", to: .null)
        let decision = try decide(name: "push", payload: payload)
        #expect(decision.reason == .releaseCommit)
        #expect(decision.detail.contains("(commits[0].message)"))
    }

    @Test func customReleasePattern() throws {
        let policy = try GuardPolicy(releaseCommitPattern: #"^chore\(release\): v?\d+"#)
        #expect(try decide(policy, name: "push", payload: GuardFixtures.push(message: "chore(release): v1.4.0")).reason == .releaseCommit)
        #expect(try decide(policy, name: "push", payload: GuardFixtures.push(message: "release: 1.4.0")).reason == .ok)
    }

    @Test func releasePatternCanBeTurnedOff() throws {
        let policy = try GuardPolicy(releaseCommitPattern: nil)
        #expect(try decide(policy, name: "push", payload: GuardFixtures.push(message: "release: 1.4.0")).reason == .ok)
    }

    @Test(arguments: ["(", "release(", "[a-", "a{2,1}"])
    func invalidReleasePatternIsInputError(pattern: String) {
        let error = #expect(throws: InputError.self) { try GuardPolicy(releaseCommitPattern: pattern) }
        #expect(error?.description.contains("release commit pattern \"\(pattern)\" is not a valid regular expression") == true)
    }

    @Test func emptyReleasePatternIsInputError() {
        #expect(throws: InputError.self) { try GuardPolicy(releaseCommitPattern: "") }
    }

    @Test(arguments: [
        (["", "x"], [String](), [String](), [String]()),
        ([String](), [" "], [String](), [String]()),
        ([String](), [String](), [""], [String]()),
        ([String](), [String](), [String](), [""]),
    ])
    func emptyListEntriesAreInputErrors(deny: [String], allow: [String], branches: [String], events: [String]) {
        #expect(throws: InputError.self) {
            try GuardPolicy(denyActors: deny, allowActors: allow, branches: branches, events: events)
        }
    }

    // MARK: 2. commit-message guard: skip markers

    @Test(arguments: [
        ("docs: typo [skip ci]", "[skip ci]"),
        ("[ci skip] docs: typo", "[ci skip]"),
        ("docs: typo\n\nno need to build [no ci]", "[no ci]"),
        ("docs: typo [skip actions]", "[skip actions]"),
        ("docs: typo [actions skip]", "[actions skip]"),
        ("docs: typo [SKIP CI]", "[skip ci]"),
        ("docs: typo [Skip Actions]", "[skip actions]"),
        ("docs: typo\n\n\nskip-checks: true", "skip-checks: true"),
        ("docs: typo\n\n\nskip-checks:true", "skip-checks:true"),
        ("docs: typo\n\nbody\n\n\nSigned-off-by: A <a@example.com>\nskip-checks: true\n", "skip-checks: true"),
        ("docs: typo\r\n\r\n\r\nskip-checks: true\r\n", "skip-checks: true"),
        ("docs: typo\n\n\n\nskip-checks: true  ", "skip-checks: true"),
    ])
    func skipMarkers(message: String, marker: String) throws {
        #expect(CommitSkipMarker.find(in: message) == marker)
        let decision = try decide(name: "push", payload: GuardFixtures.push(message: message))
        #expect(decision.reason == .skipMarker)
        #expect(decision.rule == .commitMessage)
        #expect(decision.detail.contains("\"\(marker)\""))
    }

    @Test(arguments: [
        "docs: typo [skip-ci]",
        "docs: typo skip ci",
        "docs: typo [skipci]",
        "docs: typo [ skip ci ]",
        "docs: typo [skip  ci]",
        "docs: typo (skip ci)",
        "docs: typo\n\nskip-checks: true",  // one empty line: git's default cleanup, not honoured
        "docs: typo\n\n\nskip-checks: true\nSigned-off-by: A <a@example.com>",  // not the last trailer
        "docs: typo\n\n\nskip-checks: false",
        "docs: typo\n\n\nSkip-Checks: True",  // not a documented spelling
        "docs: typo\n\n\nskip-checks = true",
        "skip-checks: true",
        "docs: typo\n\n\nsome prose line\nskip-checks: true",  // block holds a non-trailer line
    ])
    func notSkipMarkers(message: String) throws {
        #expect(CommitSkipMarker.find(in: message) == nil)
        #expect(try decide(name: "push", payload: GuardFixtures.push(message: message)).reason == .ok)
    }

    @Test func skipMarkersCanBeTurnedOffButReleasePatternStays() throws {
        let policy = try GuardPolicy(skipMarkers: false)
        #expect(try decide(policy, name: "push", payload: GuardFixtures.push(message: "docs [skip ci]")).reason == .ok)
        #expect(try decide(policy, name: "push", payload: GuardFixtures.push(message: "release: 1.0.0")).reason == .releaseCommit)
    }

    @Test func skipMarkerOnWorkflowRunHeadCommit() throws {
        let payload = try GuardFixtures.payload("workflow_run.completed.json")
            .setting("workflow_run.head_commit.message", to: .string("chore: bump [skip actions]"))
        #expect(try decide(name: "workflow_run", payload: payload).reason == .skipMarker)
    }

    @Test func longMultilineSubjectIsOneLineInDetail() throws {
        let subject = "release: " + String(repeating: "9", count: 300)
        let decision = try decide(name: "push", payload: GuardFixtures.push(message: subject + "\nsecond line"))
        #expect(decision.reason == .releaseCommit)
        #expect(!decision.detail.contains("\n"))
        #expect(decision.detail.contains("…"))
        #expect(!decision.detail.contains("second line"))
    }

    // MARK: 3. workflow_run guard

    @Test(arguments: [
        ("success", "octocat", GuardReason.ok),
        ("failure", "octocat", .runNotSuccessful),
        ("cancelled", "octocat", .runNotSuccessful),
        ("timed_out", "octocat", .runNotSuccessful),
        ("skipped", "octocat", .runNotSuccessful),
        ("success", bot, .botActor),
        ("failure", bot, .botActor),
        ("cancelled", bot, .botActor),
    ])
    func workflowRunConclusion(conclusion: String, runActor: String, expected: GuardReason) throws {
        let payload = try GuardFixtures.workflowRun(conclusion: conclusion, actor: runActor)
        let decision = try decide(name: "workflow_run", payload: payload)
        #expect(decision.reason == expected)
        #expect(decision.shouldRun == (expected == .ok))
    }

    @Test func workflowRunFailureDetail() throws {
        let decision = try decide(name: "workflow_run", payload: GuardFixtures.workflowRun(conclusion: "failure"))
        #expect(decision.rule == .workflowRun)
        #expect(decision.detail == #"workflow_run conclusion is "failure", not "success" (workflow_run guard)"#)
    }

    @Test func requestedWorkflowRunHasNoConclusionYet() throws {
        let decision = try decide(name: "workflow_run", payload: GuardFixtures.payload("workflow_run.requested.json"))
        #expect(decision.reason == .runNotSuccessful)
        #expect(decision.detail == #"workflow_run has no conclusion yet (status "queued"), not "success" (workflow_run guard)"#)
    }

    @Test func workflowRunWithoutPayloadIsNeverARun() throws {
        // Defensive: the tool must fail first (requiresPayload), but the decision is still a skip.
        let decision = try decide(name: "workflow_run", payload: nil)
        #expect(decision.reason == .runNotSuccessful)
    }

    @Test(arguments: [
        (["master"], "master", GuardReason.ok),
        (["main", "master"], "master", .ok),
        (["main"], "master", .branchNotAllowed),
        (["Master"], "master", .branchNotAllowed),  // refs are case-sensitive
        (["v1.2.3"], "v1.2.3", .ok),  // tag-push run: the tag is the head_branch
        (["main"], "v1.2.3", .branchNotAllowed),
        ([String](), "anything", .ok),
    ])
    func branchAllowlist(branches: [String], headBranch: String, expected: GuardReason) throws {
        let policy = try GuardPolicy(branches: branches)
        let payload = try GuardFixtures.workflowRun(conclusion: "success", headBranch: headBranch)
        #expect(try decide(policy, name: "workflow_run", payload: payload).reason == expected)
    }

    @Test func branchNotAllowedDetailAndNullBranch() throws {
        let policy = try GuardPolicy(branches: ["main"])
        let payload = try GuardFixtures.workflowRun(conclusion: "success", headBranch: "feat\nx")
        let decision = try decide(policy, name: "workflow_run", payload: payload)
        #expect(decision.detail == #"workflow_run head_branch "feat x" is not one of the allowed branches "main" (workflow_run guard)"#)
        let nullBranch = try GuardFixtures.payload("workflow_run.completed.json").setting("workflow_run.head_branch", to: .null)
        #expect(try decide(policy, name: "workflow_run", payload: nullBranch).reason == .branchNotAllowed)
    }

    @Test func branchesOnlyApplyToWorkflowRun() throws {
        let policy = try GuardPolicy(branches: ["main"])
        #expect(try decide(policy, name: "push", payload: GuardFixtures.payload("push.with-new-branch.json")).reason == .ok)
    }

    @Test(arguments: [
        ("check_suite", "success", true, GuardReason.ok),
        ("check_suite", "failure", true, .runNotSuccessful),
        ("check_suite", nil, true, .runNotSuccessful),
        ("check_run", "cancelled", true, .runNotSuccessful),
        ("check_run", "success", true, .ok),
        ("check_suite", "failure", false, .ok),  // without requireSuccess, no check
        ("check_run", nil, false, .ok),
    ] as [(String, String?, Bool, GuardReason)])
    func requireSuccessForChecks(object: String, conclusion: String?, requireSuccess: Bool, expected: GuardReason) throws {
        let policy = try GuardPolicy(requireSuccess: requireSuccess)
        let decision = try decide(policy, name: object, payload: GuardFixtures.check(object, conclusion: conclusion))
        #expect(decision.reason == expected)
    }

    @Test func requireSuccessDoesNotTouchOtherEvents() throws {
        let policy = try GuardPolicy(requireSuccess: true)
        #expect(try decide(policy, name: "push", payload: GuardFixtures.payload("push.with-new-branch.json")).reason == .ok)
        #expect(try decide(policy, name: "release", payload: GuardFixtures.payload("release.published.json")).reason == .ok)
    }

    // MARK: 4. event allowlist

    @Test(arguments: [
        ("release", "release.published.json", ["release"], GuardReason.ok),
        ("release", "release.published.json", ["push", "workflow_run"], .eventNotAllowed),
        ("workflow_dispatch", "workflow_dispatch.json", ["workflow_dispatch"], .ok),
        ("workflow_dispatch", "workflow_dispatch.json", ["push"], .eventNotAllowed),
        ("push", "push.with-new-branch.json", ["Push"], .eventNotAllowed),  // event names are exact
        ("workflow_run", "workflow_run.completed.json", ["workflow_run"], .ok),
    ])
    func eventAllowlist(name: String, fixture: String, events: [String], expected: GuardReason) throws {
        let policy = try GuardPolicy(events: events)
        #expect(try decide(policy, name: name, payload: GuardFixtures.payload(fixture)).reason == expected)
    }

    @Test func eventNotAllowedDetail() throws {
        let policy = try GuardPolicy(events: ["push", "workflow_run"])
        let decision = try decide(policy, name: "release", payload: GuardFixtures.payload("release.published.json"))
        #expect(decision.rule == .eventAllowlist)
        #expect(decision.detail == #"event "release" is not one of the allowed events "push", "workflow_run" (event allowlist)"#)
    }

    // MARK: rule order

    @Test func botActorBeatsSkipMarker() throws {
        let decision = try decide(name: "push", payload: GuardFixtures.push(message: "chore: bump [skip ci]"), actor: Self.bot)
        #expect(decision.reason == .botActor)
    }

    @Test func orderOfTheRules() throws {
        let everything = try GuardPolicy(denyActors: ["mallory"], branches: ["main"], events: ["push"])
        func run(_ message: String, _ conclusion: String, actor: String) throws -> GuardReason {
            let payload = try GuardFixtures.workflowRun(conclusion: conclusion)
                .setting("workflow_run.head_commit.message", to: .string(message))
            return try decide(everything, name: "workflow_run", payload: payload, actor: actor).reason
        }
        // Each line removes the reason of the line above; the next rule then decides.
        #expect(try run("release: 1.0.0 [skip ci]", "failure", actor: "mallory") == .deniedActor)
        #expect(try run("release: 1.0.0 [skip ci]", "failure", actor: "octocat") == .releaseCommit)
        #expect(try run("fix: x [skip ci]", "failure", actor: "octocat") == .skipMarker)
        #expect(try run("fix: x", "failure", actor: "octocat") == .runNotSuccessful)
        #expect(try run("fix: x", "success", actor: "octocat") == .branchNotAllowed)  // head_branch master
        let onMain = try GuardPolicy(branches: ["master"], events: ["push"])
        let payload = try GuardFixtures.workflowRun(conclusion: "success")
        #expect(try decide(onMain, name: "workflow_run", payload: payload).reason == .eventNotAllowed)
    }

    @Test func botIsCheckedBeforeDenyListAcrossIdentities() throws {
        // The actor is denied, the triggering actor is the bot: the loop signal wins.
        let policy = try GuardPolicy(denyActors: ["octocat"])
        let decision = try decide(policy, name: "push", payload: GuardFixtures.payload("push.with-new-branch.json"),
                                  actor: "octocat", triggeringActor: Self.bot)
        #expect(decision.reason == .botActor)
    }

    @Test func everyReasonHasItsRuleAndWord() {
        #expect(GuardReason.allCases.map(\.rawValue) == [
            "ok", "bot-actor", "denied-actor", "release-commit", "skip-marker",
            "run-not-successful", "branch-not-allowed", "event-not-allowed",
        ])
        #expect(GuardReason.allCases.map(\.rule) == [
            .noneMatched, .actor, .actor, .commitMessage, .commitMessage, .workflowRun, .workflowRun, .eventAllowlist,
        ])
        #expect(GuardRule.allCases.sorted() == [.actor, .commitMessage, .workflowRun, .eventAllowlist, .noneMatched])
    }

    // MARK: payload needed

    @Test(arguments: [
        ("workflow_run", try! GuardPolicy(), true),
        ("workflow_run", try! GuardPolicy(releaseCommitPattern: nil, skipMarkers: false), true),
        ("push", try! GuardPolicy(), true),
        ("push", try! GuardPolicy(releaseCommitPattern: nil), true),
        ("push", try! GuardPolicy(skipMarkers: false), true),
        ("push", try! GuardPolicy(releaseCommitPattern: nil, skipMarkers: false), false),
        ("check_suite", try! GuardPolicy(), false),
        ("check_suite", try! GuardPolicy(requireSuccess: true), true),
        ("check_run", try! GuardPolicy(requireSuccess: true), true),
        ("release", try! GuardPolicy(requireSuccess: true, events: ["release"]), false),
        ("workflow_dispatch", try! GuardPolicy(denyBots: true), false),
        ("pull_request", try! GuardPolicy(), false),
    ])
    func payloadRequirement(name: String, policy: GuardPolicy, required: Bool) {
        #expect(policy.requiresPayload(for: name) == required)
    }

    @Test func policyEquality() throws {
        #expect(try GuardPolicy() == GuardPolicy(releaseCommitPattern: GuardPolicy.defaultReleaseCommitPattern))
        #expect(try GuardPolicy() != GuardPolicy(denyBots: true))
    }
}
