import Foundation
import Testing
import ReleaseKitTestSupport
import ReleaseKitCore
@testable import ReleaseKitRuntime
@testable import ReleaseKitCommands

/// All-or-nothing writes: when the third file cannot be written, the first two get
/// their old content back.
@Suite struct VersionFileWriterTests {
    /// In memory; the write to `failing` fails, as a full disk or a read-only file would.
    final class FlakyFileSystem: FileSystem, @unchecked Sendable {
        var files: [String: Data]
        let failing: String
        private(set) var writes: [String] = []

        init(files: [String: Data], failing: String) {
            self.files = files
            self.failing = failing
        }

        func read(_ path: String) throws -> Data {
            guard let data = files[path] else { throw FileError(path: path, action: "read", reason: "no such file") }
            return data
        }
        func exists(_ path: String) -> Bool { files[path] != nil }
        func size(of path: String) -> Int? { files[path]?.count }
        func writeAtomically(_ data: Data, to path: String) throws {
            writes.append(path)
            if path == failing, data != files[path] { throw FileError(path: path, action: "write", reason: "No space left on device") }
            files[path] = data
        }
        func append(_ data: Data, to path: String) throws { files[path, default: Data()].append(data) }
        func contentsOfDirectory(_ path: String) throws -> [String] { Issue.record("listed \(path)"); return [] }
        func isDirectory(_ path: String) -> Bool { false }
        func createDirectory(_ path: String) throws { Issue.record("created \(path)") }
        func remove(_ path: String) throws { Issue.record("removed \(path)") }
        func realPath(_ path: String) -> String? { files[path] != nil ? path : nil }
        func isRegularFile(_ path: String) -> Bool { files[path] != nil }
        func status(of path: String) -> FileStatus? { files[path].map { FileStatus(isRegularFile: true, size: $0.count, modified: Date(timeIntervalSince1970: 0)) } }
        func glob(_ pattern: String) -> [String] { files.keys.filter { fnmatch(pattern, $0, FNM_PATHNAME) == 0 }.sorted() }
        func createPrivateDirectory(_ path: String) throws { Issue.record("created \(path)") }
        func writeDurably(_ data: Data, to path: String, permissions: Int) throws { Issue.record("wrote \(path) durably") }
        func permissions(of path: String) -> Int? { files[path] == nil ? nil : 0o644 }
        func rename(_ source: String, to target: String) throws { Issue.record("renamed \(source)") }
        func syncDirectory(_ path: String) {}
    }

    func planned(_ path: String, _ old: String) throws -> PlannedFile {
        let ref = VersionFileRef(absolutePath: path, displayPath: path, spec: VersionFileSpec(path: path))
        let file = try VersionFile(VersionFileSpec(path: "VERSION"))
        var planned = PlannedFile(ref: ref, file: file, old: Array(old.utf8), locations: try file.locate(in: Array(old.utf8)))
        planned.new = try file.updated(planned.old, to: try Version.parse("2.0.0"))
        return planned
    }

    @Test func aFailedThirdWriteRestoresTheFirstTwo() throws {
        let files = try ["/r/a/VERSION", "/r/b/VERSION", "/r/c/VERSION"].map { try planned($0, "1.0.0\n") }
        let fileSystem = FlakyFileSystem(files: Dictionary(uniqueKeysWithValues: files.map { ($0.ref.absolutePath, Data($0.old)) }),
                                         failing: "/r/c/VERSION")
        let log = Log(sink: BufferSink(), usesWorkflowCommands: false)
        let error = try #require(throws: FileError.self) {
            try VersionFileWriter(fileSystem: fileSystem, log: log).write(files)
        }
        #expect(error.path == "/r/c/VERSION")
        #expect(fileSystem.files.values.allSatisfy { $0 == Data("1.0.0\n".utf8) })
        #expect(fileSystem.writes == ["/r/a/VERSION", "/r/b/VERSION", "/r/c/VERSION", "/r/b/VERSION", "/r/a/VERSION"])
    }

    @Test func unchangedFilesAreNotRewritten() throws {
        var same = try planned("/r/VERSION", "2.0.0\n")
        same.new = same.old
        let fileSystem = FlakyFileSystem(files: ["/r/VERSION": Data(same.old)], failing: "")
        let written = try VersionFileWriter(fileSystem: fileSystem, log: Log(sink: BufferSink(), usesWorkflowCommands: false)).write([same])
        #expect(written.isEmpty)
        #expect(fileSystem.writes.isEmpty)
    }
}
