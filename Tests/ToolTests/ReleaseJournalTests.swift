import Foundation
import Git
import Testing
import ReleaseKitCore
@testable import ReleaseKitRuntime
@testable import ReleaseKitCommands
import ReleaseKitTestSupport

/// The journal's rollback undoes only what its run made, checked by identity: a
/// tag, branch or file that someone else changed since is left as it is (the bug
/// of issue 18 #1 was a loser's rollback undoing the winner's release by name).
@Suite struct ReleaseJournalTests {
    enum Interference: String, CaseIterable {
        case none, tagRecreatedElsewhere, branchMovedOn, fileEditedAgain, commitNotRecorded, tagNotRecorded, foreignCommitWhileCommitting
    }

    @Test(arguments: Interference.allCases)
    func rollBackUndoesOnlyItsOwnWork(interference: Interference) async throws {
        let repo = try await GitSandbox()
        try Data("1.2.0\n".utf8).write(to: URL(fileURLWithPath: repo.path + "/VERSION"))
        try await repo.git(["add", "."])
        try await repo.commit("feat: first", tags: ["v1.2.0"])
        let head = try await sha(repo, "HEAD")
        let repository = Repository(path: repo.path, runner: TestProcessRunner.shared)
        let sink = BufferSink()
        let log = Log(sink: sink, usesWorkflowCommands: false)

        let ref = VersionFileRef(absolutePath: repo.path + "/VERSION", displayPath: "VERSION", spec: VersionFileSpec(path: "VERSION"))
        let file = try VersionFile(ref.spec)
        var planned = PlannedFile(ref: ref, file: file, old: Array("1.2.0\n".utf8), locations: try file.locate(in: Array("1.2.0\n".utf8)))
        planned.new = Array("1.3.0\n".utf8)
        let gitDirectory = try await repository.commonGitDirectory()
        let journal = try await ReleaseJournal(gitDirectory: gitDirectory, repository: repository, files: [planned],
                                         fileSystem: LocalFileSystem(), host: "test", log: log)
        _ = try await journal.replaceFiles([planned])

        // The run's commit and tag, as GitSession makes them.
        try journal.committing("release: 1.3.0")
        if interference == .foreignCommitWhileCommitting {
            try await repo.git(["commit", "-q", "--allow-empty", "-m", "someone else"])
        } else {
            try await repo.git(["commit", "-q", "-m", "release: 1.3.0", "--", "VERSION"])
        }
        let ours = try await sha(repo, "HEAD")
        if interference != .commitNotRecorded, interference != .foreignCommitWhileCommitting {
            try journal.committed(ours)
            try journal.tagging("v1.3.0", at: ours)
            try await repo.git(["tag", "-a", "v1.3.0", "-m", "release: 1.3.0", ours])
            // Killed between `git tag` and the journal's note of it: the tag marks our
            // commit, which is identity enough.
            if interference != .tagNotRecorded { try await journal.tagged("v1.3.0", object: try sha(repo, "refs/tags/v1.3.0")) }
        }

        switch interference {
        case .tagRecreatedElsewhere:
            try await repo.git(["tag", "-d", "v1.3.0"])
            try await repo.git(["tag", "-a", "v1.3.0", "-m", "theirs", head])
        case .branchMovedOn:
            try await repo.git(["commit", "-q", "--allow-empty", "-m", "work on top"])
        case .fileEditedAgain:
            try Data("9.9.9\n".utf8).write(to: URL(fileURLWithPath: repo.path + "/VERSION"))
        default:
            break
        }
        let branchBefore = try await sha(repo, "refs/heads/main")
        let tagBefore = try? await sha(repo, "refs/tags/v1.3.0")
        _ = await journal.rollBack()
        journal.finish()

        let version = String(decoding: FileManager.default.contents(atPath: repo.path + "/VERSION") ?? Data(), as: UTF8.self)
        switch interference {
        case .none, .commitNotRecorded, .tagNotRecorded:
            await #expect(try repo.git(["tag"]) == "v1.2.0\n")
            await #expect(try sha(repo, "refs/heads/main") == head)
            #expect(version == "1.2.0\n")
            await #expect(try repo.git(["status", "--porcelain"]).isEmpty)
        case .tagRecreatedElsewhere:
            await #expect(try sha(repo, "refs/tags/v1.3.0") == tagBefore, "their tag stays")
            await #expect(try sha(repo, "v1.3.0^{commit}") == head)
            await #expect(try sha(repo, "refs/heads/main") == head, "our commit is still undone")
        case .branchMovedOn:
            await #expect(try sha(repo, "refs/heads/main") == branchBefore, "work on top of our commit stays")
            await #expect(try repo.git(["tag"]) == "v1.2.0\n", "our tag is still removed")
            #expect(version == "1.3.0\n", "the files of a commit that stays stay")
        case .fileEditedAgain:
            #expect(version == "9.9.9\n", "an edit after ours stays")
        case .foreignCommitWhileCommitting:
            await #expect(try sha(repo, "refs/heads/main") == branchBefore, "a commit that is not ours stays")
            #expect(version == "1.2.0\n")
        }
        #expect(!FileManager.default.fileExists(atPath: ReleaseJournal.directory(in: gitDirectory)))
    }

    func sha(_ repo: GitSandbox, _ revision: String) async throws -> String {
        try await repo.git(["rev-parse", revision]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
