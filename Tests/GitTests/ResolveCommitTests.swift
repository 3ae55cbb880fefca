import Foundation
import Testing
import Git
import ReleaseKitTestSupport

/// `resolveCommit` answers nil only for a name that names nothing; a commit git
/// cannot read is an error, so no tool reports a corrupt repository as empty
/// (issue 18 #11).
@Suite struct ResolveCommitTests {
    enum Damage: String, CaseIterable { case overwritten, truncated, removed }

    @Test func namesThatNameNothingAreNil() async throws {
        let sandbox = try await GitSandbox()
        let repository = Repository(path: sandbox.path, runner: TestProcessRunner.shared)
        #expect(try await repository.resolveCommit("HEAD") == nil, "unborn HEAD")
        try await sandbox.commit("first")
        #expect(try await repository.resolveCommit("HEAD") != nil)
        #expect(try await repository.resolveCommit("refs/tags/missing") == nil)
        #expect(try await repository.resolveCommit("no-such-branch") == nil)
    }

    @Test(arguments: Damage.allCases)
    func aHeadGitCannotReadThrows(damage: Damage) async throws {
        let sandbox = try await GitSandbox()
        try await sandbox.commit("first")
        try await sandbox.commit("second")
        let head = try await sandbox.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let object = sandbox.path + "/.git/objects/" + head.prefix(2) + "/" + head.dropFirst(2)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object)
        switch damage {
        case .overwritten: try Data("garbage".utf8).write(to: URL(fileURLWithPath: object))
        case .truncated: try Data().write(to: URL(fileURLWithPath: object))
        case .removed: try FileManager.default.removeItem(atPath: object)
        }
        let repository = Repository(path: sandbox.path, runner: TestProcessRunner.shared)
        await #expect(throws: GitError.self, "\(damage)") { try await repository.resolveCommit("HEAD") }
        #expect(await repository.commitSHA("HEAD") == nil)
    }
}
