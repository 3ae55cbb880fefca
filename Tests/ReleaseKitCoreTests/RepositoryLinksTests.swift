import Testing
@testable import ReleaseKitCore

@Suite struct RepositoryLinksTests {
    @Test(arguments: [
        ("https://github.com/acme/widget.git", "https://github.com/acme/widget", RepositoryLinks.Forge.github),
        ("https://github.com/acme/widget", "https://github.com/acme/widget", .github),
        ("https://github.com/acme/widget/", "https://github.com/acme/widget", .github),
        ("https://x-access-token:ghs_secret@github.com/acme/widget.git", "https://github.com/acme/widget", .github),
        ("git@github.com:acme/widget.git", "https://github.com/acme/widget", .github),
        ("ssh://git@github.com/acme/widget.git", "https://github.com/acme/widget", .github),
        ("ssh://git@ghe.example.com:2222/acme/widget.git", "https://ghe.example.com/acme/widget", .github),
        ("https://ghe.example.com:8443/acme/widget.git", "https://ghe.example.com:8443/acme/widget", .github),
        ("git://github.com/acme/widget.git", "https://github.com/acme/widget", .github),
        ("https://gitlab.com/group/sub/project.git", "https://gitlab.com/group/sub/project", .gitlab),
        ("git@gitlab.example.com:group/sub/project.git", "https://gitlab.example.com/group/sub/project", .gitlab),
        ("http://git.internal/acme/widget", "http://git.internal/acme/widget", .github),
        ("https://codeberg.org/acme/widget.git", "https://codeberg.org/acme/widget", .gitea),
        ("git@gitea.example.com:acme/widget.git", "https://gitea.example.com/acme/widget", .gitea),
    ])
    func remoteForms(remote: String, base: String, forge: RepositoryLinks.Forge) throws {
        let links = try #require(RepositoryLinks(remoteURL: remote))
        #expect(links.baseURL == base)
        #expect(links.forge == forge)
        #expect(!links.baseURL.contains("secret"))
    }

    @Test(arguments: ["/srv/git/widget.git", "../widget", "file:///srv/git/widget.git", "widget", "", "https://github.com/acme", "ftp://x/a/b"])
    func noLinksWithoutAWebView(remote: String) {
        #expect(RepositoryLinks(remoteURL: remote) == nil)
    }

    @Test func fromTheCIEnvironment() throws {
        let github = try #require(RepositoryLinks(serverURL: "https://github.com/", repository: "acme/widget"))
        #expect(github.commit("abc") == "https://github.com/acme/widget/commit/abc")
        #expect(github.issue("12") == "https://github.com/acme/widget/issues/12")
        #expect(github.compare("v1.0.0", "v1.1.0") == "https://github.com/acme/widget/compare/v1.0.0...v1.1.0")
        #expect(github.tag("v1.0.0") == "https://github.com/acme/widget/releases/tag/v1.0.0")
        let gitlab = try #require(RepositoryLinks(serverURL: "https://code.example.com", repository: "g/s/p", forge: .gitlab))
        #expect(gitlab.commit("abc") == "https://code.example.com/g/s/p/-/commit/abc")
        #expect(gitlab.issue("7") == "https://code.example.com/g/s/p/-/issues/7")
        #expect(gitlab.compare("a", "b") == "https://code.example.com/g/s/p/-/compare/a...b")
        #expect(gitlab.tag("v1") == "https://code.example.com/g/s/p/-/tags/v1")
        let forgejo = try #require(RepositoryLinks(serverURL: "https://git.example.org", repository: "acme/widget", forge: .gitea))
        #expect(forgejo.commit("abc") == "https://git.example.org/acme/widget/commit/abc")
        #expect(forgejo.compare("v1.0.0", "v1.1.0") == "https://git.example.org/acme/widget/compare/v1.0.0...v1.1.0")
        #expect(forgejo.file("CHANGELOG.md", at: "v1.1.0") == "https://git.example.org/acme/widget/src/tag/v1.1.0/CHANGELOG.md")
        #expect(github.file("CHANGELOG.md", at: "v1.0.0") == "https://github.com/acme/widget/blob/v1.0.0/CHANGELOG.md")
        #expect(gitlab.file("CHANGELOG.md", at: "v1") == "https://code.example.com/g/s/p/-/blob/v1/CHANGELOG.md")
        #expect(RepositoryLinks(serverURL: "not a url", repository: "acme/widget") == nil)
        #expect(RepositoryLinks(serverURL: "https://github.com", repository: "widget") == nil)
    }
}
