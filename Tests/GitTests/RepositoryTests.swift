import Foundation
import Testing
@testable import Git
import ReleaseKitTestSupport

@Suite struct RepositoryTests {
    @Test func listsTagsAndDetectsShallowClone() throws {
        let sandbox = try GitSandbox()
        try sandbox.commit("first")
        try sandbox.git(["tag", "v1.0.0"])
        try sandbox.commit("second")
        try sandbox.git(["tag", "-a", "v1.1.0", "-m", "annotated"])
        let repository = Repository(path: sandbox.path, runner: SystemProcessRunner())
        #expect(try repository.tagNames().sorted() == ["v1.0.0", "v1.1.0"])
        #expect(try repository.isShallow() == false)

        let clonePath = sandbox.path + "-shallow"
        defer { try? FileManager.default.removeItem(atPath: clonePath) }
        try sandbox.git(["clone", "-q", "--depth", "1", "--no-tags", "file://" + sandbox.path, clonePath])
        let shallow = Repository(path: clonePath, runner: SystemProcessRunner())
        #expect(try shallow.isShallow())
        #expect(try shallow.tagNames().isEmpty)
    }

    @Test func discoverFindsTopLevelAndNilOutside() throws {
        let sandbox = try GitSandbox()
        let nested = sandbox.path + "/a/b"
        try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
        let found = Repository.discover(at: nested, runner: SystemProcessRunner())
        #expect(found?.path == URL(fileURLWithPath: sandbox.path).resolvingSymlinksInPath().path)
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("rk-nogit-\(UUID())").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        #expect(Repository.discover(at: outside, runner: SystemProcessRunner()) == nil)
    }

    @Test func failureCarriesArgvStatusAndStderr() throws {
        let sandbox = try GitSandbox()
        let repository = Repository(path: sandbox.path, runner: SystemProcessRunner())
        do {
            try repository.run(["rev-parse", "--verify", "no-such-ref"])
            Issue.record("expected a failure")
        } catch let error as GitError {
            #expect(error.status != 0)
            #expect(error.invocation.arguments.contains("no-such-ref"))
            #expect(error.description.contains("no-such-ref"))
        }
    }
}
