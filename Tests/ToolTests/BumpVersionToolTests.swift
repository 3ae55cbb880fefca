import Foundation
import Git
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// bump-version run as a step: the real binary on real temporary repositories,
/// with a local bare repository as `origin` for release-branch mode.
@Suite struct BumpVersionToolTests {
    let scratch = ScratchDirectory()
    let tool = BuiltTool(name: "bump-version")
    /// Fixed dates, so a re-run makes the same commit and the same SHA.
    let dates = ["GIT_AUTHOR_DATE": "2026-02-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-02-01T00:00:00Z"]

    func json(_ run: BuiltTool.Run) throws -> [String: String] {
        try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String], "stdout: \(run.stdout) stderr: \(run.stderr)")
    }

    func write(_ repo: GitSandbox, _ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: repo.path + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ repo: GitSandbox, _ path: String) -> String {
        (try? String(contentsOfFile: repo.path + "/" + path, encoding: .utf8)) ?? ""
    }

    /// A single npm-style package released as v1.2.0, with a feature and a fix since.
    func singlePackage() async throws -> GitSandbox {
        let repo = try await GitSandbox()
        try write(repo, "package.json", "{\n  \"name\": \"app\",\n  \"version\": \"1.2.0\"\n}\n")
        try write(repo, "VERSION", "1.2.0\n")
        try await repo.git(["add", "."])
        try await repo.commit("feat: first", tags: ["v1.2.0"])
        try await repo.commit("feat(api): export")
        try await repo.commit("fix: pager")
        return repo
    }

    // MARK: - Single package

    @Test func autoLevelWritesEveryFileAndReportsEveryOutput() async throws {
        let repo = try await singlePackage()
        let environment = ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": scratch.path("out"), "GITHUB_STEP_SUMMARY": scratch.path("summary")]
        let run = try await tool.run([], environment: environment, in: repo.path)
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = try GitHubOutputFileParser.parse(scratch.read("out"))
        #expect(outputs.map(\.name) == ["previous-version", "version", "level", "released", "tag", "component", "changed-files", "commit", "plan"])
        #expect(outputs.prefix(8).map(\.value) == ["1.2.0", "1.3.0", "minor", "true", "v1.3.0", "", "package.json\nVERSION", ""])
        let plan = try #require(JSONSerialization.jsonObject(with: Data(outputs[8].value.utf8)) as? [[String: Any]])
        #expect(plan.count == 1)
        #expect(plan[0]["version"] as? String == "1.3.0")
        #expect(read(repo, "package.json") == "{\n  \"name\": \"app\",\n  \"version\": \"1.3.0\"\n}\n")
        #expect(read(repo, "VERSION") == "1.3.0\n")
        #expect(scratch.read("summary").contains("| — | 1.2.0 | 1.3.0 | minor | v1.3.0 |"))
    }

    @Test func nothingReleasableTouchesNothing() async throws {
        let repo = try await GitSandbox()
        try write(repo, "VERSION", "1.2.0\n")
        try await repo.git(["add", "."])
        try await repo.commit("feat: first", tags: ["v1.2.0"])
        try await repo.commit("docs: readme")
        try await repo.commit("chore: deps")
        let outputs = try await json(try tool.run(["--json", "--commit", "--tag"], in: repo.path))
        #expect(outputs["released"] == "false")
        #expect(outputs["level"] == "none")
        #expect(outputs["version"] == "1.2.0")
        #expect(outputs["tag"] == "")
        #expect(outputs["changed-files"] == "")
        #expect(read(repo, "VERSION") == "1.2.0\n")
        #expect(try await repo.git(["tag"]) == "v1.2.0\n")
    }

    @Test func commitAndTagThenAReRunReleasesNothing() async throws {
        let repo = try await singlePackage()
        let first = try await json(try tool.run(["--json", "--commit", "--tag", "--pre", "rc"], in: repo.path))
        #expect(first["version"] == "1.3.0-rc.1")
        #expect(first["tag"] == "v1.3.0-rc.1")
        let head = try await repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(first["commit"] == head)
        #expect(try await repo.git(["log", "-1", "--format=%s"]) == "release: 1.3.0-rc.1\n")
        #expect(try await repo.git(["cat-file", "-t", "v1.3.0-rc.1"]) == "tag\n")
        #expect(try await repo.git(["status", "--porcelain"]).isEmpty)
        // Idempotent: the release commit does not count, so there is nothing new.
        let second = try await json(try tool.run(["--json", "--commit", "--tag", "--pre", "rc"], in: repo.path))
        #expect(second["released"] == "false")
        #expect(second["previous-version"] == "1.3.0-rc.1")
        // More work on the rc: the counter moves, not the patch.
        try await repo.commit("fix: more")
        let third = try await json(try tool.run(["--json", "--commit", "--tag", "--pre", "rc"], in: repo.path))
        #expect(third["version"] == "1.3.0-rc.2")
        let final = try await json(try tool.run(["--json", "--commit", "--tag", "--level", "final"], in: repo.path))
        #expect(final["version"] == "1.3.0")
        #expect(read(repo, "VERSION") == "1.3.0\n")
    }

    @Test func dryRunPrintsDiffsAndWritesNothing() async throws {
        let repo = try await singlePackage()
        let run = try await tool.run(["--dry-run", "--commit", "--tag", "--json"], in: repo.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try json(run)["version"] == "1.3.0")
        #expect(run.stderr.contains("--- a/package.json\n+++ b/package.json\n"))
        #expect(run.stderr.contains("-  \"version\": \"1.2.0\"\n+  \"version\": \"1.3.0\"\n"))
        #expect(read(repo, "VERSION") == "1.2.0\n")
        await #expect(try repo.git(["tag"]) == "v1.2.0\n")
        await #expect(try repo.git(["log", "-1", "--format=%s"]) == "fix: pager\n")
    }

    @Test func checkListsDisagreements() async throws {
        let repo = try await singlePackage()
        let agree = try await tool.run(["--check"], in: repo.path)
        #expect(agree.status == 0, "\(agree.stderr)")
        try write(repo, "VERSION", "1.1.0\n")
        let disagree = try await tool.run(["--check", "--allow-dirty"], in: repo.path)
        #expect(disagree.status == 1)
        #expect(disagree.stderr.contains("VERSION:1 content is 1.1.0, expected 1.2.0"))
        #expect(!disagree.stderr.contains("package.json:"))
    }

    @Test func setAndCurrentAreValidatedAndNeverGoBackwards() async throws {
        let repo = try await singlePackage()
        let set = try await json(try tool.run(["--set", "2.0.0-beta.1", "--json"], in: repo.path))
        #expect(set["version"] == "2.0.0-beta.1")
        #expect(set["level"] == "set")
        await #expect(try tool.run(["--set", "1.2.0"], in: repo.path).status == 1)
        await #expect(try tool.run(["--set", "banana"], in: repo.path).status == 2)
        let back = try await tool.run(["--current", "1.0.0", "--level", "patch"], in: repo.path)
        #expect(back.status == 1)
        #expect(back.stderr.contains("v1.2.0"))
        await #expect(try tool.run(["--level", "final"], in: repo.path).status == 2)
    }

    @Test func noTagStartsFromTheVersionFilesThenFromZero() async throws {
        let repo = try await GitSandbox()
        try write(repo, "pyproject.toml", "[project]\nname = \"x\"\nversion = \"0.4.0\"\n")
        try await repo.git(["add", "."])
        try await repo.commit("feat: start")
        let fromFile = try await json(try tool.run(["--json", "--pre", "rc"], in: repo.path))
        #expect(fromFile["previous-version"] == "0.4.0")
        #expect(fromFile["version"] == "0.5.0rc1")
        let empty = try await GitSandbox()
        try await empty.commit("fix: start")
        let run = try await tool.run(["--json"], in: empty.path)
        #expect(try json(run)["version"] == "0.0.1")
        #expect(run.stderr.contains("starting from 0.0.0"))
    }

    @Test func filesThatCannotTakeTheVersionStopTheRunBeforeAnyWrite() async throws {
        let repo = try await GitSandbox()
        try write(repo, "VERSION", "1.2.0\n")
        try write(repo, "Cargo.toml", "[package]\nname = \"x\"\nversion = \"1.2.0\"\n")
        try write(repo, "pyproject.toml", "[project]\nname = \"x\"\ndynamic = [\"version\"]\n")
        try await repo.git(["add", "."])
        try await repo.commit("feat: start", tags: ["v1.2.0"])
        let cargo = try await tool.run(["--set", "1.3.0rc1", "--file", "VERSION", "--file", "Cargo.toml"], in: repo.path)
        #expect(cargo.status == 2)
        #expect(cargo.stderr.contains("Cargo.toml"))
        #expect(cargo.stderr.contains("SemVer"))
        #expect(read(repo, "VERSION") == "1.2.0\n")
        let dynamic = try await tool.run(["--level", "patch", "--file", "VERSION", "--file", "pyproject.toml"], in: repo.path)
        #expect(dynamic.status == 2)
        #expect(dynamic.stderr.contains("pyproject.toml"))
        #expect(dynamic.stderr.contains("dynamic"))
        #expect(read(repo, "VERSION") == "1.2.0\n")
        let missing = try await tool.run(["--level", "patch", "--file", "config.yaml:model.version"], in: repo.path)
        #expect(missing.status == 2)
    }

    @Test func keyPathFilesAndCustomMessage() async throws {
        let repo = try await singlePackage()
        try write(repo, "ml/models/baseline/config.yaml", "model:\n  name: baseline\n  version: 1.2.0 # bumped\n")
        try await repo.git(["add", "."])
        try await repo.commit("chore: config")
        let outputs = try await json(try tool.run(["--json", "--commit", "--message", "chore(release): {tag} from {previous-version}",
                                             "--file", "ml/models/baseline/config.yaml:model.version", "--file", "VERSION"], in: repo.path))
        #expect(outputs["changed-files"] == "ml/models/baseline/config.yaml\nVERSION")
        #expect(read(repo, "ml/models/baseline/config.yaml") == "model:\n  name: baseline\n  version: 1.3.0 # bumped\n")
        #expect(read(repo, "package.json").contains("1.2.0"))
        #expect(try await repo.git(["log", "-1", "--format=%s"]) == "chore(release): v1.3.0 from 1.2.0\n")
    }

    @Test func inActionsWithoutIdentityCommitsAsTheBot() async throws {
        let repo = try await singlePackage()
        let home = scratch.path("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let run = try await tool.run(["--commit", "--tag"], environment: ["GITHUB_ACTIONS": "true", "HOME": home, "GIT_CONFIG_NOSYSTEM": "1",
                                                                    "GITHUB_OUTPUT": scratch.path("out")], in: repo.path)
        #expect(run.status == 0, "\(run.stderr)")
        await #expect(try repo.git(["log", "-1", "--format=%an <%ae>|%cn"]) == "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|github-actions[bot]\n")
        await #expect(try repo.git(["for-each-ref", "--format=%(taggername)", "refs/tags/v1.3.0"]) == "github-actions[bot]\n")
        await #expect(try repo.git(["config", "--local", "--get-all", "user.name"], allowFailure: true).isEmpty)
    }

    @Test func configErrorsAreExitTwoWithTheKeyPath() async throws {
        let repo = try await singlePackage()
        try write(repo, ".releasekit.yml", "packages:\n  - name: core\n    tag-fromat: x\n")
        let run = try await tool.run([], in: repo.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("packages[0].tag-fromat"))
        try write(repo, "other.yml", "scheme: [semver]\n")
        let wrongType = try await tool.run(["--config", "other.yml"], in: repo.path)
        #expect(wrongType.status == 2)
        #expect(wrongType.stderr.contains("at scheme: expected a string, got a list"))
    }

    @Test func badFlagCombinationsAreExitTwo() async throws {
        let repo = try await singlePackage()
        for arguments in [["--all", "--component", "x"], ["--base-branch", "main"], ["--set", "2.0.0", "--level", "major"],
                          ["--check", "--commit"], ["--push"], ["--level", "sideways"], ["--pre", "gamma"]] {
            await #expect(try tool.run(arguments, in: repo.path).status == 2, "\(arguments)")
        }
        let tagOnly = try await tool.run(["--tag"], in: repo.path)
        #expect(tagOnly.status == 2)
        #expect(tagOnly.stderr.contains("--commit"))
    }

    // MARK: - Monorepo (seed 001)

    func seed001() async throws -> GitSandbox {
        let repo = try await GitSandbox()
        try write(repo, ".releasekit.yml", """
        # seed 001: three Python packages, one tag per package
        scheme: pep440
        packages:
          - name: aetherflow
            path: packages/aetherflow
          - name: aetherflow-core
            path: packages/aetherflow-core
          - name: aetherflow-scheduler
            path: packages/aetherflow-scheduler

        """)
        for name in ["aetherflow", "aetherflow-core", "aetherflow-scheduler"] {
            try write(repo, "packages/\(name)/pyproject.toml", "[project]\nname = \"\(name)\"\nversion = \"0.1.0rc1\"  # managed by bump-version\n")
        }
        try await repo.git(["add", "."])
        try await repo.commit("feat: initial packages", tags: ["aetherflow-v0.1.0rc1", "aetherflow-core-v0.1.0rc1", "aetherflow-scheduler-v0.1.0rc1"])
        try write(repo, "packages/aetherflow-core/src/engine.py", "x = 1\n")
        try await repo.git(["add", "."])
        try await repo.commit("feat(core): streaming engine")
        try write(repo, "packages/aetherflow-scheduler/src/cron.py", "y = 1\n")
        try await repo.git(["add", "."])
        try await repo.commit("fix(scheduler): cron drift")
        try write(repo, "docs/index.md", "docs\n")
        try await repo.git(["add", "."])
        try await repo.commit("feat: docs site")
        return repo
    }

    @Test func allPlansEveryPackageWithChangesUnderItsPath() async throws {
        let repo = try await seed001()
        let outputs = try await json(try tool.run(["--all", "--pre", "rc", "--commit", "--tag", "--json"], in: repo.path))
        #expect(outputs["released"] == "true")
        #expect(outputs["component"] == "aetherflow-core\naetherflow-scheduler")
        #expect(outputs["version"] == "0.1.0rc2\n0.1.0rc2")
        #expect(outputs["tag"] == "aetherflow-core-v0.1.0rc2\naetherflow-scheduler-v0.1.0rc2")
        #expect(outputs["changed-files"] == "packages/aetherflow-core/pyproject.toml\npackages/aetherflow-scheduler/pyproject.toml")
        let plan = try #require(JSONSerialization.jsonObject(with: Data(outputs["plan"]!.utf8)) as? [[String: Any]])
        #expect(plan.map { $0["component"] as? String } == ["aetherflow", "aetherflow-core", "aetherflow-scheduler"])
        #expect(plan.map { $0["released"] as? Bool } == [false, true, true])
        #expect(plan.map { $0["level"] as? String } == ["none", "minor", "patch"])
        #expect(read(repo, "packages/aetherflow-core/pyproject.toml") == "[project]\nname = \"aetherflow-core\"\nversion = \"0.1.0rc2\"  # managed by bump-version\n")
        #expect(read(repo, "packages/aetherflow/pyproject.toml").contains("0.1.0rc1"))
        await #expect(try repo.git(["log", "-2", "--format=%s"]) == "release(aetherflow-scheduler): 0.1.0rc2\nrelease(aetherflow-core): 0.1.0rc2\n")
        // The final release of every package, then nothing left to release.
        let final = try await json(try tool.run(["--all", "--level", "final", "--commit", "--tag", "--json"], in: repo.path))
        #expect(final["tag"] == "aetherflow-v0.1.0\naetherflow-core-v0.1.0\naetherflow-scheduler-v0.1.0")
        let again = try await json(try tool.run(["--all", "--json"], in: repo.path))
        #expect(again["released"] == "false")
    }

    @Test func aFinalRunReadsTheCommitsSinceTheLastFinalRelease() async throws {
        let repo = try await seed001()
        _ = try await json(try tool.run(["--all", "--pre", "rc", "--commit", "--tag", "--json"], in: repo.path))
        // Seed 001's final run: no --pre, so everything since the last final release counts,
        // including what the release candidates already shipped.
        try await repo.git(["tag", "aetherflow-v0.0.9"])
        let final = try await json(try tool.run(["--all", "--commit", "--tag", "--json"], in: repo.path))
        #expect(final["component"] == "aetherflow-core\naetherflow-scheduler")
        #expect(final["version"] == "0.1.0\n0.1.0")
        #expect(final["previous-version"] == "0.1.0rc2\n0.1.0rc2")
    }

    @Test func componentSelectsOnePackage() async throws {
        let repo = try await seed001()
        let outputs = try await json(try tool.run(["--component", "aetherflow-core", "--json"], in: repo.path))
        #expect(outputs["component"] == "aetherflow-core")
        #expect(outputs["previous-version"] == "0.1.0rc1")
        #expect(outputs["version"] == "0.1.0")
        let none = try await tool.run([], in: repo.path)
        #expect(none.status == 2)
        #expect(none.stderr.contains("--component NAME, or --all"))
    }

    // MARK: - Release-branch mode (seed 001, section 7)

    /// A bare `origin` holding `main` (released v1.2.0, then a feature), and a clone of it.
    func remoteAndClone(cloneArguments: [String] = []) async throws -> (origin: String, clone: GitSandbox) {
        let source = try await singlePackage()
        let origin = scratch.path("origin-\(UUID().uuidString).git")
        try await source.git(["init", "-q", "--bare", "-b", "main", origin])
        try await source.git(["push", "-q", origin, "main", "--tags"])
        let clone = try await GitSandbox()
        try await clone.git(["clone", "-q"] + cloneArguments + [origin, clone.path + "/work"])
        return (origin, GitSandbox(existing: clone.path + "/work", keeping: clone))
    }

    func remoteRef(_ origin: String, _ ref: String) async -> String? {
        let result = try? await TestProcessRunner.shared.run(CommandLineInvocation("git", ["--git-dir", origin, "rev-parse", "-q", "--verify", ref + "^{commit}"]))
        guard let result, result.status == 0 else { return nil }
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    let branchFlags = ["--base-branch", "main", "--release-branch", "release-test", "--push"]

    @Test func releaseBranchIsResetAtTheBaseCommittedTaggedAndPushed() async throws {
        let (origin, clone) = try await remoteAndClone()
        let run = try await tool.run(branchFlags + ["--pre", "rc", "--json"], environment: dates, in: clone.path)
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = try json(run)
        #expect(outputs["version"] == "1.3.0-rc.1")
        let released = try #require(await remoteRef(origin, "refs/heads/release-test"))
        #expect(released == outputs["commit"])
        await #expect(remoteRef(origin, "refs/tags/v1.3.0-rc.1") == released)
        await #expect(remoteRef(origin, "refs/heads/main") == remoteRef(origin, "refs/heads/release-test^"))
        await #expect(try clone.git(["rev-parse", "--abbrev-ref", "HEAD"]) == "release-test\n")
        // A second run later resets the release branch at the base again (force with lease).
        let rerun = try await tool.run(branchFlags + ["--pre", "rc", "--level", "prerelease", "--json"], environment: dates, in: clone.path)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try json(rerun)["version"] == "1.3.0-rc.2")
        await #expect(remoteRef(origin, "refs/heads/release-test^") == remoteRef(origin, "refs/heads/main"))
    }

    @Test func releaseBranchDryRunPlansOnTheRemoteBaseAndChangesNothing() async throws {
        let (origin, clone) = try await remoteAndClone()
        // A local branch with a breaking change: planned here it would be 2.0.0.
        try await clone.git(["checkout", "-q", "-b", "experiment"])
        try await clone.commit("feat!: drop the old API")
        let status = try await clone.git(["status", "--porcelain"])
        let run = try await tool.run(branchFlags + ["--dry-run", "--json"], environment: dates, in: clone.path)
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = try json(run)
        #expect(outputs["version"] == "1.3.0", "planned on origin/main (a feature since v1.2.0), not on the checkout")
        #expect(run.stderr.contains("+  \"version\": \"1.3.0\""), "the diff of what the release branch would get")
        #expect(try await clone.git(["rev-parse", "--abbrev-ref", "HEAD"]) == "experiment\n")
        #expect(try await clone.git(["status", "--porcelain"]) == status)
        #expect(try await clone.git(["branch", "--list", "release-test"]).isEmpty)
        #expect(try await clone.git(["worktree", "list", "--porcelain"]).components(separatedBy: "worktree ").count == 2, "the temporary worktree is gone")
        await #expect(remoteRef(origin, "refs/heads/release-test") == nil)
        await #expect(remoteRef(origin, "refs/tags/v1.3.0") == nil)
    }

    @Test func detachedHeadIsAWarningOnly() async throws {
        let (origin, clone) = try await remoteAndClone()
        try await clone.git(["checkout", "-q", "--detach"])
        let run = try await tool.run(branchFlags + ["--json"], environment: ["GITHUB_ACTIONS": "true"].merging(dates) { $1 }, in: clone.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("::warning title=bump-version%3A detached HEAD::"))
        await #expect(remoteRef(origin, "refs/tags/v1.3.0") != nil)
    }

    /// Each hard failure: exit 1, nothing pushed, the checkout as it was.
    func expectHardFailure(_ clone: GitSandbox, _ origin: String, _ arguments: [String], mentions text: String,
                           sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let before = try await clone.git(["rev-parse", "--abbrev-ref", "HEAD"])
        let run = try await tool.run(arguments, environment: dates, in: clone.path)
        #expect(run.status == 1, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(text), "\(run.stderr)", sourceLocation: sourceLocation)
        await #expect(remoteRef(origin, "refs/heads/release-test") == nil, sourceLocation: sourceLocation)
        await #expect(remoteRef(origin, "refs/tags/v1.3.0") == nil, sourceLocation: sourceLocation)
        #expect(try await clone.git(["rev-parse", "--abbrev-ref", "HEAD"]) == before, sourceLocation: sourceLocation)
        #expect(read(clone, "VERSION") == "1.2.0\n" || text.contains("uncommitted"), sourceLocation: sourceLocation)
        #expect(try await clone.git(["tag", "--list", "v1.3.0"]).isEmpty, sourceLocation: sourceLocation)
        #expect(try await clone.git(["branch", "--list", "release-test"]).isEmpty, sourceLocation: sourceLocation)
    }

    @Test func dirtyTreeIsAHardFailureUnlessAllowed() async throws {
        let (origin, clone) = try await remoteAndClone()
        try write(clone, "VERSION", "dirty\n")
        try await expectHardFailure(clone, origin, branchFlags, mentions: "uncommitted changes (VERSION)")
        try write(clone, "README.md", "untracked files do not count\n")
        try await clone.git(["checkout", "--", "VERSION"])
        try write(clone, "package.json", "{\"version\": \"1.2.0\", \"edited\": true}\n")
        let allowed = try await tool.run(branchFlags + ["--allow-dirty", "--file", "VERSION"], environment: dates, in: clone.path)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(read(clone, "package.json").contains("edited"))
    }

    @Test func missingRemoteBaseIsAHardFailure() async throws {
        let (origin, clone) = try await remoteAndClone()
        try await expectHardFailure(clone, origin, ["--base-branch", "test", "--release-branch", "release-test", "--push"], mentions: "origin/test does not exist")
    }

    @Test func baseMismatchIsAHardFailureUnlessSkipped() async throws {
        let (origin, clone) = try await remoteAndClone()
        try await clone.commit("fix: local only, not pushed")
        try await expectHardFailure(clone, origin, branchFlags, mentions: "but origin/main is at")
        let skipped = try await tool.run(branchFlags + ["--skip-base-sync-check"], environment: dates, in: clone.path)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        await #expect(remoteRef(origin, "refs/heads/release-test^") == remoteRef(origin, "refs/heads/main"))
    }

    @Test func failingCommitIsAHardFailure() async throws {
        let (origin, clone) = try await remoteAndClone()
        let hook = clone.path + "/.git/hooks/pre-commit"
        try Data("#!/bin/sh\necho 'hook says no' >&2\nexit 1\n".utf8).write(to: URL(fileURLWithPath: hook))
        chmod(hook, 0o755)
        try await expectHardFailure(clone, origin, branchFlags, mentions: "cannot commit the release")
    }

    @Test(arguments: ["refs/heads/*", "refs/tags/*"])
    func failingPushIsAHardFailureAndPushesNothing(rejected: String) async throws {
        let (origin, clone) = try await remoteAndClone()
        let hook = origin + "/hooks/pre-receive"
        let script = "#!/bin/sh\nwhile read old new ref; do case \"$ref\" in \(rejected)) echo \"rejected $ref\" >&2; exit 1;; esac; done\nexit 0\n"
        try Data(script.utf8).write(to: URL(fileURLWithPath: hook))
        chmod(hook, 0o755)
        try await expectHardFailure(clone, origin, branchFlags, mentions: "cannot push to origin")
    }

    @Test func remoteTagOnAnotherCommitIsAHardFailure() async throws {
        let (origin, clone) = try await remoteAndClone(cloneArguments: ["--no-tags"])
        // Someone else released v1.3.0 from another commit; this clone does not have the tag.
        let other = try await GitSandbox()
        try await other.git(["fetch", "-q", origin, "main"])
        try await other.git(["checkout", "-q", "FETCH_HEAD"])
        try await other.commit("feat: elsewhere")
        try await other.git(["tag", "-a", "v1.3.0", "-m", "other"])
        try await other.git(["push", "-q", origin, "refs/tags/v1.3.0"])
        let before = await remoteRef(origin, "refs/tags/v1.3.0")
        let run = try await tool.run(branchFlags + ["--current", "1.2.0"], environment: dates, in: clone.path)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("already exists on origin"))
        await #expect(remoteRef(origin, "refs/heads/release-test") == nil)
        await #expect(remoteRef(origin, "refs/tags/v1.3.0") == before)
        #expect(try await clone.git(["rev-parse", "--abbrev-ref", "HEAD"]) == "main\n")
    }

    @Test func remoteTagOnTheSameCommitIsAReRunWarning() async throws {
        let (origin, first) = try await remoteAndClone()
        let run = try await tool.run(branchFlags, environment: dates, in: first.path)
        #expect(run.status == 0, "\(run.stderr)")
        // A second runner that lost the tags makes the very same release commit.
        let (_, second) = try await remoteAndClone(cloneArguments: ["--no-tags"])
        try await second.git(["remote", "set-url", "origin", origin])
        try await second.git(["fetch", "-q", "origin"])
        let rerun = try await tool.run(branchFlags + ["--current", "1.2.0"], environment: dates, in: second.path)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stderr.contains("already exists on origin at the same commit"))
    }
}
