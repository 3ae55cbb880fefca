import Testing
@testable import ReleaseKitRuntime

@Suite struct CIProviderTests {
    @Test(arguments: [
        (["GITHUB_ACTIONS": "true"], CIProvider.githubActions),
        (["GITHUB_ACTIONS": "true", "FORGEJO_ACTIONS": "true"], .forgejoActions),
        (["GITHUB_ACTIONS": "true", "GITEA_ACTIONS": "true"], .giteaActions),
        (["GITLAB_CI": "true"], .gitlab),
        (["BUILDKITE": "true"], .buildkite),
        (["CIRCLECI": "true"], .circleci),
        (["JENKINS_URL": "https://ci.example/"], .jenkins),
        (["CI": "true"], .local),
        (["GITHUB_ACTIONS": "false"], .local),
        ([:], .local),
    ])
    func detectsProvider(environment: [String: String], expected: CIProvider) {
        #expect(CIProvider.detect(in: environment) == expected)
    }
}
