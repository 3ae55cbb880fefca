import Foundation
import Testing
@testable import Git
import ReleaseKitCore
import ReleaseKitTestSupport

@Suite struct HistoryTests {
    /// Writes the commit object by hand: `git commit` refuses NUL bytes, but other
    /// tools (fast-import, libgit2) write them.
    func commitRaw(_ repository: GitSandbox, _ bytes: [UInt8]) async throws {
        let tree = try await repository.git(["hash-object", "-t", "tree", "-w", "/dev/null"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = try? await repository.git(["rev-parse", "--verify", "-q", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        var object = "tree \(tree)\n"
        if let parent, !parent.isEmpty { object += "parent \(parent)\n" }
        object += "author A <a@example.com> 1767225600 +0000\ncommitter A <a@example.com> 1767225600 +0000\n\n"
        let file = repository.path + "/.git/OBJECT"
        try (Data(object.utf8) + Data(bytes)).write(to: URL(fileURLWithPath: file))
        let sha = try await repository.git(["hash-object", "-t", "commit", "-w", "--literally", file]).trimmingCharacters(in: .whitespacesAndNewlines)
        try await repository.git(["update-ref", "HEAD", sha])
    }

    @Test func readsEveryFieldInTopologicalOrder() async throws {
        let repository = try await GitSandbox()
        try await repository.commit("feat: one")
        try await repository.git(["checkout", "-q", "-b", "side"])
        try await repository.commit("fix: side")
        try await repository.git(["checkout", "-q", "main"])
        try await repository.commit("feat: two")
        try await repository.git(["merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side"])
        let git = Repository(path: repository.path, runner: TestProcessRunner.shared)
        let commits = try await git.history(revisions: ["HEAD"])
        #expect(commits.count == 4)
        #expect(commits[0].message == "Merge branch 'side'\n")
        #expect(commits[0].parents.count == 2)
        #expect(commits[0].authorName == "Test Author")
        #expect(commits[0].authorEmail == "author@example.com")
        #expect(commits[0].date == "2026-01-01")
        #expect(commits.last?.message == "feat: one\n")
        #expect(commits.last?.parents == [])
        // Children always come before their parents.
        let position = Dictionary(uniqueKeysWithValues: commits.enumerated().map { ($1.sha, $0) })
        for (index, commit) in commits.enumerated() {
            for parent in commit.parents { #expect(position[parent]! > index) }
        }
    }

    @Test func hostileMessagesComeBackVerbatim() async throws {
        let repository = try await GitSandbox()
        let hostile = [
            "feat: a\u{1e}\u{1f}fake\u{1e}record\n",
            "fix: b\n\n0123456789012345678901234567890123456789\u{0}\n",
            "::error::boom\n%x00 ##[group]x\n",
            "feat: " + String(repeating: "long line ", count: 100_000) + "\n",
        ]
        for message in hostile {
            try await commitRaw(repository, Array(message.utf8))
        }
        try await commitRaw(repository, Array("fix: bad \u{FF} bytes\n".utf8.prefix(9)) + [0xFF, 0xFE] + Array(" tail\n".utf8))
        let git = Repository(path: repository.path, runner: TestProcessRunner.shared)
        let commits = try await git.history(revisions: ["HEAD"])
        #expect(commits.count == 5)
        #expect(commits[0].message == "fix: bad \u{FFFD}\u{FFFD} tail\n")
        #expect(commits[1].message.utf8.count == hostile[3].utf8.count)
        #expect(commits[2].message == hostile[2])
        // git itself stops a message at a NUL byte; the rest of the record is intact.
        #expect(commits[3].message == "fix: b\n\n0123456789012345678901234567890123456789")
        #expect(commits[4].message == hostile[0])
    }

    @Test func truncatedStreamIsAnError() throws {
        let data = Data("0123456789012345678901234567890123456789\0\0a\0b\0".utf8)
        #expect(throws: OperationError.self) { try Repository.parseHistory(data) }
        #expect(throws: OperationError.self) { try Repository.parseHistory(Data("not-a-sha\0\0a\0b\0d\0m\0".utf8)) }
        #expect(try Repository.parseHistory(Data()).isEmpty)
    }

    @Test func tagsArePeeledWithTheirDates() async throws {
        let repository = try await GitSandbox()
        try await repository.commit("feat: one")
        try await repository.git(["tag", "v1.0.0"])
        try await repository.commit("feat: two")
        try await repository.git(["tag", "-a", "-m", "release", "v1.1.0"])
        let git = Repository(path: repository.path, runner: TestProcessRunner.shared)
        let head = try #require(await git.commitID(of: "HEAD"))
        let tags = try await git.tagReferences()
        #expect(tags.map(\.name) == ["v1.0.0", "v1.1.0"])
        #expect(tags[1].commit == head)
        #expect(tags[1].date == "2026-01-01")
        #expect(try await git.tagNames(mergedInto: "HEAD~1") == ["v1.0.0"])
        #expect(await git.commitID(of: "--output=/tmp/x") == nil)
    }

    @Test func historyArgumentsEndOptionsBeforeRevisions() {
        let git = Repository(path: "/r", runner: TestProcessRunner.shared)
        let arguments = git.historyArguments(revisions: ["--output=/tmp/x", "^v1"])
        #expect(arguments.suffix(4) == ["--end-of-options", "--output=/tmp/x", "^v1", "--"])
    }
}
