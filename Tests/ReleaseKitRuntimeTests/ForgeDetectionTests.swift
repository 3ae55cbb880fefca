import ReleaseKitCore
import Testing
@testable import ReleaseKitRuntime

@Suite struct ForgeDetectionTests {
    static let gitlab = ["GITLAB_CI": "true", "CI_API_V4_URL": "https://gitlab.example/api/v4", "CI_PROJECT_ID": "42",
                         "CI_PROJECT_PATH": "group/app"]
    static let actions = ["GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://codeberg.org", "GITHUB_REPOSITORY": "o/r"]

    @Test(arguments: [
        ([String: String](), ForgeKind.github),
        (gitlab, .gitlab),
        // A GitLab marker without the project variables is not enough to leave GitHub.
        (["GITLAB_CI": "true", "CI_PROJECT_ID": "42"], .github),
        (gitlab.merging(["GITLAB_CI": "false"]), .github),
        (actions.merging(["FORGEJO_ACTIONS": "true"]), .forgejo),
        (actions.merging(["GITEA_ACTIONS": "true"]), .gitea),
        (["GITEA_ACTIONS": "true", "GITHUB_REPOSITORY": "o/r"], .github),
        (actions, .github),
    ])
    func detectsTheForge(environment: [String: String], expected: ForgeKind) {
        #expect(CIEnvironment(environment).detectedForge == expected)
    }

    @Test func tokensComeFromTheForgesOwnVariablesFirst() {
        let all = ["GITHUB_TOKEN": "gh", "GH_TOKEN": "gh2", "GITEA_TOKEN": "gt", "FORGEJO_TOKEN": "fj",
                   "GITLAB_TOKEN": "gl", "CI_JOB_TOKEN": "job", "MINE": "mine"]
        let ci = CIEnvironment(all)
        #expect(ci.token(forge: .github)?.value == "gh")
        #expect(ci.token(forge: .gitea)?.value == "gt")
        #expect(ci.token(forge: .forgejo)?.value == "fj")
        #expect(ci.token(forge: .gitlab)?.variable == "GITLAB_TOKEN")
        #expect(ci.token(preferring: "MINE", forge: .gitea)?.value == "mine")
        let runnerOnly = CIEnvironment(["GITHUB_TOKEN": "gh", "CI_JOB_TOKEN": "job"])
        #expect(runnerOnly.token(forge: .forgejo)?.variable == "GITHUB_TOKEN")
        #expect(runnerOnly.token(forge: .gitlab)?.variable == "CI_JOB_TOKEN")
        // GitHub never reads another forge's token.
        #expect(CIEnvironment(["GITEA_TOKEN": "gt"]).token(forge: .github) == nil)
    }
}

private extension Dictionary where Key == String, Value == String {
    func merging(_ other: [String: String]) -> [String: String] { merging(other) { _, new in new } }
}
