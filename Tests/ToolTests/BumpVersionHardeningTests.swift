import Foundation
import Testing
import ReleaseKitTestSupport

/// The inputs issue 18 found mishandled by bump-version and render-changelog:
/// symlinked and outside version files, bytes that are not plain UTF-8, a corrupt
/// repository, a held or stale lock. Each a table over its variants.
@Suite struct BumpVersionHardeningTests {
    let tool = BuiltTool(name: "bump-version")
    let environment = FiveFileRelease.environment

    func write(_ path: String, _ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func bytes(_ path: String) -> [UInt8] { FileManager.default.contents(atPath: path).map(Array.init) ?? [] }

    /// A repository at v1.2.0 with a feature since, holding `files`.
    func repository(_ files: [String: [UInt8]]) async throws -> GitSandbox {
        let repo = try await GitSandbox()
        for (path, content) in files { try write(repo.path + "/" + path, content) }
        try await repo.git(["add", "-A"])
        try await repo.commit("feat: first", tags: ["v1.2.0"])
        try await repo.commit("feat: more")
        return repo
    }

    // MARK: - Byte order marks (#12)

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test(arguments: [
        ("VERSION", "1.2.0\n", "1.3.0\n"),
        ("version.txt", "v1.2.0\n", "v1.3.0\n"),
        ("Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.2.0\n", "apiVersion: v2\nname: app\nversion: 1.3.0\n"),
        ("Cargo.toml", "[package]\nname = \"app\"\nversion = \"1.2.0\"\n", "[package]\nname = \"app\"\nversion = \"1.3.0\"\n"),
        ("package.json", "{\"name\": \"app\", \"version\": \"1.2.0\"}\n", "{\"name\": \"app\", \"version\": \"1.3.0\"}\n"),
    ])
    func aByteOrderMarkIsAcceptedAndKept(file: String, old: String, new: String) async throws {
        let repo = try await repository([file: Self.bom + Array(old.utf8)])
        let run = try await tool.run(["--commit"], environment: environment, in: repo.path)
        #expect(run.status == 0, "\(file): \(run.stderr)")
        #expect(bytes(repo.path + "/" + file) == Self.bom + Array(new.utf8), "\(file)")
    }

    // MARK: - Bytes the tool did not mean to change (#10)

    @Test(arguments: [
        ("VERSION", [UInt8]("1.2.0\r\n".utf8), [UInt8]("1.3.0\r\n".utf8)),
        ("Chart.yaml", [UInt8]("apiVersion: v2\nname: app\n# caf".utf8) + [0xE9] + [UInt8]("\nversion: 1.2.0\n".utf8),
         [UInt8]("apiVersion: v2\nname: app\n# caf".utf8) + [0xE9] + [UInt8]("\nversion: 1.3.0\n".utf8)),
        ("Cargo.toml", [UInt8]("[package]\nname = \"app\" # \u{00A0}".utf8) + [0xFF, 0xFE] + [UInt8]("\nversion = \"1.2.0\"\n".utf8),
         [UInt8]("[package]\nname = \"app\" # \u{00A0}".utf8) + [0xFF, 0xFE] + [UInt8]("\nversion = \"1.3.0\"\n".utf8)),
    ])
    func bytesOutsideTheVersionAreKept(file: String, old: [UInt8], new: [UInt8]) async throws {
        let repo = try await repository([file: old])
        let run = try await tool.run([], environment: environment, in: repo.path)
        #expect(run.status == 0, "\(file): \(run.stderr)")
        #expect(bytes(repo.path + "/" + file) == new, "\(file): \(String(decoding: bytes(repo.path + "/" + file), as: UTF8.self))")
    }

    /// A CHANGELOG.md with bytes that are not UTF-8 (Latin-1 entries, a stray byte,
    /// a cut sequence) gets its new section and keeps every other byte: the header
    /// before it and the old sections after it.
    static func text(_ string: String) -> [UInt8] { Array(string.utf8) }

    static let foreignChangelogs: [(header: [UInt8], tail: [UInt8])] = [
        (text("# Changelog\n\ncaf") + [0xE9] + text("\n"), []),
        (text("# Changelog\n\n"), text("## [1.0.0]\n- ") + [0xC3] + text("\n- ") + [0xED, 0xA0, 0x80] + text("\n")),
        (bom + text("# Changelog ") + [0xFF, 0xC0, 0x80], []),
    ]

    @Test(arguments: foreignChangelogs)
    func renderChangelogKeepsBytesThatAreNotUTF8(header: [UInt8], tail: [UInt8]) async throws {
        let repo = try await repository(["CHANGELOG.md": header + tail])
        let run = try await BuiltTool(name: "render-changelog").run(["--prepend", "CHANGELOG.md"], environment: environment, in: repo.path)
        #expect(run.status == 0, "\(run.stderr)")
        let after = bytes(repo.path + "/CHANGELOG.md")
        #expect(after.starts(with: header), "\(String(decoding: after, as: UTF8.self))")
        #expect(after.suffix(tail.count).elementsEqual(tail), "\(String(decoding: after, as: UTF8.self))")
        #expect(String(decoding: after, as: UTF8.self).contains("more"), "the new section is there")
        #expect(!after.starts(with: [0xEF, 0xBF, 0xBD]) && !String(decoding: header + tail, as: UTF8.self).isEmpty)
    }

    @Test func renderChangelogRefusesAFileHoldingItsEscapeCharacters() async throws {
        let changelog = Array("# Changelog\n\n\u{10FFAB}\n".utf8)
        let repo = try await repository(["CHANGELOG.md": changelog])
        let run = try await BuiltTool(name: "render-changelog").run(["--prepend", "CHANGELOG.md"], environment: environment, in: repo.path)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("CHANGELOG.md holds a character from U+10FF80 to U+10FFFF"), "\(run.stderr)")
        #expect(bytes(repo.path + "/CHANGELOG.md") == changelog)
    }

    @Test func renderChangelogKeepsAByteOrderMarkAndCRLF() async throws {
        let changelog = Self.bom + Array("# Changelog\r\n\r\n## [1.2.0] - 2026-01-01\r\n- old\r\n".utf8)
        let repo = try await repository(["CHANGELOG.md": changelog])
        let run = try await BuiltTool(name: "render-changelog").run(["--prepend", "CHANGELOG.md"], environment: environment, in: repo.path)
        #expect(run.status == 0, "\(run.stderr)")
        let after = bytes(repo.path + "/CHANGELOG.md")
        #expect(after.starts(with: Self.bom + Array("# Changelog\r\n".utf8)))
        let oldSection = Array("\n## [1.2.0] - 2026-01-01\r\n- old\r\n".utf8)
        #expect(after.suffix(oldSection.count) == ArraySlice(oldSection), "\(String(decoding: after, as: UTF8.self))")
    }

    // MARK: - Symlinks and paths outside the repository (#8, #9)

    /// `VERSION -> real/VERSION` and `selfdir -> .`: symlinks that stay inside. The
    /// target is edited and committed; the symlink stays a symlink.
    @Test(arguments: [
        ("VERSION", "real/VERSION", "real/VERSION", ["--file", "VERSION"]),
        ("VERSION", "real/VERSION", "real/VERSION", []),
        ("selfdir", ".", "VERSION", ["--file", "selfdir/VERSION"]),
    ])
    func aSymlinkInsideTheRepositoryEditsItsTarget(link: String, target: String, real: String, flags: [String]) async throws {
        var files = ["real/VERSION": Array("1.2.0\n".utf8)]
        if real == "VERSION" { files = ["VERSION": Array("1.2.0\n".utf8)] }
        let repo = try await repository(files)
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/" + link, withDestinationPath: target)
        try await repo.git(["add", link])
        try await repo.git(["commit", "-q", "-m", "chore: link"])
        let run = try await tool.run(flags + ["--commit", "--json"], environment: environment, in: repo.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(bytes(repo.path + "/" + real) == Array("1.3.0\n".utf8))
        let kind = try FileManager.default.attributesOfItem(atPath: repo.path + "/" + link)[.type] as? FileAttributeType
        #expect(kind == .typeSymbolicLink)
        #expect(try await repo.git(["status", "--porcelain"]).isEmpty)
        #expect(try await repo.git(["show", "HEAD:" + real]) == "1.3.0\n")
        #expect(run.stdout.contains("\"changed-files\" : \"\(real)\"") || run.stdout.contains("\"changed-files\":\"\(real)\""), "\(run.stdout)")
    }

    enum Outside: String, CaseIterable {
        case dotDotInConfig, absoluteInConfig, dotDotFlag, absoluteFlag, symlinkOut, symlinkedDirectoryOut, packagePathOut
    }

    /// Every way of naming a file outside the repository is exit 2 naming the path
    /// and where it came from, and the outside file is untouched.
    @Test(arguments: Outside.allCases)
    func aFileOutsideTheRepositoryIsRefused(way: Outside) async throws {
        let outside = ScratchDirectory()
        try write(outside.path("VERSION"), Array("1.2.0\n".utf8))
        var files: [String: [UInt8]] = ["VERSION": Array("1.2.0\n".utf8)]
        let relative = "../" + URL(fileURLWithPath: outside.root).lastPathComponent + "/VERSION"
        var flags: [String] = []
        var origin = ""
        switch way {
        case .dotDotInConfig, .absoluteInConfig:
            // The repository lives in the same temporary directory as `outside`.
            let path = way == .dotDotInConfig ? relative : outside.path("VERSION")
            files[".releasekit.yml"] = Array("version-files: [\"\(path)\"]\n".utf8)
            origin = "version-files in .releasekit.yml"
        case .dotDotFlag:
            flags = ["--file", relative]
            origin = "--file \(relative)"
        case .absoluteFlag:
            flags = ["--file", outside.path("VERSION")]
            origin = "--file \(outside.path("VERSION"))"
        case .symlinkOut, .symlinkedDirectoryOut:
            origin = "--file"
        case .packagePathOut:
            files[".releasekit.yml"] = Array("packages:\n  - name: app\n    path: \(URL(fileURLWithPath: outside.root).deletingLastPathComponent().path)/\(URL(fileURLWithPath: outside.root).lastPathComponent)\n".utf8)
            origin = "found in"
        }
        let repo = try await repository(files)
        if way == .symlinkOut {
            try FileManager.default.createSymbolicLink(atPath: repo.path + "/OUT", withDestinationPath: outside.path("VERSION"))
            flags = ["--file", "OUT"]
        } else if way == .symlinkedDirectoryOut {
            try FileManager.default.createSymbolicLink(atPath: repo.path + "/elsewhere", withDestinationPath: outside.root)
            flags = ["--file", "elsewhere/VERSION"]
        }
        let run = try await tool.run(flags, environment: environment, in: repo.path)
        #expect(run.status == 2, "\(way): \(run.stderr)")
        #expect(run.stderr.contains("is outside the repository"), "\(way): \(run.stderr)")
        #expect(run.stderr.contains(origin), "\(way): \(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(way): \(run.stderr)")
        #expect(bytes(outside.path("VERSION")) == Array("1.2.0\n".utf8))
    }

    // MARK: - A corrupt repository (#11)

    /// HEAD's commit object overwritten: exit 1 with git's complaint, never "nothing
    /// releasable" or "no commits yet".
    @Test(arguments: ["bump-version", "render-changelog"])
    func aCorruptHeadIsReported(name: String) async throws {
        let repo = try await repository(["VERSION": Array("1.2.0\n".utf8)])
        let head = try await repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let object = repo.path + "/.git/objects/" + head.prefix(2) + "/" + head.dropFirst(2)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object)
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: object))
        let run = try await BuiltTool(name: name).run([], environment: environment, in: repo.path)
        #expect(run.status == 1, "\(name): \(run.stderr)")
        #expect(run.stderr.contains("corrupt") || run.stderr.contains("unable to"), "\(name): \(run.stderr)")
        #expect(!run.stderr.contains("nothing releasable") && !run.stderr.contains("no commits yet"))
    }

    // MARK: - The lock (#1)

    @Test func aHeldLockIsExitOneNamingTheHolder() async throws {
        let repo = try await repository(["VERSION": Array("1.2.0\n".utf8)])
        let lock = repo.path + "/.git/releasekit.lock"
        try write(lock, Array("4242 buildhost\n".utf8))
        // This process holds it, as a running bump-version would: flock locks belong
        // to the open file, so the tool's own open of the same file cannot take it.
        let descriptor = open(lock, O_RDWR)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        defer { close(descriptor) }
        let run = try await tool.run(["--commit", "--tag"], environment: environment, in: repo.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("another bump-version is running in this repository (pid 4242 on buildhost)"), "\(run.stderr)")
        #expect(bytes(repo.path + "/VERSION") == Array("1.2.0\n".utf8))
        await #expect(try repo.git(["tag"]) == "v1.2.0\n")
    }

    /// A lock file whose holder died (kill -9 leaves it) is not held: the run goes on.
    @Test func aStaleLockFileIsTakenOver() async throws {
        let repo = try await repository(["VERSION": Array("1.2.0\n".utf8)])
        try write(repo.path + "/.git/releasekit.lock", Array("999999 \(ProcessInfo.processInfo.hostName)\n".utf8))
        let run = try await tool.run(["--commit", "--tag"], environment: environment, in: repo.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("pid 999999"), "\(run.stderr)")
        await #expect(try repo.git(["tag"]) == "v1.2.0\nv1.3.0\n")
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/releasekit.lock"))
    }

    // MARK: - The journal of an interrupted run (#2)

    /// --dry-run and --check change nothing, so they only warn about an interrupted
    /// run; the next writing run undoes it.
    @Test(arguments: [["--dry-run"], ["--check"]])
    func readOnlyModesWarnAboutAnInterruptedRunAndLeaveIt(flags: [String]) async throws {
        let repo = try await repository(["VERSION": Array("1.2.0\n".utf8)])
        let journal = repo.path + "/.git/releasekit/journal.json"
        try write(journal, Array("{\"pid\":1,\"host\":\"h\",\"files\":[],\"commits\":[],\"tags\":[]}".utf8))
        let run = try await tool.run(flags, environment: environment, in: repo.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("an interrupted bump-version left changes"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: journal))
        let writing = try await tool.run([], environment: environment, in: repo.path)
        #expect(writing.status == 0, "\(writing.stderr)")
        #expect(writing.stderr.contains("was interrupted; undoing its changes"), "\(writing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: journal))
    }

    @Test func anUnreadableJournalIsExitOneNamingIt() async throws {
        let repo = try await repository(["VERSION": Array("1.2.0\n".utf8)])
        try write(repo.path + "/.git/releasekit/journal.json", Array("{not json".utf8))
        let run = try await tool.run([], environment: environment, in: repo.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("releasekit/journal.json of an interrupted bump-version cannot be read"), "\(run.stderr)")
        #expect(bytes(repo.path + "/VERSION") == Array("1.2.0\n".utf8))
    }
}
