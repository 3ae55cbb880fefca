import Testing
@testable import ReleaseKitCore

@Suite struct ContributorTests {
    @Test(arguments: [
        ("12345+octocat@users.noreply.github.com", "octocat"),
        ("octocat@users.noreply.github.com", "octocat"),
        ("41898282+github-actions[bot]@users.noreply.github.com", "github-actions[bot]"),
        ("49699333+dependabot[bot]@Users.NoReply.GitHub.com", "dependabot[bot]"),
        ("octocat@example.com", nil),
        ("@users.noreply.github.com", nil),
        ("a b@users.noreply.github.com", nil),
        ("user@users.noreply.github.com.evil.example", nil),
        ("+octocat@users.noreply.github.com", nil),
        ("12a+octocat@users.noreply.github.com", nil),
        ("12345+@users.noreply.github.com", nil),
        ("12345+Octo_Cat-9@users.noreply.github.com", "Octo_Cat-9"),
        ("123+oct\u{301}ocat@users.noreply.github.com", nil),
        ("1\u{301}+octocat@users.noreply.github.com", nil),
        ("123+\u{301}octocat@users.noreply.github.com", nil),
        ("zoë@users.noreply.github.com", nil),
        ("a{b}@users.noreply.github.com", nil),
        ("a@b@users.noreply.github.com", nil),
        ("a\r\nb@users.noreply.github.com", nil),
    ] as [(String, String?)])
    func loginFromNoReplyEmail(email: String, login: String?) {
        #expect(Contributor.gitHubLogin(fromEmail: email) == login)
    }

    @Test func releaseListsEachContributorOnceOldestFirst() {
        let release = ChangelogSamples.release([
            ChangelogSamples.entry("fix: c", author: "Octo Cat", email: "1+octocat@users.noreply.github.com"),
            ChangelogSamples.entry("fix: b", author: "Ada", email: "ADA@example.com"),
            ChangelogSamples.entry("fix: a", author: "Ada Lovelace", email: "ada@example.com"),
        ])
        #expect(release.contributors.map(\.displayName) == ["Ada Lovelace", "@octocat"])
    }
}
