import Foundation
import Testing
@testable import GitHubAPI

@Suite struct AssetNameTests {
    @Test(arguments: [
        ("app-1.0.0-linux-x86_64.tar.gz", "app-1.0.0-linux-x86_64.tar.gz"),
        ("my app (x64).zip", "my.app..x64..zip"),
        ("a~b:c.txt", "a.b.c.txt"),
        ("pkg@1.0+build_2.whl", "pkg@1.0+build_2.whl"),
        ("naïve.txt", "na.ve.txt"),
    ])
    func sanitizesLikeGitHub(input: String, expected: String) {
        #expect(AssetName.sanitized(input) == expected)
    }

    @Test(arguments: [
        ("x.tar.gz", "application/gzip"), ("x.zip", "application/zip"), ("SHA256SUMS", "application/octet-stream"),
        ("notes.txt", "text/plain"), ("x.deb", "application/vnd.debian.binary-package"), ("x.unknown", "application/octet-stream"),
    ])
    func contentTypeFromExtension(name: String, type: String) {
        #expect(ContentType.forFile(named: name) == type)
    }

    @Test func linkHeaderFromTheRecordedPagination() throws {
        let exchanges = try Fixtures.exchanges("paginate-issues.json")
        let headers = try #require(exchanges[1]["headers"] as? [String: Any])
        let link = LinkHeader(headers["link"] as? String)
        #expect(link.next?.absoluteString == "https://api.github.com/repositories/1000/issues?per_page=3&page=3")
        #expect(link.links["prev"]?.absoluteString == "https://api.github.com/repositories/1000/issues?per_page=3&page=1")
        #expect(LinkHeader(nil).next == nil)
    }

    @Test func uploadURLTemplateIsExpanded() {
        let url = GitHubClient.expandUploadURL("https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}", name: "a b&c.txt", label: "The label")
        #expect(url?.absoluteString == "https://uploads.github.com/repos/o/r/releases/1/assets?name=a%20b%26c.txt&label=The%20label")
    }
}
