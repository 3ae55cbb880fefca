import Foundation
import ReleaseKitCore
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

@Suite struct CIEnvironmentTests {
    @Test func readsGitHubActions() {
        let environment = CIEnvironment([
            "GITHUB_ACTIONS": "true", "GITHUB_REF": "refs/tags/v1.2.3", "GITHUB_REF_TYPE": "tag",
            "GITHUB_REF_NAME": "v1.2.3", "GITHUB_SHA": "abc", "GITHUB_REPOSITORY": "o/r",
            "GITHUB_ACTOR": "octocat", "GITHUB_TRIGGERING_ACTOR": "hubot", "GITHUB_EVENT_NAME": "push",
            "GITHUB_EVENT_PATH": "/tmp/e.json", "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_API_URL": "https://api.github.com", "GITHUB_WORKSPACE": "/w", "RUNNER_TEMP": "/rt",
            "RUNNER_DEBUG": "1", "GITHUB_OUTPUT": "/o", "GITHUB_STEP_SUMMARY": "/s",
        ])
        #expect(environment.provider == .githubActions)
        #expect(environment.ref == "refs/tags/v1.2.3")
        #expect(environment.refType == .tag)
        #expect(environment.tag == "v1.2.3")
        #expect(environment.branch == nil)
        #expect(environment.sha == "abc")
        #expect(environment.repository == "o/r")
        #expect(environment.actor == "octocat")
        #expect(environment.triggeringActor == "hubot")
        #expect(environment.eventName == "push")
        #expect(environment.eventPath == "/tmp/e.json")
        #expect(environment.serverURL == "https://github.com")
        #expect(environment.apiURL == "https://api.github.com")
        #expect(environment.workspace == "/w")
        #expect(environment.temporaryDirectory == "/rt")
        #expect(environment.isDebug)
        #expect(environment.outputPath == "/o")
        #expect(environment.stepSummaryPath == "/s")
    }

    @Test func branchRefs() {
        let environment = CIEnvironment(["GITHUB_REF": "refs/heads/feature/x", "GITHUB_REF_TYPE": "branch"])
        #expect(environment.branch == "feature/x")
        #expect(environment.tag == nil)
        #expect(environment.refType == .branch)
    }

    @Test func readsGitLabCI() {
        let environment = CIEnvironment([
            "GITLAB_CI": "true", "CI_COMMIT_TAG": "core-v2.0.0", "CI_COMMIT_SHA": "def",
            "CI_PROJECT_PATH": "group/project", "GITLAB_USER_LOGIN": "dev", "CI_PIPELINE_SOURCE": "push",
            "CI_SERVER_URL": "https://gitlab.example", "CI_PROJECT_DIR": "/builds/p", "CI_COMMIT_MESSAGE": "fix: x",
        ])
        #expect(environment.provider == .gitlab)
        #expect(environment.tag == "core-v2.0.0")
        #expect(environment.ref == "refs/tags/core-v2.0.0")
        #expect(environment.refType == .tag)
        #expect(environment.repository == "group/project")
        #expect(environment.actor == "dev")
        #expect(environment.eventName == "push")
        #expect(environment.workspace == "/builds/p")
        #expect(environment.commitMessage == "fix: x")
        #expect(environment.temporaryDirectory == "/tmp")
    }

    @Test(arguments: [
        (["BUILDKITE": "true", "BUILDKITE_TAG": "v1"], "v1"),
        (["CIRCLECI": "true", "CIRCLE_TAG": "v2"], "v2"),
        (["JENKINS_URL": "http://j", "TAG_NAME": "v3"], "v3"),
        (["BUILDKITE": "true", "BUILDKITE_TAG": ""], nil),
    ] as [([String: String], String?)])
    func otherSystemsTags(variables: [String: String], tag: String?) {
        #expect(CIEnvironment(variables).tag == tag)
    }

    @Test func circleCIRepositoryIsBuiltFromTwoVariables() {
        #expect(CIEnvironment(["CIRCLE_PROJECT_USERNAME": "o", "CIRCLE_PROJECT_REPONAME": "r"]).repository == "o/r")
    }

    @Test func tokenPreferenceAndNoTokenFromEmptyValues() {
        let environment = CIEnvironment(["GITHUB_TOKEN": " ", "GH_TOKEN": "gh", "MY_TOKEN": "mine"])
        #expect(environment.token()?.variable == "GH_TOKEN")
        #expect(environment.token(preferring: "MY_TOKEN")?.value == "mine")
        #expect(environment.token(preferring: "UNSET")?.variable == "GH_TOKEN")
        #expect(CIEnvironment([:]).token() == nil)
    }

    @Test func eventPayloadLoadsAndReportsProblemsByPath() throws {
        let directory = ScratchDirectory()
        let good = directory.path("event.json")
        try Data(#"{"ref":"refs/tags/v1","head_commit":null}"#.utf8).write(to: URL(fileURLWithPath: good))
        let payload = try CIEnvironment(["GITHUB_EVENT_PATH": good]).eventPayload(fileSystem: LocalFileSystem())
        #expect(payload?["ref"]?.stringValue == "refs/tags/v1")
        #expect(payload?["head_commit"]?.isNull == true)

        #expect(try CIEnvironment([:]).eventPayload(fileSystem: LocalFileSystem()) == nil)

        let missing = directory.path("missing.json")
        let missingError = #expect(throws: InputError.self) {
            try CIEnvironment(["GITHUB_EVENT_PATH": missing]).eventPayload(fileSystem: LocalFileSystem())
        }
        #expect(missingError?.description.contains(missing) == true)

        let bad = directory.path("bad.json")
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: bad))
        let badError = #expect(throws: InputError.self) {
            try CIEnvironment(["GITHUB_EVENT_PATH": bad]).eventPayload(fileSystem: LocalFileSystem())
        }
        #expect(badError?.description.contains("not valid JSON") == true)
    }
}
