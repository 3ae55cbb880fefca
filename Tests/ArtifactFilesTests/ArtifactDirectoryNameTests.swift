import Foundation
import Testing
@testable import ArtifactFiles
@testable import ReleaseKitCore

/// Issue 18, class 13: a name with invalid UTF-8 was reported "No such file or
/// directory" although it exists, and `selfdir -> .` was called "outside".
extension ArtifactDirectoryTests {
    @Test("a name that is not UTF-8 is reported as such", arguments: [
        [0xFF], [0xC3, 0x28], [0x61, 0x80, 0x62], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ] as [[UInt8]])
    func invalidUTF8Name(bytes: [UInt8]) async throws {
        try await fixtures.sh("mkdir -p dist/sub && echo ok > dist/a.txt")
        for directory in ["dist", "dist/sub"] {
            let path = Array(fixtures.path(directory).utf8) + [UInt8(ascii: "/")] + bytes + [0]
            let descriptor = path.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
            }
            #expect(descriptor >= 0)
            _ = write(descriptor, "x", 1)
            close(descriptor)
        }
        let entries = try ArtifactDirectory(path: fixtures.path("dist")).entries()
        let invalid = entries.filter { $0.kind == .invalidName }
        #expect(invalid.count == 2)
        #expect(invalid.allSatisfy { $0.problem?.contains("not valid UTF-8") == true })
        #expect(!entries.contains { $0.problem?.contains("No such file") == true })
        #expect(entries.contains { $0.name == "a.txt" && $0.kind == .file(size: 3) })
    }

    @Test("a symlink to the directory itself, or into it, is inside", arguments: [".", "./", "sub/..", "../dist"])
    func linkToTheDirectoryItself(target: String) async throws {
        try await fixtures.sh("mkdir -p dist/sub && ln -s '\(target)' dist/selfdir")
        let entries = Dictionary(uniqueKeysWithValues: try ArtifactDirectory(path: fixtures.path("dist")).entries().map { ($0.name, $0.kind) })
        #expect(entries["selfdir"] == .symlinkToDirectory)
    }

    @Test("a symlink to a parent is still outside", arguments: ["..", "../..", "/"])
    func linkToAParent(target: String) async throws {
        try await fixtures.sh("mkdir -p dist && ln -s '\(target)' dist/up")
        let entries = Dictionary(uniqueKeysWithValues: try ArtifactDirectory(path: fixtures.path("dist")).entries().map { ($0.name, $0.kind) })
        #expect(entries["up"] == .symlinkOutside(target: target))
    }
}
