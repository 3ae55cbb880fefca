import Foundation
import Testing
@testable import ReleaseKitCI
import ReleaseKitTestSupport

@Suite struct LocalFileSystemTests {
    let directory = ScratchDirectory()
    let fileSystem = LocalFileSystem()

    @Test func atomicWriteReplacesContentKeepsModeAndLeavesNoTemporaryFile() throws {
        let path = directory.path("VERSION")
        try fileSystem.writeAtomically(Data("1.0.0\n".utf8), to: path)
        chmod(path, 0o600)
        try fileSystem.writeAtomically(Data("1.1.0\n".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "1.1.0\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.root) == ["VERSION"])
    }

    @Test func failedWriteNamesThePathAndKeepsNothingBehind() throws {
        let path = directory.path("missing-dir/file")
        #expect(throws: FileError.self) { try fileSystem.writeAtomically(Data("x".utf8), to: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.root).isEmpty)
    }

    @Test func readErrorsAreInputErrorsNamingThePath() {
        do {
            _ = try fileSystem.read(directory.path("nope.json"))
            Issue.record("expected an error")
        } catch let error as FileError {
            #expect(error.kind == .invalidInput)
            #expect(error.description.contains("nope.json"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func appendCreatesAndAppends() throws {
        let path = directory.path("out")
        try fileSystem.append(Data("a".utf8), to: path)
        try fileSystem.append(Data("b".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "ab")
        #expect(fileSystem.size(of: path) == 2)
    }
}
