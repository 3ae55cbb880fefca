import Foundation
import Testing
@testable import Git
import ReleaseKitTestSupport

@Suite struct RepositoryTests {
    @Test func listsTagsAndDetectsShallowClone() async throws {
        let sandbox = try await GitSandbox()
        try await sandbox.commit("first")
        try await sandbox.git(["tag", "v1.0.0"])
        try await sandbox.commit("second")
        try await sandbox.git(["tag", "-a", "v1.1.0", "-m", "annotated"])
        let repository = Repository(path: sandbox.path, runner: TestProcessRunner.shared)
        #expect(try await repository.tagNames().sorted() == ["v1.0.0", "v1.1.0"])
        #expect(try await repository.isShallow() == false)

        let clonePath = sandbox.path + "-shallow"
        defer { try? FileManager.default.removeItem(atPath: clonePath) }
        try await sandbox.git(["clone", "-q", "--depth", "1", "--no-tags", "file://" + sandbox.path, clonePath])
        let shallow = Repository(path: clonePath, runner: TestProcessRunner.shared)
        #expect(try await shallow.isShallow())
        #expect(try await shallow.tagNames().isEmpty)
    }

    @Test func discoverFindsTopLevelAndNilOutside() async throws {
        let sandbox = try await GitSandbox()
        let nested = sandbox.path + "/a/b"
        try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
        let found = await Repository.discover(at: nested, runner: TestProcessRunner.shared)
        #expect(found?.path == URL(fileURLWithPath: sandbox.path).resolvingSymlinksInPath().path)
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("rk-nogit-\(UUID())").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        #expect(await Repository.discover(at: outside, runner: TestProcessRunner.shared) == nil)
    }

    @Test func failureCarriesArgvStatusAndStderr() async throws {
        let sandbox = try await GitSandbox()
        let repository = Repository(path: sandbox.path, runner: TestProcessRunner.shared)
        do {
            try await repository.run(["rev-parse", "--verify", "no-such-ref"])
            Issue.record("expected a failure")
        } catch let error as GitError {
            #expect(error.status != 0)
            #expect(error.invocation.arguments.contains("no-such-ref"))
            #expect(error.description.contains("no-such-ref"))
        }
    }
}
