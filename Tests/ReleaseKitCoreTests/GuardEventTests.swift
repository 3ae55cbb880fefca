import Foundation
import Testing
@testable import ReleaseKitCore

/// Decoding the event: which values the rules and outputs read from real payloads, and
/// which payload shapes are rejected.
@Suite struct GuardEventTests {
    // MARK: push

    @Test func pushWithHeadCommit() throws {
        let event = try GuardEvent(
            name: "push", payload: GuardFixtures.payload("push.with-new-branch.json"),
            actor: "Codertocat", triggeringActor: "Codertocat", ref: "refs/heads/other", sha: "ffff")
        #expect(event.headCommit == .init(text: "Initial commit", field: "head_commit.message"))
        #expect(event.ref == "refs/heads/master")  // the payload's ref wins over GITHUB_REF
        #expect(event.headBranch == "master")
        #expect(event.headSha == "6113728f27ae82c7b1a177c8d03f9e96e0adf246")  // `after`
        #expect(event.sender == GuardIdentity(source: .sender, login: "Codertocat", id: 21031067))
        #expect(event.actorLogin == "Codertocat")
        #expect(event.hasPayload)
        #expect(event.workflowRun == nil && event.check == nil)
    }

    @Test func tagDeletionPushHasNoHeadCommit() throws {
        // push.json: head_commit null, commits [], after all zeros.
        let event = try GuardEvent(
            name: "push", payload: GuardFixtures.payload("push.json"), sha: "6113728f27ae82c7b1a177c8d03f9e96e0adf246")
        #expect(event.headCommit == nil)
        #expect(event.headBranch == "simple-tag")
        #expect(event.headSha == "6113728f27ae82c7b1a177c8d03f9e96e0adf246")  // zeros `after` falls back
        #expect(event.actorLogin == "Codertocat")  // no GITHUB_ACTOR: the sender's login
    }

    @Test func pushWithoutHeadCommitFallsBackToLastCommit() throws {
        let payload = try GuardFixtures.payload("push.with-new-branch.json")
            .setting("head_commit", to: .null)
            .setting("commits", to: .array([
                .object(["id": .string("a1"), "message": .string("feat: first")]),
                .object(["id": .string("b2"), "message": .string("fix: second [skip ci]")]),
            ]))
        let event = try GuardEvent(name: "push", payload: payload)
        #expect(event.headCommit == .init(text: "fix: second [skip ci]", field: "commits[1].message"))
    }

    @Test func pushWithAbsentHeadCommitFallsBackToLastCommit() throws {
        let payload = try GuardFixtures.payload("push.with-new-branch.json").setting("head_commit", to: nil)
        let event = try GuardEvent(name: "push", payload: payload)
        #expect(event.headCommit == .init(text: "Initial commit", field: "commits[0].message"))
    }

    @Test func tagPush() throws {
        let payload = try GuardFixtures.payload("push.with-new-branch.json")
            .setting("ref", to: .string("refs/tags/v1.2.3"))
        let event = try GuardEvent(name: "push", payload: payload)
        #expect(event.headBranch == "v1.2.3")
        #expect(event.ref == "refs/tags/v1.2.3")
    }

    // MARK: workflow_run

    @Test func workflowRunCompleted() throws {
        let event = try GuardEvent(
            name: "workflow_run", payload: GuardFixtures.payload("workflow_run.completed.json"),
            actor: "Codertocat", ref: "refs/heads/default", sha: "default-branch-sha")
        let run = try #require(event.workflowRun)
        #expect(run.conclusion == "success")
        #expect(run.status == "completed")
        #expect(run.headBranch == "master")
        #expect(run.event == "repository_dispatch")
        #expect(run.actor == GuardIdentity(source: .workflowRunActor, login: "Codertocat", id: 15669918))
        #expect(run.triggeringActor == GuardIdentity(source: .workflowRunTriggeringActor, login: "Codertocat", id: 15669918))
        #expect(event.headCommit == .init(
            text: "build(test): check workflow run event payload", field: "workflow_run.head_commit.message"))
        // Outputs come from the run, not GITHUB_SHA / GITHUB_REF (the default branch there).
        #expect(event.headSha == "3484a3fb816e0859fd6e1cea078d76385ff50625")
        #expect(event.headBranch == "master")
        #expect(event.identities.map(\.source) == [.actor, .sender, .workflowRunActor, .workflowRunTriggeringActor])
    }

    @Test func workflowRunRequestedHasNoConclusion() throws {
        let event = try GuardEvent(name: "workflow_run", payload: GuardFixtures.payload("workflow_run.requested.json"))
        #expect(event.workflowRun?.conclusion == nil)
        #expect(event.workflowRun?.status == "queued")
    }

    @Test func workflowRunForTagPushReportsTagAsBranch() throws {
        let event = try GuardEvent(
            name: "workflow_run", payload: GuardFixtures.workflowRun(conclusion: "success", headBranch: "v1.2.3"))
        #expect(event.headBranch == "v1.2.3")
    }

    @Test func workflowRunWithNullOptionalFields() throws {
        let payload = try GuardFixtures.payload("workflow_run.completed.json")
            .setting("workflow_run.head_commit", to: .null)
            .setting("workflow_run.head_branch", to: .null)
            .setting("workflow_run.triggering_actor", to: nil)
        let event = try GuardEvent(name: "workflow_run", payload: payload)
        #expect(event.headCommit == nil)
        #expect(event.headBranch == nil)
        #expect(event.workflowRun?.triggeringActor == nil)
    }

    // MARK: other events

    @Test func releasePublished() throws {
        let event = try GuardEvent(
            name: "release", payload: GuardFixtures.payload("release.published.json"),
            actor: "Codertocat", ref: "refs/tags/0.0.1", sha: "abc123")
        #expect(event.headCommit == nil)
        #expect(event.ref == "refs/tags/0.0.1")
        #expect(event.headBranch == "0.0.1")
        #expect(event.headSha == "abc123")
    }

    @Test func workflowDispatch() throws {
        let event = try GuardEvent(
            name: "workflow_dispatch", payload: GuardFixtures.payload("workflow_dispatch.json"), sha: "abc123")
        #expect(event.ref == "refs/heads/master")
        #expect(event.headBranch == "master")
        #expect(event.headSha == "abc123")
        #expect(event.actorLogin == "Codertocat")
    }

    @Test func createEventHasBareRef() throws {
        let event = try GuardEvent(name: "create", payload: GuardFixtures.payload("create.json"))
        #expect(event.headBranch == "simple-tag")
    }

    @Test(arguments: ["check_suite", "check_run"])
    func checkPayloadConclusion(object: String) throws {
        let event = try GuardEvent(name: object, payload: GuardFixtures.check(object, conclusion: "failure"), sha: "default")
        #expect(event.check == .init(object: object, conclusion: "failure"))
        #expect(event.headSha == "3484a3fb816e0859fd6e1cea078d76385ff50625")
    }

    @Test func withoutPayloadUsesEnvironment() throws {
        let event = try GuardEvent(
            name: "release", payload: nil, actor: "octocat", triggeringActor: "", ref: "refs/tags/v2.0.0", sha: "abc")
        #expect(!event.hasPayload)
        #expect(event.identities == [GuardIdentity(source: .actor, login: "octocat")])
        #expect(event.triggeringActor == nil)  // empty means absent
        #expect(event.headBranch == "v2.0.0")
        #expect(event.headSha == "abc")
    }

    // MARK: identities and refs

    @Test func identityNeedsLoginOrID() {
        #expect(GuardIdentity(source: .actor, login: nil) == nil)
        #expect(GuardIdentity(source: .actor, login: "") == nil)
        #expect(GuardIdentity(source: .sender, login: nil, id: 41898282)?.isGitHubActionsBot == true)
    }

    @Test(arguments: [
        ("github-actions[bot]", nil, true, true),
        ("GitHub-Actions[bot]", nil, true, true),
        ("someone", 41898282, true, true),
        ("dependabot[bot]", 49699333, false, true),
        ("renovate[BOT]", nil, false, true),
        ("octocat", 583231, false, false),
        ("bot", nil, false, false),
    ] as [(String, Int?, Bool, Bool)])
    func identityBotClassification(login: String, id: Int?, isActionsBot: Bool, isBot: Bool) throws {
        let identity = try #require(GuardIdentity(source: .sender, login: login, id: id))
        #expect(identity.isGitHubActionsBot == isActionsBot)
        #expect(identity.isBot == isBot)
    }

    @Test(arguments: [
        ("refs/heads/main", "main"),
        ("refs/heads/feature/x", "feature/x"),
        ("refs/tags/v1.2.3", "v1.2.3"),
        ("refs/pull/7/merge", nil),
        ("simple-tag", "simple-tag"),
        ("refs/heads/", nil),
    ] as [(String, String?)])
    func shortNameOfRef(ref: String, expected: String?) {
        #expect(GuardEvent.shortName(ofRef: ref) == expected)
    }

    // MARK: malformed payloads

    /// Each case: event name, an edit of a real payload, and the message it must produce.
    static let malformed: [(String, String, @Sendable () throws -> JSONValue, String)] = [
        ("workflow_run without workflow_run", "workflow_run",
         { try GuardFixtures.payload("workflow_run.completed.json").setting("workflow_run", to: nil) },
         "event payload: workflow_run is missing; expected an object"),
        ("workflow_run as a string", "workflow_run",
         { try GuardFixtures.payload("workflow_run.completed.json").setting("workflow_run", to: .string("x")) },
         "event payload: workflow_run is a string; expected an object"),
        ("push payload given for workflow_run", "workflow_run",
         { try GuardFixtures.payload("push.with-new-branch.json") },
         "event payload: workflow_run is missing; expected an object"),
        ("conclusion missing", "workflow_run",
         { try GuardFixtures.payload("workflow_run.completed.json").setting("workflow_run.conclusion", to: nil) },
         "event payload: workflow_run.conclusion is missing; expected a string or null"),
        ("conclusion a boolean", "workflow_run",
         { try GuardFixtures.payload("workflow_run.completed.json").setting("workflow_run.conclusion", to: .bool(true)) },
         "event payload: workflow_run.conclusion is a boolean; expected a string or null"),
        ("head_sha a number", "workflow_run",
         { try GuardFixtures.payload("workflow_run.completed.json").setting("workflow_run.head_sha", to: .number(1)) },
         "event payload: workflow_run.head_sha is a number; expected a string"),
        ("head_sha null", "workflow_run",
         { try GuardFixtures.payload("workflow_run.completed.json").setting("workflow_run.head_sha", to: .null) },
         "event payload: workflow_run.head_sha is null; expected a string"),
        ("actor id a string", "workflow_run",
         { try GuardFixtures.payload("workflow_run.completed.json").setting("workflow_run.actor.id", to: .string("1")) },
         "event payload: workflow_run.actor.id is a string; expected a whole number or null"),
        ("actor id a fraction", "workflow_run",
         { try GuardFixtures.payload("workflow_run.completed.json").setting("workflow_run.actor.id", to: .number(1.5)) },
         "event payload: workflow_run.actor.id is a number; expected a whole number or null"),
        ("run head_commit an array", "workflow_run",
         { try GuardFixtures.payload("workflow_run.completed.json").setting("workflow_run.head_commit", to: .array([])) },
         "event payload: workflow_run.head_commit is an array; expected an object or null"),
        ("run head_commit without message", "workflow_run",
         { try GuardFixtures.payload("workflow_run.completed.json").setting("workflow_run.head_commit.message", to: nil) },
         "event payload: workflow_run.head_commit.message is missing; expected a string"),
        ("head_commit a number", "push",
         { try GuardFixtures.payload("push.with-new-branch.json").setting("head_commit", to: .number(42)) },
         "event payload: head_commit is a number; expected an object or null"),
        ("head_commit.message null", "push",
         { try GuardFixtures.payload("push.with-new-branch.json").setting("head_commit.message", to: .null) },
         "event payload: head_commit.message is null; expected a string"),
        ("commits an object", "push",
         { try GuardFixtures.payload("push.with-new-branch.json").setting("commits", to: .object([:])) },
         "event payload: commits is an object; expected an array or null"),
        ("last commit a string", "push",
         { try GuardFixtures.payload("push.json").setting("commits", to: .array([.string("x")])) },
         "event payload: commits[0] is a string; expected an object"),
        ("last commit without message", "push",
         { try GuardFixtures.payload("push.json").setting("commits", to: .array([.object(["id": .string("a")])])) },
         "event payload: commits[0].message is missing; expected a string"),
        ("push without head_commit and commits", "push",
         { try GuardFixtures.payload("release.published.json") },
         "event payload: push payload has neither head_commit nor commits; expected a push event payload"),
        ("ref a number", "push",
         { try GuardFixtures.payload("push.with-new-branch.json").setting("ref", to: .number(5)) },
         "event payload: ref is a number; expected a string or null"),
        ("sender a string", "release",
         { try GuardFixtures.payload("release.published.json").setting("sender", to: .string("octocat")) },
         "event payload: sender is a string; expected an object or null"),
        ("sender login a number", "release",
         { try GuardFixtures.payload("release.published.json").setting("sender.login", to: .number(1)) },
         "event payload: sender.login is a number; expected a string or null"),
        ("check_suite missing", "check_suite",
         { try GuardFixtures.payload("workflow_run.completed.json") },
         "event payload: check_suite is missing; expected an object"),
        ("check_run conclusion missing", "check_run",
         { try GuardFixtures.check("check_run", conclusion: nil).setting("check_run.conclusion", to: nil) },
         "event payload: check_run.conclusion is missing; expected a string or null"),
        ("payload an array", "push",
         { JSONValue.array([]) },
         "event payload is an array; expected a JSON object"),
    ]

    @Test(arguments: malformed.indices)
    func malformedPayloadIsInputError(index: Int) throws {
        let (label, name, makePayload, message) = Self.malformed[index]
        let payload = try makePayload()
        let error = #expect(throws: InputError.self, "\(label)") {
            try GuardEvent(name: name, payload: payload)
        }
        #expect(error?.description == message, "\(label)")
        #expect(error?.kind == .invalidInput)
    }

    @Test func emptyEventNameIsInputError() {
        #expect(throws: InputError("event name is empty; expected a GitHub event name such as push or workflow_run")) {
            try GuardEvent(name: "", payload: nil)
        }
    }

    @Test func invalidJSONTextIsInputError() {
        #expect(throws: InputError.self) {
            try JSONValue.parse(Data("{\"ref\": ".utf8), source: "event payload")
        }
    }

    // MARK: outputs and detail text

    @Test func outputsInDocumentedOrder() throws {
        let event = try GuardEvent(
            name: "workflow_run", payload: GuardFixtures.payload("workflow_run.completed.json"), actor: "Codertocat")
        let decision = try GuardPolicy().evaluate(event)
        let outputs = GuardLoopOutputs(decision: decision, event: event)
        #expect(GuardLoopOutputs.outputNames.map(\.name) == ["should-run", "reason", "detail", "actor", "event", "head-sha", "head-branch"])
        #expect(outputs == GuardLoopOutputs(decision: decision, event: event))
        #expect([outputs.shouldRun ? "true" : "false", outputs.reason, outputs.detail, outputs.actor, outputs.event,
                 outputs.headSha, outputs.headBranch] == [
            "true", "ok", decision.detail, "Codertocat", "workflow_run",
            "3484a3fb816e0859fd6e1cea078d76385ff50625", "master",
        ])
    }

    @Test func detailTextStaysOneLine() {
        #expect(GuardDetailText.oneLine("a\nb\r\n\tc\u{2028}d") == "a b c d")
        #expect(GuardDetailText.quoted("say \"hi\"") == #""say \"hi\"""#)
        let long = String(repeating: "x", count: 200)
        let cut = GuardDetailText.oneLine(long)
        #expect(cut.count == GuardDetailText.limit)
        #expect(cut.hasSuffix("…"))
        #expect(GuardDetailText.oneLine("short") == "short")
    }
}
