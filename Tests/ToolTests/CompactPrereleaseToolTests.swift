import Foundation
import Testing
import ReleaseKitTestSupport

/// The one order of compact prereleases (`rc2 < rc10`) as parse-tag and
/// render-changelog show it on a real repository.
@Suite struct CompactPrereleaseToolTests {
    func repository() async throws -> GitSandbox {
        let sandbox = try await GitSandbox()
        try await sandbox.commit("feat: base", tags: ["v1.2.0"])
        for number in [1, 2, 9, 10, 11] {
            try await sandbox.commit("fix: candidate \(number)", tags: ["v1.3.0-rc\(number)"])
        }
        return sandbox
    }

    @Test func parseTagsPreviousTagCountsPastNine() async throws {
        let sandbox = try await repository()
        let tool = BuiltTool(name: "parse-tag")
        for (tag, previous) in [("v1.3.0-rc11", "v1.3.0-rc10"), ("v1.3.0-rc10", "v1.3.0-rc9"), ("v1.3.0-rc2", "v1.3.0-rc1"),
                                ("v1.3.0", "v1.2.0")] {
            let run = try await tool.run([tag, "--json"], in: sandbox.path)
            #expect(run.status == 0, "\(run.stderr)")
            let outputs = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String])
            #expect(outputs["previous-tag"] == previous, "\(tag)")
        }
    }

    @Test func renderChangelogListsTheReleasesInThatOrder() async throws {
        let sandbox = try await repository()
        let run = try await BuiltTool(name: "render-changelog").run(["--all", "--json"], in: sandbox.path)
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String])
        let headings = (outputs["notes"] ?? "").split(separator: "\n").filter { $0.hasPrefix("## ") }.map { $0.split(separator: " ")[1] }
        #expect(headings == ["[1.3.0-rc11]", "[1.3.0-rc10]", "[1.3.0-rc9]", "[1.3.0-rc2]", "[1.3.0-rc1]", "[1.2.0]"])
        let section = (outputs["notes"] ?? "").components(separatedBy: "## [1.3.0-rc10]").last?.components(separatedBy: "\n## ").first ?? ""
        #expect(section.contains("candidate 10") && !section.contains("candidate 9"), "\(section)")
    }
}
