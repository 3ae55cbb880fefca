import Foundation
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// guard-loop run as a workflow step would run it: real binary, real payload files,
/// a temporary GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
@Suite struct GuardLoopToolTests {
    let scratch = ScratchDirectory()
    let tool = BuiltTool(name: "guard-loop")

    func fixture(_ name: String) -> String { BuiltTool.fixtures.appendingPathComponent("events/\(name)").path }

    /// Writes an edited copy of a fixture payload.
    func payload(_ name: String, edit: (inout [String: Any]) -> Void) throws -> String {
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixture(name)))) as! [String: Any]
        edit(&object)
        let path = scratch.path("edited-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    func githubEnvironment(event: String, path: String, actor: String = "octocat", ref: String = "refs/heads/main") -> [String: String] {
        ["GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event, "GITHUB_EVENT_PATH": path,
         "GITHUB_ACTOR": actor, "GITHUB_REF": ref, "GITHUB_SHA": "ffff",
         "GITHUB_OUTPUT": scratch.path("output"), "GITHUB_STEP_SUMMARY": scratch.path("summary.md")]
    }

    func outputs() throws -> [String: String] {
        let parsed = try GitHubOutputFileParser.parse(scratch.read("output"))
        return Dictionary(parsed.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    @Test func humanPushRunsAndWritesOutputsAndSummary() async throws {
        let run = try await tool.run([], environment: githubEnvironment(event: "push", path: fixture("push.with-new-branch.json")))
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        let outputs = try outputs()
        #expect(outputs["should-run"] == "true")
        #expect(outputs["reason"] == "ok")
        #expect(outputs["event"] == "push")
        #expect(outputs["actor"] == "octocat")
        #expect(outputs["head-sha"] == "6113728f27ae82c7b1a177c8d03f9e96e0adf246", "the push's after")
        #expect(outputs["head-branch"] == "master", "the payload's ref")
        #expect(Set(outputs.keys) == ["should-run", "reason", "detail", "actor", "event", "head-sha", "head-branch"])
        let summary = scratch.read("summary.md")
        #expect(summary.contains("| run | ok |"))
    }

    @Test func botReleaseCommitSkipsWithReasonAndExitsZero() async throws {
        let path = try payload("push.with-new-branch.json") { object in
            var head = object["head_commit"] as! [String: Any]
            head["message"] = "release(core): 1.2.0"
            object["head_commit"] = head
        }
        let run = try await tool.run([], environment: githubEnvironment(event: "push", path: path, actor: "github-actions[bot]"))
        #expect(run.status == 0)
        #expect(try await outputs()["should-run"] == "false")
        #expect(try outputs()["reason"] == "bot-actor")
        #expect(run.stderr.contains("::notice title=guard-loop%3A bot-actor::"))
    }

    @Test func releaseCommitByAHumanIsSkippedAndFailOnSkipExitsOne() async throws {
        let path = try payload("push.with-new-branch.json") { object in
            var head = object["head_commit"] as! [String: Any]
            head["message"] = "release: 2.0.0\n\n::error::forged from a commit body"
            object["head_commit"] = head
        }
        let run = try await tool.run(["--fail-on-skip"], environment: githubEnvironment(event: "push", path: path))
        #expect(run.status == 1)
        #expect(try outputs()["reason"] == "release-commit")
        #expect(!run.stderr.contains("\n::error::forged"))
    }

    @Test(arguments: [("failure", "run-not-successful"), ("cancelled", "run-not-successful"), ("success", "ok")])
    func workflowRunConclusion(conclusion: String, reason: String) async throws {
        let path = try payload("workflow_run.completed.json") { object in
            var run = object["workflow_run"] as! [String: Any]
            run["conclusion"] = conclusion
            object["workflow_run"] = run
        }
        let run = try await tool.run([], environment: githubEnvironment(event: "workflow_run", path: path))
        #expect(run.status == 0)
        let outputs = try outputs()
        #expect(outputs["reason"] == reason)
        #expect(outputs["head-sha"] == "3484a3fb816e0859fd6e1cea078d76385ff50625", "the payload's head_sha, not GITHUB_SHA")
        #expect(outputs["head-branch"] == "master")
    }

    @Test func branchAllowlistForWorkflowRun() async throws {
        let environment = githubEnvironment(event: "workflow_run", path: fixture("workflow_run.completed.json"))
        let denied = try await tool.run(["--branch", "main", "--branch", "test"], environment: environment)
        #expect(denied.status == 0)
        #expect(try outputs()["reason"] == "branch-not-allowed")
        let allowed = try await tool.run(["--branch", "master", "--json"], environment: environment)
        let json = try JSONSerialization.jsonObject(with: Data(allowed.stdout.utf8)) as? [String: String]
        #expect(json?["reason"] == "ok")
        #expect(json?["should-run"] == "true")
    }

    @Test func eventAllowlist() async throws {
        let run = try await tool.run(["--event", "push", "--json"], environment: githubEnvironment(event: "release", path: fixture("release.published.json")))
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String]
        #expect(json?["reason"] == "event-not-allowed")
    }

    @Test func tagDeletionHasNoMessageToCheckAndFallsBackToTheEnvironmentSha() async throws {
        // push.json is a tag deletion: head_commit null, no commits, after all zeros.
        let run = try await tool.run([], environment: githubEnvironment(event: "push", path: fixture("push.json"), ref: "refs/tags/simple-tag"))
        #expect(run.status == 0)
        let outputs = try outputs()
        #expect(outputs["reason"] == "ok")
        #expect(outputs["head-sha"] == "ffff", "after is all zeros for a deletion, so GITHUB_SHA")
        #expect(outputs["head-branch"] == "simple-tag")
    }

    @Test func malformedPayloadIsExitTwo() async throws {
        let path = scratch.path("bad.json")
        try Data("{\"head_commit\": ".utf8).write(to: URL(fileURLWithPath: path))
        let run = try await tool.run([], environment: githubEnvironment(event: "push", path: path))
        #expect(run.status == 2)
        #expect(run.stderr.contains("not valid JSON"))
        #expect(scratch.read("output").isEmpty, "no outputs written on bad input")
    }

    @Test func missingEventFileIsExitTwo() async throws {
        let run = try await tool.run([], environment: githubEnvironment(event: "push", path: scratch.path("nope.json")))
        #expect(run.status == 2)
        #expect(run.stderr.contains("nope.json"))
    }

    @Test func missingPayloadWhenRulesNeedItIsExitTwoNeverASilentRun() async throws {
        let run = try await tool.run([], environment: ["GITHUB_EVENT_NAME": "workflow_run"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("GITHUB_EVENT_PATH"))
    }

    @Test func noEventAtAllIsExitTwo() async throws {
        let run = try await tool.run([], environment: [:])
        #expect(run.status == 2)
        #expect(run.stderr.contains("GITHUB_EVENT_NAME"))
    }

    @Test func gitLabPushUsesTheCommitMessageVariable() async throws {
        let environment = ["GITLAB_CI": "true", "CI_PIPELINE_SOURCE": "push", "GITLAB_USER_LOGIN": "dev",
                           "CI_COMMIT_BRANCH": "main", "CI_COMMIT_SHA": "abc",
                           "CI_COMMIT_MESSAGE": "chore: tidy [skip ci]"]
        let run = try await tool.run(["--output-file", scratch.path("guard.env")], environment: environment)
        #expect(run.status == 0)
        let dotenv = scratch.read("guard.env")
        #expect(dotenv.contains("SHOULD_RUN=false\n"))
        #expect(dotenv.contains("REASON=skip-marker\n"))
        #expect(dotenv.contains("HEAD_BRANCH=main\n"))
    }

    @Test func invalidPatternIsExitTwoNamingIt() async throws {
        let run = try await tool.run(["--release-commit-pattern", "release(("], environment: githubEnvironment(event: "push", path: fixture("push.with-new-branch.json")))
        #expect(run.status == 2)
        #expect(run.stderr.contains("release(("))
    }
}
