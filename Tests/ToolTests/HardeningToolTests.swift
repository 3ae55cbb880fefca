import Foundation
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// Issue 18 reproduced against the built binaries: redaction (class 4), workflow
/// commands on stdout (class 5) and non-regular output files (class 7).
@Suite struct HardeningToolTests {
    let scratch = ScratchDirectory()
    static let token = "ghs_CanaryToken1234567890abcdef"
    /// Text that can follow a token and merge with it into one grapheme cluster.
    static let suffixes = ["", "\u{301}", "\u{200D}", "\u{FE0F}", "\u{20E3}"]

    static func leaks(_ text: String) -> Bool {
        Data(text.utf8).range(of: Data(token.utf8)) != nil
    }

    // MARK: class 4, redaction

    @Test("a usage error echoing the token does not print it", arguments: suffixes, [false, true])
    func usageErrorIsRedacted(suffix: String, actions: Bool) async throws {
        var environment = ["GITHUB_TOKEN": Self.token]
        if actions { environment["GITHUB_ACTIONS"] = "true" }
        let run = try await BuiltTool(name: "parse-tag").run(["--scheme", Self.token + suffix, "v1.0.0"], environment: environment, in: scratch.root)
        #expect(run.status == 2)
        #expect(!run.stderr.isEmpty)
        #expect(!Self.leaks(run.stderr + run.stdout), "\(run.stderr)")
    }

    @Test("an input error quoting the token does not print it, whatever follows it", arguments: suffixes)
    func inputErrorIsRedacted(suffix: String) async throws {
        let long = String(repeating: "x", count: 100)
        for tag in ["v1.0.0-" + Self.token + suffix, "v1.0.0-" + long + Self.token + suffix] {
            let run = try await BuiltTool(name: "parse-tag").run([tag], environment: ["GH_TOKEN": Self.token], in: scratch.root)
            #expect(run.status == 2)
            #expect(!Self.leaks(run.stderr + run.stdout), "\(run.stderr)")
            #expect(!run.stderr.contains(Self.token.prefix(10)), "a truncated quote keeps no part of the token")
        }
    }

    @Test("a token in a commit message reaches no file render-changelog writes", arguments: suffixes)
    func changelogFilesAreRedacted(suffix: String) async throws {
        let sandbox = try await GitSandbox()
        try await sandbox.commit("feat: base", tags: ["v1.0.0"])
        try await sandbox.commit("feat: leak " + Self.token + suffix + "\n\nBREAKING CHANGE: " + Self.token + suffix)
        let run = try await BuiltTool(name: "render-changelog").run(
            ["--tag", "v1.1.0", "--output", scratch.path("notes.md"), "--prepend", scratch.path("CHANGELOG.md"), "--json"],
            environment: ["GITHUB_TOKEN": Self.token, "RUNNER_TEMP": scratch.root], in: sandbox.path)
        #expect(run.status == 0, "\(run.stderr)")
        for text in [run.stdout, run.stderr, scratch.read("notes.md"), scratch.read("CHANGELOG.md")] {
            #expect(!Self.leaks(text))
        }
        // Bytes: "***" followed by a combining mark is not the Character sequence "***".
        #expect(Data(scratch.read("notes.md").utf8).range(of: Data("leak ***".utf8)) != nil)
    }

    // MARK: class 5, workflow commands on stdout

    @Test func changelogJSONPrintsCommitSubjectsInertly() async throws {
        // One repository holding every forgery as a commit, so one run covers the table.
        let sandbox = try await GitSandbox()
        try await sandbox.commit("feat: base", tags: ["v1.0.0"])
        for subject in WorkflowCommandScanner.forgeries { try await sandbox.commit("feat: " + subject) }
        let run = try await BuiltTool(name: "render-changelog").run(["--tag", "v1.1.0", "--json"], environment: ["GITHUB_ACTIONS": "true", "RUNNER_TEMP": scratch.root], in: sandbox.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(WorkflowCommandScanner.commands(in: run.stdout).isEmpty, "\(WorkflowCommandScanner.commands(in: run.stdout))")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String]
        #expect(object?["notes"]?.contains("feat: x ##[error]forged") == true)
        #expect(object?["commit-count"] == String(WorkflowCommandScanner.forgeries.count))
    }

    @Test("guard-loop --json prints payload text inertly", arguments: WorkflowCommandScanner.forgeries)
    func guardJSONIsInert(text: String) async throws {
        let payload: [String: Any] = ["ref": "refs/heads/main", "after": "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
                                      "head_commit": ["id": "6113728f27ae82c7b1a177c8d03f9e96e0adf246", "message": "release: " + text],
                                      "sender": ["login": "octocat", "type": "User"]]
        let path = scratch.path("event.json")
        try JSONSerialization.data(withJSONObject: payload).write(to: URL(fileURLWithPath: path))
        let environment = ["GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "push", "GITHUB_EVENT_PATH": path,
                           "GITHUB_ACTOR": "octocat" + text, "GITHUB_REF": "refs/heads/main" + text, "GITHUB_SHA": "ffff"]
        for arguments in [["--json"], []] {
            let run = try await BuiltTool(name: "guard-loop").run(arguments, environment: environment, in: scratch.root)
            #expect(WorkflowCommandScanner.commands(in: run.stdout).isEmpty, "\(arguments): \(run.stdout.debugDescription)")
        }
    }

    // MARK: class 7, files that are not regular

    @Test("--output-file refuses what is not a regular file and leaves it be", arguments: SpecialFile.allCases, ["json", "dotenv", "github"])
    func outputFileRefused(kind: SpecialFile, format: String) async throws {
        let path = scratch.path("out-\(format)")
        guard kind.make(at: path) else { return }
        let before = SpecialFile.type(at: path)
        let run = try await BuiltTool(name: "parse-tag").run(["v1.0.0", "--output-file", path, "--output-format", format], in: scratch.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains(path), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")
        #expect(SpecialFile.type(at: path) == before)
    }

    @Test("verify-artifacts --write-checksums refuses what is not a regular file", arguments: SpecialFile.allCases)
    func checksumFileRefused(kind: SpecialFile) async throws {
        try FileManager.default.createDirectory(atPath: scratch.path("dist"), withIntermediateDirectories: true)
        try Data("app".utf8).write(to: URL(fileURLWithPath: scratch.path("dist/app.bin")))
        let path = scratch.path("SUMS")
        guard kind.make(at: path) else { return }
        let before = SpecialFile.type(at: path)
        let run = try await BuiltTool(name: "verify-artifacts").run(["--dir", "dist", "--write-checksums", path], in: scratch.root)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains(path))
        #expect(SpecialFile.type(at: path) == before)
    }

    // MARK: class 6, nesting bombs

    struct Bomb: Sendable, CustomStringConvertible {
        var tool: String
        var file: String
        var text: String
        var arguments: [String]
        var environment: [String: String] = [:]
        var description: String { "\(tool) \(file)" }
    }

    static func nested(_ open: String, _ close: String, _ depth: Int) -> String {
        String(repeating: open, count: depth) + String(repeating: close, count: depth)
    }

    static let bombs: [Bomb] = [
        Bomb(tool: "verify-artifacts", file: ".releasekit.yml", text: "artifacts: " + nested("[", "]", 5_000) + "\n", arguments: ["--dir", "."]),
        Bomb(tool: "bump-version", file: "Chart.yaml", text: "apiVersion: v2\nversion: 1.0.0\nx: " + nested("[", "]", 5_000) + "\n",
             arguments: ["--file", "Chart.yaml", "--dry-run"]),
        Bomb(tool: "bump-version", file: "package.json", text: "{\"version\": \"1.0.0\", \"x\": " + nested("[", "]", 50_000) + "}",
             arguments: ["--file", "package.json", "--dry-run"]),
        Bomb(tool: "render-changelog", file: "notes.mustache", text: nested("{{#releases}}", "{{/releases}}", 5_000), arguments: ["--template", "notes.mustache"]),
        Bomb(tool: "guard-loop", file: "event.json", text: "{\"a\": " + nested("{\"a\": ", "}", 50_000) + "1}",
             arguments: [], environment: ["GITHUB_EVENT_NAME": "push", "GITHUB_EVENT_PATH": "event.json"]),
    ]

    @Test("a nesting bomb is exit 2 naming the file and the limit, never a crash", arguments: bombs)
    func nestingBomb(bomb: Bomb) async throws {
        let sandbox = try await GitSandbox()
        try await sandbox.commit("feat: base")
        try Data(bomb.text.utf8).write(to: URL(fileURLWithPath: sandbox.path + "/" + bomb.file))
        let run = try await BuiltTool(name: bomb.tool).run(bomb.arguments, environment: bomb.environment, in: sandbox.path)
        #expect(run.status == 2, "\(run.status): \(run.stderr.prefix(500))")
        #expect(run.stderr.contains(bomb.file))
        #expect(run.stderr.contains("deeper than 256 levels"))
    }
}
