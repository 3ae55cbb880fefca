import Foundation
import Testing
@testable import ArtifactFiles
@testable import ReleaseKitCore

@Suite struct ArtifactDirectoryTests {
    let fixtures: ArchiveFixtures

    init() async throws {
        fixtures = try ArchiveFixtures()
    }

    @Test func classifiesWithoutFollowingOutOfTheDirectory() async throws {
        try await fixtures.sh("""
        mkdir -p dist/sub outside && echo secret > outside/secret && echo ok > dist/a.txt && echo nested > dist/sub/b.txt && \
        : > dist/empty && ln -s ../outside/secret dist/escape && ln -s /etc/passwd dist/absolute && ln -s a.txt dist/alias && \
        ln -s sub dist/dirlink && ln -s missing dist/dangling && mkfifo dist/pipe
        """)
        let directory = try ArtifactDirectory(path: fixtures.path("dist"))
        let entries = Dictionary(uniqueKeysWithValues: try directory.entries().map { ($0.name, $0.kind) })
        #expect(entries["a.txt"] == .file(size: 3))
        #expect(entries["sub"] == .directory)
        #expect(entries["sub/b.txt"] == .file(size: 7))
        #expect(entries["empty"] == .empty)
        #expect(entries["escape"] == .symlinkOutside(target: "../outside/secret"))
        #expect(entries["absolute"] == .symlinkOutside(target: "/etc/passwd"))
        #expect(entries["alias"] == .file(size: 3))
        #expect(entries["dirlink"] == .symlinkToDirectory)
        #expect(entries["dangling"] == .danglingSymlink(target: "missing"))
        #expect(entries["pipe"] == .special("FIFO"))
        #expect(entries["escape"].map { ArtifactEntry(name: "escape", path: "", kind: $0).problem?.contains("outside") } == true)
    }

    @Test(.enabled(if: geteuid() != 0, "root can read any file, so an unreadable file cannot be made"))
    func unreadableFilesAreReported() async throws {
        try await fixtures.sh("mkdir -p dist && echo x > dist/locked && chmod 000 dist/locked")
        let entries = try ArtifactDirectory(path: fixtures.path("dist")).entries()
        guard case .unreadable = entries.first?.kind else {
            Issue.record("expected unreadable, got \(String(describing: entries.first))")
            return
        }
    }

    @Test func missingDirectoryIsAnInputError() {
        #expect(throws: InputError.self) { try ArtifactDirectory(path: fixtures.path("nope")) }
    }

    @Test func digestsMatchCoreutils() async throws {
        try await fixtures.sh("mkdir -p dist && head -c 3000000 /dev/urandom > dist/big && echo small > dist/small")
        let paths = ["big", "small"].map { (path: fixtures.path("dist/" + $0), size: UInt64(0)) }
        let results = await FileDigester(algorithms: [.sha256, .sha512], workers: 2).digests(of: paths)
        for (name, result) in zip(["big", "small"], results) {
            let digest = try result.get()
            let sha256 = try await fixtures.sh("sha256sum dist/\(name)").prefix(64)
            let sha512 = try await fixtures.sh("sha512sum dist/\(name)").prefix(128)
            #expect(digest.hex[.sha256] == String(sha256))
            #expect(digest.hex[.sha512] == String(sha512))
        }
        let missing = await FileDigester(algorithms: [.sha256]).digests(of: [(fixtures.path("dist/none"), 0)])
        #expect(throws: FileReadError.self) { try missing[0].get() }
    }
}
