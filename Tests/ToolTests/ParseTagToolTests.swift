import Foundation
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// parse-tag run as a step would run it: the real binary, real payloads, real git.
@Suite struct ParseTagToolTests {
    let scratch = ScratchDirectory()
    let tool = BuiltTool(name: "parse-tag")

    func json(_ run: BuiltTool.Run) throws -> [String: String] {
        try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String], "stdout: \(run.stdout) stderr: \(run.stderr)")
    }

    func fixture(_ name: String) -> String { BuiltTool.fixtures.appendingPathComponent("events/\(name)").path }

    @Test func everyOutputEveryTimeInGitHubOutput() async throws {
        let environment = ["GITHUB_ACTIONS": "true", "GITHUB_REF": "refs/tags/v1.2.3-rc.1",
                           "GITHUB_OUTPUT": scratch.path("output"), "GITHUB_STEP_SUMMARY": scratch.path("summary")]
        let run = try await tool.run([], environment: environment, in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = try GitHubOutputFileParser.parse(scratch.read("output"))
        #expect(outputs.map(\.name) == ["tag", "component", "version", "scheme", "major", "minor", "patch",
                                        "prerelease", "build", "is-prerelease", "normalized", "previous-tag", "previous-version"])
        #expect(outputs.map(\.value) == ["v1.2.3-rc.1", "", "1.2.3-rc.1", "semver", "1", "2", "3",
                                         "rc.1", "", "true", "1.2.3-rc.1", "", ""])
        #expect(scratch.read("summary").contains("| v1.2.3-rc.1 | — | 1.2.3-rc.1 | yes |"))
    }

    @Test(arguments: [
        // tag, component, version, scheme, prerelease, build, is-prerelease, normalized
        ("aetherflow-core-v0.1.0rc1", "aetherflow-core", "0.1.0rc1", "pep440", "rc1", "", "true", "0.1.0rc1"),
        ("refs/tags/@scope/pkg@2.0.0-beta.3", "@scope/pkg", "2.0.0-beta.3", "semver", "beta.3", "", "true", "2.0.0-beta.3"),
        ("tools/gopls/v0.16.0", "tools/gopls", "0.16.0", "semver", "", "", "false", "0.16.0"),
        ("v2.0b1", "", "2.0b1", "pep440", "b1", "", "true", "2.0b1"),
        ("web-vercel-v1.0.0", "web-vercel", "1.0.0", "semver", "", "", "false", "1.0.0"),
        ("V1.2.3+build.7", "", "1.2.3+build.7", "semver", "", "build.7", "false", "1.2.3+build.7"),
        ("pkg_1.0.0-rc1", "pkg", "1.0.0-rc1", "semver", "rc1", "", "true", "1.0.0-rc1"),
        ("v1.0.dev3", "", "1.0.dev3", "pep440", "dev3", "", "true", "1.0.dev3"),
        ("v1!2.0+local-7", "", "1!2.0+local-7", "pep440", "", "local.7", "false", "1!2.0+local.7"),
    ])
    func parsesTagsAsStepOutputs(tag: String, component: String, version: String, scheme: String,
                                 prerelease: String, build: String, isPrerelease: String, normalized: String) async throws {
        let outputs = try json(try await tool.run([tag, "--json"], in: scratch.root))
        #expect(outputs["component"] == component)
        #expect(outputs["version"] == version)
        #expect(outputs["scheme"] == scheme)
        #expect(outputs["prerelease"] == prerelease)
        #expect(outputs["build"] == build)
        #expect(outputs["is-prerelease"] == isPrerelease)
        #expect(outputs["normalized"] == normalized)
    }

    @Test func schemeCanBeForced() async throws {
        let pep = try json(try await tool.run(["v1.2.3-rc.1", "--scheme", "pep440", "--json"], in: scratch.root))
        #expect(pep["scheme"] == "pep440")
        #expect(pep["normalized"] == "1.2.3rc1")
        let invalid = try await tool.run(["v2.0b1", "--scheme", "semver"], in: scratch.root)
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("v2.0b1"))
    }

    @Test(arguments: ["latest", "v", "release-", "v1.2.3/", "main"])
    func invalidTagsAreExitTwoNamingTheTag(tag: String) async throws {
        let run = try await tool.run([tag], in: scratch.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains(tag))
        #expect(run.stdout.isEmpty)
    }

    @Test func componentMustMatch() async throws {
        let run = try await tool.run(["aetherflow-core-v0.1.0", "--component", "aetherflow"], in: scratch.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("aetherflow-core"))
        let ok = try await tool.run(["aetherflow-core-v0.1.0", "--component", "aetherflow-core"], in: scratch.root)
        #expect(ok.status == 0)
    }

    // MARK: where the tag comes from

    @Test func releaseEventPayload() async throws {
        let environment = ["GITHUB_EVENT_NAME": "release", "GITHUB_EVENT_PATH": fixture("release.prereleased.json"),
                           "GITHUB_REF": "refs/heads/main"]
        let outputs = try json(try await tool.run(["--json"], environment: environment, in: scratch.root))
        #expect(outputs["tag"] == "0.0.1")
    }

    @Test func workflowRunOfATagPush() async throws {
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixture("workflow_run.completed.json")))) as! [String: Any]
        var run = object["workflow_run"] as! [String: Any]
        run["event"] = "push"
        run["head_branch"] = "core-v2.46.3"
        object["workflow_run"] = run
        let path = scratch.path("workflow_run.json")
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        // GITHUB_REF points at the default branch for workflow_run: it must not win.
        let environment = ["GITHUB_EVENT_NAME": "workflow_run", "GITHUB_EVENT_PATH": path, "GITHUB_REF": "refs/heads/main"]
        let outputs = try json(try await tool.run(["--json"], environment: environment, in: scratch.root))
        #expect(outputs["tag"] == "core-v2.46.3")
        #expect(outputs["component"] == "core")

        // The fixture as recorded is a repository_dispatch run on a branch: no tag there.
        let branchRun = try await tool.run([], environment: ["GITHUB_EVENT_NAME": "workflow_run",
                                                       "GITHUB_EVENT_PATH": fixture("workflow_run.completed.json"),
                                                       "GITHUB_REF": "refs/heads/main"], in: scratch.root)
        #expect(branchRun.status == 2)
        #expect(branchRun.stderr.contains("workflow_run payload is not for a tag push"))
    }

    @Test func workflowRunHeadBranchThatIsABranchHereIsNotATag() async throws {
        let sandbox = try await GitSandbox()
        try await sandbox.commit("feat: x")
        try await sandbox.git(["branch", "release-1.2.3"])
        let path = scratch.path("wr.json")
        try Data(#"{"workflow_run": {"event": "push", "head_branch": "release-1.2.3", "head_sha": "x", "conclusion": "success"}}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        let run = try await tool.run([], environment: ["GITHUB_EVENT_NAME": "workflow_run", "GITHUB_EVENT_PATH": path], in: sandbox.path)
        #expect(run.status == 2)
    }

    @Test(arguments: [("CI_COMMIT_TAG", "GITLAB_CI"), ("BUILDKITE_TAG", "BUILDKITE"), ("CIRCLE_TAG", "CIRCLECI"), ("TAG_NAME", "JENKINS_URL")])
    func otherCISystemsTagVariables(variable: String, marker: String) async throws {
        let outputs = try json(try await tool.run(["--json"], environment: [marker: "true", variable: "v3.1.4"], in: scratch.root))
        #expect(outputs["version"] == "3.1.4")
    }

    @Test func branchRefIsExitTwoSayingWhereItLooked() async throws {
        let run = try await tool.run([], environment: ["GITHUB_REF": "refs/heads/main"], in: scratch.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("GITHUB_REF is refs/heads/main"))
        #expect(run.stderr.contains("CI_COMMIT_TAG"))
    }

    @Test func gitLabDotenvReport() async throws {
        let run = try await tool.run(["--output-file", scratch.path("tag.env")],
                               environment: ["GITLAB_CI": "true", "CI_COMMIT_TAG": "aetherflow-v1.0.0rc2"], in: scratch.root)
        #expect(run.status == 0)
        let report = scratch.read("tag.env")
        #expect(report.contains("VERSION=1.0.0rc2\n"))
        #expect(report.contains("IS_PRERELEASE=true\n"))
        #expect(report.contains("COMPONENT=aetherflow\n"))
    }

    // MARK: previous-tag

    @Test func previousTagOnARepositoryWithMixedComponentsAndPrereleases() async throws {
        let sandbox = try await GitSandbox()
        try await sandbox.commit("feat: one", tags: ["v1.0.0", "core-v0.9.0"])
        try await sandbox.commit("feat: two", tags: ["v1.2.0", "web-vercel-v3.0.0", "not-a-release"])
        try await sandbox.commit("fix: three", tags: ["v1.3.0-rc.1", "core-v1.0.0rc1"])
        try await sandbox.commit("fix: four", tags: ["v1.3.0-rc.2", "v1.10.0-rc.1"])
        try await sandbox.commit("feat: five", tags: ["v1.3.0", "core-v1.0.0"])

        func previous(_ tag: String) async throws -> (String?, String?) {
            let outputs = try json(try await tool.run([tag, "--json"], in: sandbox.path))
            return (outputs["previous-tag"], outputs["previous-version"])
        }
        await #expect(try previous("v1.3.0") == ("v1.2.0", "1.2.0"), "a final skips its own prereleases")
        await #expect(try previous("v1.3.0-rc.2") == ("v1.3.0-rc.1", "1.3.0-rc.1"))
        await #expect(try previous("v1.3.0-rc.1") == ("v1.2.0", "1.2.0"))
        await #expect(try previous("v1.10.0") == ("v1.3.0", "1.3.0"), "version order, not text order")
        await #expect(try previous("v1.0.0") == ("", ""))
        await #expect(try previous("core-v1.0.0") == ("core-v0.9.0", "0.9.0"), "same component only")
        await #expect(try previous("core-v1.0.0rc2") == ("core-v1.0.0rc1", "1.0.0rc1"))
        await #expect(try previous("web-vercel-v3.1.0") == ("web-vercel-v3.0.0", "3.0.0"))
    }

    @Test func shallowCloneWarnsAndNamesFetchDepth() async throws {
        let sandbox = try await GitSandbox()
        try await sandbox.commit("one", tags: ["v1.0.0"])
        try await sandbox.commit("two", tags: ["v1.1.0"])
        let clone = scratch.path("shallow")
        try await sandbox.git(["clone", "-q", "--depth", "1", "--no-tags", "file://" + sandbox.path, clone])
        let run = try await tool.run(["v1.1.0"], environment: ["GITHUB_ACTIONS": "true"], in: clone)
        #expect(run.status == 0)
        #expect(run.stderr.contains("::warning title=parse-tag%3A shallow clone::"))
        #expect(run.stderr.contains("fetch-depth: 0"))
    }

    @Test func outsideARepositoryPreviousTagIsEmptyWithoutWarnings() async throws {
        let run = try await tool.run(["v1.1.0", "--json"], in: scratch.root)
        #expect(run.status == 0)
        #expect(try json(run)["previous-tag"] == "")
        #expect(run.stderr.isEmpty)
    }

    @Test func hostileTagTextCannotIssueCommands() async throws {
        let run = try await tool.run(["::error::x-v1.0.0%0A##[set-output name=a;]b"], environment: ["GITHUB_ACTIONS": "true"], in: scratch.root)
        #expect(run.status == 2)
        #expect(!run.stderr.contains("\n::error::x"))
        #expect(!run.stderr.contains("##["))
        #expect(run.stderr.hasPrefix("::error::"))
    }
}
