import Foundation
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// render-changelog run as a step would run it: the real binary on real git histories.
@Suite struct RenderChangelogToolTests {
    let scratch = ScratchDirectory()
    let tool = BuiltTool(name: "render-changelog")

    func json(_ run: BuiltTool.Run) throws -> [String: String] {
        try #require(run.status == 0, "status \(run.status), stderr: \(run.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String], "stdout: \(run.stdout) stderr: \(run.stderr)")
    }

    /// v1.0.0 ← feat, fix, chore ← v1.1.0 ← docs, feat! (HEAD, untagged)
    func sampleRepository() async throws -> GitSandbox {
        let sandbox = try await GitSandbox()
        try await sandbox.commit("feat: first", tags: ["v1.0.0"])
        try await sandbox.commit("feat(api): add search")
        try await sandbox.commit("fix: crash on empty input (#12)")
        try await sandbox.commit("chore: bump deps")
        try await sandbox.commit("release: 1.1.0", tags: ["v1.1.0"])
        try await sandbox.commit("docs: explain search")
        try await sandbox.commit("feat(api)!: rename search\n\nBREAKING CHANGE: /search is now /find")
        return sandbox
    }

    // MARK: small machines

    /// A machine with little memory and no swap, or a step under `ulimit -v`, grants a
    /// process only so much address space. A run needs far less than 1 GiB of it; the
    /// tools once reserved 4 GiB per git call to collect its output, and died there.
    @Test func runsInOneGiBOfAddressSpace() async throws {
        let sandbox = try await sampleRepository()
        let limited = try await ChildProcess.run(
            "/bin/sh", ["-c", "ulimit -v 1048576 && exec \"$0\" \"$@\"", BuiltTool.binDirectory + "/render-changelog", "--all", "--json"],
            environment: BuiltTool.baseEnvironment, in: sandbox.path)
        #expect(limited.status == 0, "\(limited.stderrText)")
        let outputs = try #require(JSONSerialization.jsonObject(with: limited.stdout) as? [String: String], "\(limited.stdoutText)")
        #expect(outputs["notes"]?.contains("rename search") == true)
    }

    // MARK: outputs

    @Test func everyOutputInGitHubOutputAndTheNotesFile() async throws {
        let sandbox = try await sampleRepository()
        try await sandbox.git(["checkout", "-q", "v1.1.0"])
        let environment = ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": scratch.path("output"),
                           "GITHUB_STEP_SUMMARY": scratch.path("summary"), "RUNNER_TEMP": scratch.root]
        let run = try await tool.run([], environment: environment, in: sandbox.path)
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = try GitHubOutputFileParser.parse(scratch.read("output"))
        #expect(outputs.map(\.name) == ["notes", "notes-file", "version", "previous-tag", "commit-count", "has-breaking-changes"])
        let values = Dictionary(uniqueKeysWithValues: outputs.map { ($0.name, $0.value) })
        #expect(values["version"] == "1.1.0")
        #expect(values["previous-tag"] == "v1.0.0")
        #expect(values["commit-count"] == "3") // the release commit is left out
        #expect(values["has-breaking-changes"] == "false")
        let notesFile = try #require(values["notes-file"])
        #expect(notesFile.hasPrefix(scratch.root + "/render-changelog-") && notesFile.hasSuffix(".md"))
        #expect(try String(contentsOfFile: notesFile, encoding: .utf8) == values["notes"])
        let feature = try await shortSHA(sandbox, "v1.1.0~3")
        let fix = try await shortSHA(sandbox, "v1.1.0~2")
        #expect(values["notes"] == """
            ## [1.1.0] - 2026-01-01

            ### Features

            - **api:** add search (\(feature))

            ### Bug Fixes

            - crash on empty input (#12) (\(fix))

            ### Contributors

            - Test Author

            """)
        #expect(scratch.read("summary").contains("| v1.1.0 | v1.0.0 | 3 | no |"))
    }

    func shortSHA(_ sandbox: GitSandbox, _ revision: String) async throws -> String {
        String(try await sandbox.git(["rev-parse", revision]).prefix(7))
    }

    @Test func githubFormatIsAReleaseBody() async throws {
        let sandbox = try await sampleRepository()
        let outputs = try await json(try tool.run(["--tag", "v2.0.0", "--format", "github", "--output", scratch.path("notes.md"), "--json"], in: sandbox.path))
        #expect(outputs["version"] == "2.0.0")
        #expect(outputs["previous-tag"] == "v1.1.0")
        #expect(outputs["has-breaking-changes"] == "true")
        #expect(outputs["notes-file"] == scratch.path("notes.md"))
        let notes = scratch.read("notes.md")
        #expect(notes == outputs["notes"])
        #expect(notes.hasPrefix("### Breaking Changes\n\n- **api:** /search is now /find ("))
        #expect(!notes.contains("## [2.0.0]"))
    }

    // MARK: ranges

    @Test func rangeFlags() async throws {
        let sandbox = try await sampleRepository()
        let unreleased = try await json(try tool.run(["--unreleased", "--json"], in: sandbox.path))
        #expect(unreleased["version"] == "")
        #expect(unreleased["previous-tag"] == "v1.1.0")
        #expect(unreleased["commit-count"] == "2")
        #expect(unreleased["notes"]?.hasPrefix("## [Unreleased]\n\n### Breaking Changes") == true)

        let byDefault = try await json(try tool.run(["--json"], in: sandbox.path))
        #expect(byDefault["notes"] == unreleased["notes"])

        let latest = try await json(try tool.run(["--latest", "--json"], in: sandbox.path))
        #expect(latest["version"] == "1.1.0")
        #expect(latest["commit-count"] == "3")

        let named = try await json(try tool.run(["--tag", "v1.2.0", "--json"], in: sandbox.path))
        #expect(named["notes"]?.hasPrefix("## [1.2.0] - ") == true)
        #expect(named["previous-tag"] == "v1.1.0")

        let all = try await json(try tool.run(["--all", "--json"], in: sandbox.path))
        let headings = all["notes"]!.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(headings == ["## [Unreleased]", "## [1.1.0] - 2026-01-01", "## [1.0.0] - 2026-01-01"])
        #expect(all["version"] == "")
        #expect(all["commit-count"] == "2")

        let window = try await json(try tool.run(["--from", "v1.0.0", "--to", "v1.1.0~1", "--json"], in: sandbox.path))
        #expect(window["commit-count"] == "3")
        #expect(window["previous-tag"] == "v1.0.0")
        #expect(window["notes"]?.hasPrefix("## [Unreleased]") == true)
    }

    @Test func prereleasesAndTheFinalThatFollowsThem() async throws {
        let sandbox = try await GitSandbox()
        try await sandbox.commit("feat: base", tags: ["v1.0.0"])
        try await sandbox.commit("feat: a", tags: ["v1.1.0-rc.1"])
        try await sandbox.commit("fix: b", tags: ["v1.1.0-rc.2"])
        try await sandbox.commit("fix: c", tags: ["v1.1.0"])
        let final = try await json(try tool.run(["--json"], in: sandbox.path))
        #expect(final["version"] == "1.1.0")
        #expect(final["previous-tag"] == "v1.0.0")
        #expect(final["commit-count"] == "3") // everything since the previous final
        let rc = try await json(try tool.run(["--tag", "v1.1.0-rc.2", "--json"], in: sandbox.path))
        #expect(rc["previous-tag"] == "v1.1.0-rc.1")
        #expect(rc["commit-count"] == "1")
    }

    @Test(arguments: [
        ["--all", "--latest"], ["--unreleased", "--all"], ["--latest", "--tag", "v1.0.0"],
        ["--format", "yaml"], ["--to", "no-such-ref"], ["--tag", "not-a-version"], ["--from", "nope"],
    ])
    func invalidFlagsAreExitTwo(arguments: [String]) async throws {
        let sandbox = try await sampleRepository()
        let run = try await tool.run(arguments, in: sandbox.path)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func latestWithoutTagsIsExitOne() async throws {
        let sandbox = try await GitSandbox()
        try await sandbox.commit("feat: x")
        let run = try await tool.run(["--latest"], in: sandbox.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("no release tag"))
    }

    @Test func outsideARepositoryIsExitTwo() async throws {
        let run = try await tool.run([], in: scratch.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("not inside a git repository"))
    }

    // MARK: monorepos

    func monorepo() async throws -> GitSandbox {
        let sandbox = try await GitSandbox()
        for directory in ["packages/core", "packages/web"] {
            try FileManager.default.createDirectory(atPath: sandbox.path + "/" + directory, withIntermediateDirectories: true)
        }
        func change(_ file: String, _ message: String, tags: [String] = []) async throws {
            try Data(message.utf8).write(to: URL(fileURLWithPath: sandbox.path + "/" + file))
            try await sandbox.git(["add", "-A"])
            try await sandbox.git(["commit", "-q", "-m", message])
            for tag in tags { try await sandbox.git(["tag", tag]) }
        }
        try await change("packages/core/a", "feat(core): first core", tags: ["core-v1.0.0"])
        try await change("packages/web/a", "feat(web): first web", tags: ["web-v1.0.0"])
        try await change("packages/core/b", "fix(core): core fix")
        try await change("packages/web/b", "fix(web): web fix")
        // Both packages released on one commit (git-cliff #149).
        try await change("README", "docs: both", tags: ["core-v1.1.0", "web-v1.0.1"])
        return sandbox
    }

    @Test func severalComponentsOnOneCommitNeedComponent() async throws {
        let sandbox = try await monorepo()
        let ambiguous = try await tool.run([], in: sandbox.path)
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("--component"))

        let core = try await json(try tool.run(["--component", "core", "--json"], in: sandbox.path))
        #expect(core["version"] == "1.1.0")
        #expect(core["previous-tag"] == "core-v1.0.0")
        #expect(core["commit-count"] == "4")

        let web = try await json(try tool.run(["--component", "web", "--json"], in: sandbox.path))
        #expect(web["version"] == "1.0.1")
        #expect(web["previous-tag"] == "web-v1.0.0")
        #expect(web["commit-count"] == "3")

        let located = try await json(try tool.run(["--json"], environment: ["GITHUB_REF": "refs/tags/web-v1.0.1"], in: sandbox.path))
        #expect(located["version"] == "1.0.1")

        let mismatch = try await tool.run(["--component", "core", "--tag", "web-v1.0.1"], in: sandbox.path)
        #expect(mismatch.status == 2)
    }

    @Test func pathKeepsCommitsTouchingIt() async throws {
        let sandbox = try await monorepo()
        let core = try await json(try tool.run(["--component", "core", "--path", "packages/core", "--json"], in: sandbox.path))
        #expect(core["commit-count"] == "1")
        #expect(core["notes"]?.contains("core fix") == true)
        #expect(core["notes"]?.contains("web fix") == false)

        let all = try await json(try tool.run(["--component", "web", "--all", "--path", "packages/web", "--path", "README", "--json"], in: sandbox.path))
        let notes = try #require(all["notes"])
        #expect(notes.contains("## [1.0.1]") && notes.contains("## [1.0.0]"))
        #expect(!notes.contains("core"))
        // Relative to the working directory, as a shell user would expect.
        let fromSubdirectory = try await json(try tool.run(["--component", "core", "--path", ".", "--json"], in: sandbox.path + "/packages/core"))
        #expect(fromSubdirectory["commit-count"] == "1")
    }

    @Test func configurationSetsSectionsAndAPackageImpliesItsPath() async throws {
        let sandbox = try await monorepo()
        try Data("""
        packages:
          - name: core
            path: packages/core
        changelog:
          sections:
            - type: fix
              title: Repairs
          contributors: false
        """.utf8).write(to: URL(fileURLWithPath: sandbox.path + "/.releasekit.yml"))
        let core = try await json(try tool.run(["--component", "core", "--json"], in: sandbox.path))
        let notes = try #require(core["notes"])
        #expect(core["commit-count"] == "1", "only the package's own commits: \(notes)")
        #expect(notes.contains("### Repairs"))
        #expect(notes.contains("core fix"))
        #expect(!notes.contains("web fix"))
        #expect(!notes.contains("Contributors"))

        // An explicit --path still wins, and --config names another file.
        let explicit = try await json(try tool.run(["--component", "core", "--path", "README", "--json"], in: sandbox.path))
        #expect(explicit["commit-count"] == "1")
        #expect(explicit["notes"]?.contains("both") == true)

        let missing = try await tool.run(["--component", "core", "--config", "nope.yml"], in: sandbox.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yml"))

        try Data("changelog:\n  sections: 3\n".utf8).write(to: URL(fileURLWithPath: sandbox.path + "/bad.yml"))
        let bad = try await tool.run(["--component", "core", "--config", "bad.yml"], in: sandbox.path)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("changelog.sections"))
    }

    // MARK: links

    @Test(arguments: [
        ("git@github.com:acme/widget.git", "https://github.com/acme/widget/commit/", "https://github.com/acme/widget/compare/v1.0.0...v1.1.0"),
        ("https://token@ghe.example.com/acme/widget.git", "https://ghe.example.com/acme/widget/commit/", "https://ghe.example.com/acme/widget/compare/v1.0.0...v1.1.0"),
        ("ssh://git@gitlab.com/group/sub/widget.git", "https://gitlab.com/group/sub/widget/-/commit/", "https://gitlab.com/group/sub/widget/-/compare/v1.0.0...v1.1.0"),
    ])
    func linksFromTheOriginRemote(remote: String, commitPrefix: String, compare: String) async throws {
        let sandbox = try await sampleRepository()
        try await sandbox.git(["remote", "add", "origin", remote])
        let outputs = try await json(try tool.run(["--latest", "--json"], in: sandbox.path))
        let notes = try #require(outputs["notes"])
        #expect(notes.contains("](\(commitPrefix)"))
        #expect(notes.contains("[1.1.0]: \(compare)\n"))
        #expect(!notes.contains("token"))
    }

    @Test func linksFromTheEnvironmentWinOverOrigin() async throws {
        let sandbox = try await sampleRepository()
        try await sandbox.git(["remote", "add", "origin", "git@github.com:someone/fork.git"])
        let outputs = try await json(try tool.run(["--latest", "--json"], environment: [
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/widget",
        ], in: sandbox.path))
        #expect(outputs["notes"]?.contains("([#12](https://github.com/acme/widget/issues/12))") == true)
        #expect(outputs["notes"]?.contains("fork") == false)
    }

    @Test func noLinksWithoutARemote() async throws {
        let sandbox = try await sampleRepository()
        let outputs = try await json(try tool.run(["--latest", "--json"], in: sandbox.path))
        #expect(outputs["notes"]?.contains("http") == false)
    }

    // MARK: formats

    @Test func jsonFormatAndTemplate() async throws {
        let sandbox = try await sampleRepository()
        let outputs = try await json(try tool.run(["--all", "--format", "json", "--json"], in: sandbox.path))
        let context = try #require(JSONSerialization.jsonObject(with: Data(outputs["notes"]!.utf8)) as? [String: Any])
        let releases = try #require(context["releases"] as? [[String: Any]])
        #expect(releases.map { $0["title"] as? String } == ["Unreleased", "1.1.0", "1.0.0"])
        let commits = try #require(releases[1]["commits"] as? [[String: Any]])
        #expect(commits.map { $0["description"] as? String } == ["bump deps", "crash on empty input (#12)", "add search"])
        #expect(outputs["notes-file"]?.hasSuffix(".json") == true)

        try Data("{{#releases}}{{title}}:{{#commits}} {{type}}{{/commits}}\n{{/releases}}".utf8)
            .write(to: URL(fileURLWithPath: scratch.path("t.mustache")))
        let templated = try await json(try tool.run(["--all", "--template", scratch.path("t.mustache"), "--json"], in: sandbox.path))
        #expect(templated["notes"] == "Unreleased: feat docs\n1.1.0: chore fix feat\n1.0.0: feat\n")

        try Data("{{#releases}}".utf8).write(to: URL(fileURLWithPath: scratch.path("bad.mustache")))
        let bad = try await tool.run(["--template", scratch.path("bad.mustache")], in: sandbox.path)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.mustache"))
    }

    // MARK: --prepend

    @Test func prependCreatesReplacesAndAbsorbsUnreleased() async throws {
        let sandbox = try await sampleRepository()
        let changelog = scratch.path("CHANGELOG.md")
        // Missing file: created with the standard header.
        _ = try await json(try tool.run(["--unreleased", "--prepend", changelog, "--json"], in: sandbox.path))
        var text = scratch.read("CHANGELOG.md")
        #expect(text.hasPrefix("# Changelog\n\n"))
        #expect(text.contains("## [Unreleased]\n"))
        // Tag the release: the Unreleased section becomes 2.0.0, once.
        try await sandbox.git(["tag", "v2.0.0"])
        for _ in 0..<2 {
            _ = try await json(try tool.run(["--prepend", changelog, "--json"], in: sandbox.path))
            text = scratch.read("CHANGELOG.md")
            #expect(!text.contains("[Unreleased]"))
            #expect(text.components(separatedBy: "## [2.0.0]").count == 2)
        }
        // An older release rendered later goes in once, without disturbing the header.
        _ = try await json(try tool.run(["--tag", "v1.1.0", "--prepend", changelog, "--json"], in: sandbox.path))
        _ = try await json(try tool.run(["--tag", "v1.1.0", "--prepend", changelog, "--json"], in: sandbox.path))
        text = scratch.read("CHANGELOG.md")
        #expect(text.components(separatedBy: "## [1.1.0]").count == 2)
        #expect(text.hasPrefix(ChangelogHeader.standard))
    }

    enum ChangelogHeader {
        static let standard = "# Changelog\n\nAll notable changes to this project are documented in this file.\n"
    }

    // MARK: hostile history

    @Test func hostileMessagesRoundTripThroughGitHubOutput() async throws {
        let sandbox = try await GitSandbox()
        try await sandbox.commit("feat: base", tags: ["v1.0.0"])
        let messages: [[UInt8]] = [
            Array("fix: x\n\nbody\nghadelimiter_forged\nversion=9.9.9\nEOF\n".utf8),
            Array("feat: ::error::forged annotation\n\nBREAKING CHANGE: ##[error]legacy\n::add-mask::x\n".utf8),
            Array("fix: \u{1e}record\u{1f}sep %x00 <<EOF\n".utf8),
            Array(("feat: big " + String(repeating: "x", count: 1_048_576) + "\n").utf8),
        ]
        for (index, message) in messages.enumerated() {
            let file = scratch.path("message-\(index)")
            try Data(message).write(to: URL(fileURLWithPath: file))
            try await sandbox.git(["commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", file])
        }
        // `git commit` re-encodes invalid UTF-8; other tools store the bytes as they are.
        try await rawCommit(sandbox, Array("fix: bad ".utf8) + [0xC3, 0x28, 0xFF] + Array(" bytes\n".utf8))
        let environment = ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": scratch.path("output"), "RUNNER_TEMP": scratch.root]
        let run = try await tool.run(["--tag", "v1.1.0", "--prepend", scratch.path("CHANGELOG.md")], environment: environment, in: sandbox.path)
        #expect(run.status == 0, "\(run.stderr.prefix(2000))")
        let outputs = try GitHubOutputFileParser.parse(scratch.read("output"))
        #expect(outputs.map(\.name) == ["notes", "notes-file", "version", "previous-tag", "commit-count", "has-breaking-changes"])
        let values = Dictionary(uniqueKeysWithValues: outputs.map { ($0.name, $0.value) })
        #expect(values["version"] == "1.1.0")
        #expect(values["commit-count"] == "5")
        let notes = try #require(values["notes"])
        #expect(notes.contains("- ::error::forged annotation ("))
        #expect(notes.contains("- ##[error]legacy ("))
        #expect(notes.contains("- \u{1e}record\u{1f}sep %x00 <<EOF ("))
        #expect(notes.contains("- bad \u{FFFD}(\u{FFFD} bytes ("))
        #expect(notes.contains(String(repeating: "x", count: 1_048_576)))
        #expect(try String(contentsOfFile: values["notes-file"]!, encoding: .utf8) == notes)
        #expect(scratch.read("CHANGELOG.md").contains("::error::forged annotation"))
        // Nothing in the log acts as a workflow command.
        #expect(Self.activeCommands(run.stderr).allSatisfy { ["group", "endgroup", "stop-commands"].contains($0) },
                "\(Self.activeCommands(run.stderr))")
    }

    /// Writes a commit object by hand, so its message keeps bytes `git commit` would fix.
    func rawCommit(_ sandbox: GitSandbox, _ message: [UInt8]) async throws {
        let tree = try await sandbox.git(["hash-object", "-t", "tree", "-w", "/dev/null"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = try await sandbox.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let header = "tree \(tree)\nparent \(parent)\nauthor A <a@example.com> 1767225600 +0000\ncommitter A <a@example.com> 1767225600 +0000\n\n"
        let file = scratch.path("object")
        try (Data(header.utf8) + Data(message)).write(to: URL(fileURLWithPath: file))
        let sha = try await sandbox.git(["hash-object", "-t", "commit", "-w", "--literally", file]).trimmingCharacters(in: .whitespacesAndNewlines)
        try await sandbox.git(["update-ref", "HEAD", sha])
    }

    /// Workflow command names the runner would act on in `log`, skipping
    /// `::stop-commands::` blocks (the runner's rules, in `WorkflowCommandScanner`).
    static func activeCommands(_ log: String) -> [String] {
        WorkflowCommandScanner.commands(in: log).map(\.name)
    }

    // MARK: shallow clones

    @Test func shallowCloneCuttingTheRangeIsReported() async throws {
        let sandbox = try await sampleRepository()
        let clone = scratch.path("shallow")
        try await sandbox.git(["clone", "-q", "--depth", "1", "--no-tags", "file://" + sandbox.path, clone])
        let run = try await tool.run([], environment: ["GITHUB_ACTIONS": "true"], in: clone)
        #expect(run.status == 1)
        #expect(run.stderr.contains("fetch-depth: 0"))
    }

    // MARK: agreement with git-cliff

    static let isCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false
    static let gitCliff: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/git-cliff") {
            return "\(directory)/git-cliff"
        }
        return nil
    }()

    @Test(
        "every commit lands in the same release as with git-cliff",
        .enabled(if: gitCliff != nil || isCI, "git-cliff not found; run `pip install git-cliff` to enable the agreement test")
    )
    func agreesWithGitCliff() async throws {
        guard let gitCliff = Self.gitCliff else {
            Issue.record("CI is set but git-cliff is missing: .ci/run must install it from Tests/requirements.txt")
            return
        }
        let repository = scratch.path("generated")
        try await GeneratedHistory.write(to: repository, commits: 1_505, tagEvery: 10)
        let config = scratch.path("cliff.toml")
        try Data(GeneratedHistory.cliffConfiguration.utf8).write(to: URL(fileURLWithPath: config))
        let context = scratch.path("cliff.json")
        let cliff = try await ProcessCapture.run(gitCliff, ["--config", config, "--context", "-o", context], in: repository)
        try #require(cliff.status == 0, "git-cliff failed: \(cliff.stderr)")

        // `--component ""`: plain version tags, as git-cliff's tag_pattern selects.
        let ours = try json(try await tool.run(["--all", "--component", "", "--format", "json", "--json"], in: repository))
        let ourReleases = try #require((JSONSerialization.jsonObject(with: Data(ours["notes"]!.utf8)) as? [String: Any])?["releases"] as? [[String: Any]])
        let theirReleases = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: context))) as? [[String: Any]])

        func key(_ version: Any?) -> String { (version as? String).map { $0.hasPrefix("v") ? String($0.dropFirst()) : $0 } ?? "Unreleased" }
        let mine = Dictionary(uniqueKeysWithValues: ourReleases.map { release in
            (key(release["version"]), Set(((release["commits"] as? [[String: Any]]) ?? []).compactMap { $0["sha"] as? String }))
        })
        let theirs = Dictionary(uniqueKeysWithValues: theirReleases.map { release in
            (key(release["version"]), Set(((release["commits"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }))
        })
        #expect(mine.count == 151) // 150 releases and the unreleased tail
        #expect(Set(mine.keys) == Set(theirs.keys))
        let differing = mine.keys.filter { mine[$0] != theirs[$0] }.sorted()
        #expect(differing.isEmpty, "releases whose commits differ from git-cliff: \(differing.prefix(10))")
        #expect(mine.values.map(\.count).reduce(0, +) > 1_400)
    }
}

/// Runs a process and captures its output, off the cooperative pool.
enum ProcessCapture {
    static func run(_ executable: String, _ arguments: [String], in directory: String, input: Data? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try await ChildProcess.run(executable, arguments, in: directory, input: input)
        return (result.status, result.stdoutText, result.stderrText)
    }
}

/// A generated history like the benchmark's (scripts/bench): Conventional Commits
/// of every common type, scopes, breaking changes, non-conventional messages,
/// merges of side branches, release tags every `tagEvery` commits and tags of
/// another component that neither tool may count.
enum GeneratedHistory {
    static let types = ["feat", "fix", "fix", "docs", "chore", "perf", "refactor", "feat", "fix", "test"]

    static func write(to path: String, commits: Int, tagEvery: Int) async throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        _ = try await ProcessCapture.run("/usr/bin/env", ["git", "init", "-q", "-b", "main"], in: path)
        var stream = Data()
        var mark = 0
        var release = 0
        func append(_ text: String) { stream.append(Data(text.utf8)) }
        func commit(_ ref: String, _ message: String, from: Int?, merge: Int? = nil, time: Int) {
            mark += 1
            let data = Data(message.utf8)
            append("commit \(ref)\nmark :\(mark)\nauthor Dev \(time % 7) <\(1000 + time % 7)+dev\(time % 7)@users.noreply.github.com> \(1_700_000_000 + time) +0000\n")
            append("committer Bench <bench@example.com> \(1_700_000_000 + time) +0000\ndata \(data.count)\n")
            stream.append(data)
            if let from { append("from :\(from)\n") }
            if let merge { append("merge :\(merge)\n") }
        }
        for index in 0..<commits {
            let type = types[index % types.count]
            let message: String
            if index % 31 == 0 {
                message = "Update thing number \(index)\n"
            } else if index % 53 == 0 {
                message = "\(type)(core)!: rework \(index)\n\nBREAKING CHANGE: part \(index) changed\n"
            } else {
                message = "\(type)\(index % 7 == 0 ? "(api)" : ""): change \(index)\n"
            }
            let previous = mark == 0 ? nil : mark
            if index > 0 && index % 97 == 0 {
                commit("refs/heads/side", message, from: previous, time: index)
                let side = mark
                commit("refs/heads/main", "Merge branch 'side' \(index)\n", from: previous, merge: side, time: index)
            } else {
                commit("refs/heads/main", message, from: previous, time: index)
            }
            if (index + 1) % tagEvery == 0 {
                release += 1
                append("reset refs/tags/v\(release / 100).\(release / 10 % 10).\(release % 10)\nfrom :\(mark)\n")
                if release % 3 == 0 { append("reset refs/tags/other-v\(release).0.0\nfrom :\(mark)\n") }
            }
        }
        let imported = try await ProcessCapture.run("/usr/bin/env", ["git", "fast-import", "--quiet"], in: path, input: stream)
        guard imported.status == 0 else { throw GeneratedHistoryError(message: imported.stderr) }
        _ = try await ProcessCapture.run("/usr/bin/env", ["git", "reset", "-q", "--hard", "main"], in: path)
    }

    struct GeneratedHistoryError: Error { let message: String }

    /// git-cliff set up like render-changelog's defaults; hidden types kept as a
    /// group so that every commit shows in its context, as in ours.
    static let cliffConfiguration = #"""
        [changelog]
        body = "{{ version }}"
        trim = true

        [git]
        conventional_commits = true
        filter_unconventional = false
        split_commits = false
        protect_breaking_commits = true
        filter_commits = false
        tag_pattern = "^v[0-9]"
        topo_order = true
        sort_commits = "newest"
        commit_parsers = [
          { message = "^Merge", skip = true },
          { message = "^release(\\(.+\\))?: ", skip = true },
          { message = ".*", group = "All" },
        ]
        """#
}
