import Foundation
import Testing
@testable import ReleaseKitRuntime
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

/// Issue 18, class 7: the rename behind an atomic write replaced FIFOs, symlinks and
/// devices (as root, `/dev/full`) with regular files.
@Suite struct AtomicWriteTargetTests {
    let directory = ScratchDirectory()
    let fileSystem = LocalFileSystem()

    @Test("an atomic write refuses anything but a regular file and leaves it as it was",
          arguments: SpecialFile.allCases)
    func refusesWhatIsNotARegularFile(kind: SpecialFile) throws {
        let path = directory.path("out")
        guard kind.make(at: path) else { return }
        let before = SpecialFile.type(at: path)
        let listing = try FileManager.default.contentsOfDirectory(atPath: directory.root).sorted()
        do {
            try fileSystem.writeAtomically(Data("x\n".utf8), to: path)
            Issue.record("\(kind) at \(path) was replaced")
        } catch let error as FileError {
            #expect(error.kind == .invalidInput)
            #expect(error.description.hasPrefix("cannot write \(path): it is "))
            #expect(error.description.contains(WritableTarget.kind(of: path).phrase))
        }
        #expect(SpecialFile.type(at: path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.root).sorted() == listing)
    }

    @Test func aSymlinkCanBeWrittenThroughWhenTheCallerAsks() throws {
        let path = directory.path("VERSION")
        #expect(SpecialFile.symlink.make(at: path))
        try fileSystem.writeAtomically(Data("2.0.0\n".utf8), to: path, symlinks: .writeTarget)
        #expect(SpecialFile.type(at: path) == S_IFLNK)
        #expect(directory.read("VERSION.target") == "2.0.0\n")
        #expect(throws: FileError.self) {
            try fileSystem.writeAtomically(Data("3.0.0\n".utf8), to: path)
        }
        let dangling = directory.path("dangling")
        #expect(SpecialFile.danglingSymlink.make(at: dangling))
        #expect(throws: FileError.self) {
            try fileSystem.writeAtomically(Data("x".utf8), to: dangling, symlinks: .writeTarget)
        }
    }

    @Test func aRegularFileOrANewPathIsWritten() throws {
        try fileSystem.writeAtomically(Data("a".utf8), to: directory.path("new"), symlinks: .writeTarget)
        try fileSystem.writeAtomically(Data("b".utf8), to: directory.path("new"))
        #expect(directory.read("new") == "b")
    }

    // MARK: crash-safe writes (the release journal's)

    @Test func aPrivateDirectoryIsTheOwnersAloneAndNeverReused() throws {
        let path = directory.path("journal")
        try fileSystem.createPrivateDirectory(path)
        #expect(fileSystem.permissions(of: path) == 0o700)
        #expect(throws: FileError.self) { try fileSystem.createPrivateDirectory(path) }
    }

    @Test func aDurableWriteSetsTheModeAndNeverFollowsASymlink() throws {
        let path = directory.path("backup")
        try fileSystem.writeDurably(Data("old".utf8), to: path, permissions: 0o600)
        #expect(fileSystem.permissions(of: path) == 0o600)
        #expect(directory.read("backup") == "old")
        try fileSystem.writeAtomically(Data("target".utf8), to: directory.path("target"))
        try FileManager.default.createSymbolicLink(atPath: directory.path("link"), withDestinationPath: directory.path("target"))
        #expect(throws: FileError.self) { try fileSystem.writeDurably(Data("x".utf8), to: directory.path("link"), permissions: 0o600) }
        #expect(directory.read("target") == "target")
    }

    @Test func aRenameReplacesTheTargetOrSaysWhyNot() throws {
        try fileSystem.writeAtomically(Data("new".utf8), to: directory.path("a.tmp"))
        try fileSystem.writeAtomically(Data("old".utf8), to: directory.path("a"))
        try fileSystem.rename(directory.path("a.tmp"), to: directory.path("a"))
        #expect(directory.read("a") == "new")
        #expect(!fileSystem.exists(directory.path("a.tmp")))
        #expect(throws: FileError.self) { try fileSystem.rename(directory.path("gone"), to: directory.path("a")) }
        // /dev/shm is another file system than the scratch directory where it exists.
        if fileSystem.isDirectory("/dev/shm"), let scratchDevice = try? FileManager.default.attributesOfItem(atPath: directory.root)[.systemNumber] as? NSNumber,
           let shmDevice = try? FileManager.default.attributesOfItem(atPath: "/dev/shm")[.systemNumber] as? NSNumber, scratchDevice != shmDevice {
            let elsewhere = "/dev/shm/releasekit-rename-\(UUID().uuidString)"
            defer { try? fileSystem.remove(elsewhere) }
            #expect(throws: CrossDeviceRename.self) { try fileSystem.rename(directory.path("a"), to: elsewhere) }
        }
    }
}
