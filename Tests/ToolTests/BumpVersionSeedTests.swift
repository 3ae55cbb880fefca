import Foundation
import Git
import Testing
import ReleaseKitTestSupport

/// bump-version as the seeds' workflows use it, each against a local bare `origin`:
/// the release commit holds the version files *and* the changelog, under its tag.
@Suite struct BumpVersionSeedTests: BumpVersionRepositoryFiles {
    let scratch = ScratchDirectory()
    let tool = BuiltTool(name: "bump-version")
    let dates = ["GIT_AUTHOR_DATE": "2026-02-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-02-01T00:00:00Z"]

    func json(_ run: BuiltTool.Run, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: String] {
        #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
        return try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String],
                            "stdout: \(run.stdout) stderr: \(run.stderr)", sourceLocation: sourceLocation)
    }

    /// `source`'s branches and tags pushed to a new bare `origin`, and a clone of it on `branch`.
    func publish(_ source: GitSandbox, branch: String) async throws -> (origin: String, clone: GitSandbox) {
        let origin = scratch.path("origin-\(UUID().uuidString).git")
        try await source.git(["init", "-q", "--bare", "-b", branch, origin])
        try await source.git(["push", "-q", origin, "--all"])
        try await source.git(["push", "-q", origin, "--tags"])
        let holder = try await GitSandbox()
        try await holder.git(["clone", "-q", "-b", branch, origin, holder.path + "/work"])
        return (origin, GitSandbox(existing: holder.path + "/work", keeping: holder))
    }

    /// A file as `origin` holds it at `ref`.
    func remoteFile(_ origin: String, _ ref: String, _ path: String) async -> String {
        let result = try? await TestProcessRunner.shared.run(CommandLineInvocation("git", ["--git-dir", origin, "show", "\(ref):\(path)"]))
        return result?.stdoutText ?? ""
    }

    /// The files the commit `ref` of `origin` changed.
    func remoteChanges(_ origin: String, _ ref: String) async -> [String] {
        let result = try? await TestProcessRunner.shared.run(CommandLineInvocation("git", ["--git-dir", origin, "show", "--name-only", "--format=", ref]))
        return (result?.stdoutText ?? "").split(separator: "\n").map(String.init)
    }

    static var today: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    func short(_ repo: GitSandbox, _ ref: String) async throws -> String {
        try await repo.git(["rev-parse", "--short=7", ref]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func count(_ text: String, _ needle: String) -> Int { text.components(separatedBy: needle).count - 1 }

    // MARK: - Seed 001 (aetherflow): release-test reset to origin/test, core's RC, the dependent pinned

    func seed001() async throws -> GitSandbox {
        let repo = try await GitSandbox()
        try await repo.git(["checkout", "-q", "-b", "test"])
        try write(repo, ".releasekit.yml", """
        scheme: pep440
        changelog-file: CHANGELOG.md
        \(seed001Packages)
        """)
        try write(repo, "packages/aetherflow/pyproject.toml", """
        [project]
        name = "aetherflow"
        version = "0.1.0rc1"  # managed by bump-version
        dependencies = [
            "aetherflow-core==0.1.0rc1",
            "aetherflow-scheduler>=0.1.0rc1,<0.2",
        ]

        """)
        for name in ["aetherflow-core", "aetherflow-scheduler"] {
            try write(repo, "packages/\(name)/pyproject.toml", "[project]\nname = \"\(name)\"\nversion = \"0.1.0rc1\"\n")
        }
        try write(repo, "packages/aetherflow-core/CHANGELOG.md", "# Changelog\n\n## [Unreleased]\n")
        try await repo.git(["add", "."])
        try await repo.commit("feat: initial packages", tags: ["aetherflow-v0.1.0rc1", "aetherflow-core-v0.1.0rc1", "aetherflow-scheduler-v0.1.0rc1"])
        // An earlier RC run left release-test behind.
        try await repo.git(["branch", "release-test"])
        try await repo.git(["checkout", "-q", "release-test"])
        try await repo.commit("release(aetherflow): stale")
        try await repo.git(["checkout", "-q", "test"])
        try await commit(repo, "packages/aetherflow-core/src/engine.py", "x = 1\n", "feat(core): streaming engine")
        return repo
    }

    @Test func seed001ReleaseCandidateOfCoreCommitsItsChangelogAndPinsTheDependent() async throws {
        let (origin, clone) = try await publish(try seed001(), branch: "test")
        let base = try #require(await remoteRef(origin, "refs/heads/test"))
        let run = try await tool.run(["--all", "--pre", "rc", "--base-branch", "test", "--release-branch", "release-test", "--push", "--json"],
                               environment: dates, in: clone.path)
        let outputs = try json(run)
        #expect(outputs["component"] == "aetherflow-core\naetherflow")
        #expect(outputs["version"] == "0.1.0rc2\n0.1.0rc2")
        #expect(outputs["level"] == "minor\npatch")
        #expect(outputs["tag"] == "aetherflow-core-v0.1.0rc2\naetherflow-v0.1.0rc2")
        #expect(outputs["changed-files"] == """
        packages/aetherflow-core/pyproject.toml
        packages/aetherflow-core/CHANGELOG.md
        packages/aetherflow/pyproject.toml
        packages/aetherflow/CHANGELOG.md
        """)
        // release-test was reset to origin/test: the stale commit is gone, two release commits on the base.
        let tip = try #require(await remoteRef(origin, "refs/heads/release-test"))
        await #expect(remoteRef(origin, "refs/heads/release-test~2") == base)
        let coreCommit = try #require(await remoteRef(origin, "refs/tags/aetherflow-core-v0.1.0rc2"))
        await #expect(remoteRef(origin, "refs/heads/release-test~1") == coreCommit)
        await #expect(remoteRef(origin, "refs/tags/aetherflow-v0.1.0rc2") == tip)
        await #expect(remoteChanges(origin, coreCommit) == ["packages/aetherflow-core/CHANGELOG.md", "packages/aetherflow-core/pyproject.toml"])
        let coreChangelog = await remoteFile(origin, coreCommit, "packages/aetherflow-core/CHANGELOG.md")
        #expect(coreChangelog.hasPrefix("# Changelog\n\n## [0.1.0rc2] - \(Self.today)\n\n### Features\n\n- **core:** streaming engine ("))
        #expect(!coreChangelog.contains("Unreleased"))
        // The dependent: patched (its next rc), its exact pin moved, the range left as it admits rc2.
        await #expect(remoteChanges(origin, tip) == ["packages/aetherflow/CHANGELOG.md", "packages/aetherflow/pyproject.toml"])
        await #expect(remoteFile(origin, tip, "packages/aetherflow/pyproject.toml") == """
        [project]
        name = "aetherflow"
        version = "0.1.0rc2"  # managed by bump-version
        dependencies = [
            "aetherflow-core==0.1.0rc2",
            "aetherflow-scheduler>=0.1.0rc1,<0.2",
        ]

        """)
        await #expect(remoteFile(origin, tip, "packages/aetherflow/CHANGELOG.md").contains("## [0.1.0rc2] - \(Self.today)\n\nDependencies: aetherflow-core 0.1.0rc2\n"))
        await #expect(remoteRef(origin, "refs/tags/aetherflow-scheduler-v0.1.0rc2") == nil)
        await #expect(try clone.git(["log", "--format=%s", "-2", "release-test"]) == "release(aetherflow): 0.1.0rc2\nrelease(aetherflow-core): 0.1.0rc2\n")
        let plan = try #require(JSONSerialization.jsonObject(with: Data(outputs["plan"]!.utf8)) as? [[String: Any]])
        let pins = try #require(plan.last?["dependencies"] as? [[String: String]])
        #expect(pins.map { $0["updated"] } == ["==0.1.0rc2", ">=0.1.0rc1,<0.2"])
    }

    @Test func aComponentReleaseTakesItsDependentsAlongAndACycleIsExitTwo() async throws {
        let repo = try await seed001()
        let outputs = try json(try await tool.run(["--component", "aetherflow-core", "--pre", "rc", "--dry-run", "--json"], in: repo.path))
        #expect(outputs["component"] == "aetherflow-core\naetherflow")
        try write(repo, ".releasekit.yml", read(repo, ".releasekit.yml") + "dependency-bump: none\n")
        let alone = try json(try await tool.run(["--component", "aetherflow-core", "--pre", "rc", "--dry-run", "--json"], in: repo.path))
        #expect(alone["component"] == "aetherflow-core")
        try write(repo, "packages/aetherflow-core/pyproject.toml", "[project]\nname = \"aetherflow-core\"\nversion = \"0.1.0rc1\"\ndependencies = [\"aetherflow>=0.1.0rc1\"]\n")
        let cycle = try await tool.run(["--all", "--pre", "rc", "--dry-run"], in: repo.path)
        #expect(cycle.status == 2, "\(cycle.stderr)")
        #expect(cycle.stderr.contains("cycle (aetherflow → aetherflow-core → aetherflow)"))
    }

    // MARK: - Seed 002 (inflow): release/v1.3.0 from develop, v1.3.0-rc1, -rc2, then v1.3.0

    func seed002() async throws -> GitSandbox {
        let repo = try await GitSandbox()
        try await repo.git(["checkout", "-q", "-b", "develop"])
        try write(repo, ".releasekit.yml", """
        version-files:
          - services/api/VERSION
          - services/worker/VERSION
          - path: ml/models/baseline/config.yaml
            key: model.version
        changelog-file: CHANGELOG.md

        """)
        try write(repo, "services/api/VERSION", "1.2.0\n")
        try write(repo, "services/worker/VERSION", "1.2.0\n")
        try write(repo, "ml/models/baseline/config.yaml", "model:\n  name: inflow-baseline\n  version: 1.2.0  # promoted by release\nthreshold: 0.8\n")
        try write(repo, "CHANGELOG.md", "# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2026-01-01\n\n- The first promoted release.\n")
        try await repo.git(["add", "."])
        // The team's earlier release went through v1.2.0-rc1: its style is compact.
        try await repo.commit("feat: services and baseline model", tags: ["v1.2.0-rc1", "v1.2.0"])
        try await commit(repo, "services/api/stream.py", "stream = True\n", "feat(api): streaming predictions")
        return repo
    }

    @Test func seed002ReleaseCandidatesThenTheFinalReleaseEachCommitTheChangelog() async throws {
        let source = try await seed002()
        let (origin, clone) = try await publish(source, branch: "develop")
        // 1. Create the release branch from develop.
        try await clone.git(["checkout", "-q", "-b", "release/v1.3.0"])

        // 3. Release candidate 1: versions, the YAML key and CHANGELOG.md in one commit, tagged v1.3.0-rc1.
        let rc1 = try json(try await tool.run(["--pre", "rc", "--commit", "--tag", "--push", "--json"], environment: dates, in: clone.path))
        #expect(rc1["version"] == "1.3.0-rc1")
        #expect(rc1["tag"] == "v1.3.0-rc1")
        #expect(rc1["changed-files"] == "services/api/VERSION\nservices/worker/VERSION\nml/models/baseline/config.yaml\nCHANGELOG.md")
        let tagged = try #require(await remoteRef(origin, "refs/tags/v1.3.0-rc1"))
        #expect(tagged == rc1["commit"])
        await #expect(remoteRef(origin, "refs/heads/release/v1.3.0") == tagged)
        await #expect(remoteChanges(origin, tagged) == ["CHANGELOG.md", "ml/models/baseline/config.yaml", "services/api/VERSION", "services/worker/VERSION"])
        await #expect(remoteFile(origin, tagged, "services/worker/VERSION") == "1.3.0-rc1\n")
        await #expect(remoteFile(origin, tagged, "ml/models/baseline/config.yaml") == "model:\n  name: inflow-baseline\n  version: 1.3.0-rc1  # promoted by release\nthreshold: 0.8\n")
        let streaming = try await short(clone, "HEAD^")
        await #expect(remoteFile(origin, tagged, "CHANGELOG.md") == """
        # Changelog

        ## [1.3.0-rc1] - \(Self.today)

        ### Features

        - **api:** streaming predictions (\(streaming))

        ### Contributors

        - Test Author

        ## [1.2.0] - 2026-01-01

        - The first promoted release.

        """)
        await #expect(try clone.git(["status", "--porcelain"]).isEmpty)

        // 4. Staging found a bug: the fix, then release candidate 2.
        try await commit(clone, "services/worker/queue.py", "retry = 3\n", "fix(worker): retry on timeout")
        let rc2 = try json(try await tool.run(["--pre", "rc", "--commit", "--tag", "--push", "--json"], environment: dates, in: clone.path))
        #expect(rc2["previous-version"] == "1.3.0-rc1")
        #expect(rc2["version"] == "1.3.0-rc2")
        let rc2Commit = try #require(await remoteRef(origin, "refs/tags/v1.3.0-rc2"))
        let changelog2 = await remoteFile(origin, rc2Commit, "CHANGELOG.md")
        #expect(changelog2.hasPrefix("# Changelog\n\n## [1.3.0-rc2] - \(Self.today)\n\n### Bug Fixes\n\n- **worker:** retry on timeout ("))
        #expect(count(changelog2, "## [1.3.0-rc1]") == 1)
        #expect(!changelog2.components(separatedBy: "## [1.3.0-rc1]")[0].contains("streaming"), "rc2 lists only what came after rc1")

        // --level prerelease counts the same way (a dry run: nothing changes).
        let dryRun = try await tool.run(["--level", "prerelease", "--dry-run", "--json"], environment: dates, in: clone.path)
        let counted = try json(dryRun)
        #expect(counted["version"] == "1.3.0-rc3")
        #expect(counted["changed-files"]?.hasSuffix("\nCHANGELOG.md") == true)
        #expect(dryRun.stderr.contains("+## [1.3.0-rc3] - \(Self.today)"), "the changelog is in the dry run's diff")
        await #expect(try clone.git(["status", "--porcelain"]).isEmpty)

        // 6. Sign-off: the final release, with everything since v1.2.0 in its section.
        let final = try json(try await tool.run(["--level", "final", "--commit", "--tag", "--push", "--json"], environment: dates, in: clone.path))
        #expect(final["version"] == "1.3.0")
        let finalCommit = try #require(await remoteRef(origin, "refs/tags/v1.3.0"))
        await #expect(remoteFile(origin, finalCommit, "services/api/VERSION") == "1.3.0\n")
        let changelog = await remoteFile(origin, finalCommit, "CHANGELOG.md")
        let section = changelog.components(separatedBy: "## [1.3.0-rc2]")[0]
        #expect(section.hasPrefix("# Changelog\n\n## [1.3.0] - \(Self.today)\n"))
        #expect(section.contains("streaming predictions") && section.contains("retry on timeout"))
        #expect(count(changelog, "## [1.3.0]") == 1)
        await #expect(remoteChanges(origin, finalCommit).contains("CHANGELOG.md"))
        await #expect(try clone.git(["log", "--format=%s", "v1.2.0..v1.3.0"]) == """
        release: 1.3.0
        release: 1.3.0-rc2
        fix(worker): retry on timeout
        release: 1.3.0-rc1
        feat(api): streaming predictions

        """)
    }

    @Test func anExplicitStyleWinsOverTheTags() async throws {
        let repo = try await seed002()
        let dotted = try json(try await tool.run(["--pre", "rc", "--pre-style", "dotted", "--dry-run", "--json"], in: repo.path))
        #expect(dotted["version"] == "1.3.0-rc.1")
        try write(repo, ".releasekit.yml", "prerelease-style: dotted\nchangelog-file: CHANGELOG.md\n")
        let configured = try json(try await tool.run(["--pre", "rc", "--file", "services/api/VERSION", "--dry-run", "--json"], in: repo.path))
        #expect(configured["version"] == "1.3.0-rc.1")
        try write(repo, ".releasekit.yml", "prerelease-style: short\n")
        let bad = try await tool.run(["--pre", "rc", "--dry-run"], in: repo.path)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("prerelease-style"))
        #expect(bad.stderr.contains("expected dotted (1.3.0-rc.1) or compact (1.3.0-rc1)"))
    }

    @Test func counterPastNineWarns() async throws {
        let repo = try await repository([("VERSION", "1.3.0-rc9\n")], tags: ["v1.3.0-rc9"])
        let run = try await tool.run(["--level", "prerelease", "--json"], environment: ["GITHUB_ACTIONS": "true"], in: repo.path)
        let outputs = try json(run)
        #expect(outputs["version"] == "1.3.0-rc10")
        #expect(read(repo, "VERSION") == "1.3.0-rc10\n")
        #expect(run.stderr.contains("::warning title=bump-version%3A prerelease order::"))
        #expect(run.stderr.contains("strict-SemVer tools will order it first"))
    }

    // MARK: - Seed 004: --set 1.0.0 with the changelog and the tag

    @Test func seed004SetsTheVersionWritesANewChangelogAndTags() async throws {
        let source = try await repository([("pyproject.toml", "[project]\nname = \"pixi-kit\"\nversion = \"0.9.0\"\n")],
                                    message: "feat: first cut", tags: ["v0.9.0"])
        try await commit(source, "src/kit.py", "ok = 1\n", "fix: packaging metadata")
        let (origin, clone) = try await publish(source, branch: "main")
        let run = try await tool.run(["--set", "1.0.0", "--changelog", "CHANGELOG.md", "--commit", "--tag", "--push", "--json"],
                               environment: dates, in: clone.path)
        let outputs = try json(run)
        #expect(outputs["level"] == "set")
        #expect(outputs["changed-files"] == "pyproject.toml\nCHANGELOG.md")
        let commit = try #require(await remoteRef(origin, "refs/tags/v1.0.0"))
        await #expect(remoteRef(origin, "refs/heads/main") == commit)
        await #expect(remoteFile(origin, commit, "pyproject.toml") == "[project]\nname = \"pixi-kit\"\nversion = \"1.0.0\"\n")
        await #expect(remoteFile(origin, commit, "CHANGELOG.md") == """
        # Changelog

        All notable changes to this project are documented in this file.
        The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).

        ## [1.0.0] - \(Self.today)

        ### Bug Fixes

        - packaging metadata (\(try short(clone, "HEAD^")))

        ### Contributors

        - Test Author

        """)
        // --check ignores the changelog.
        let check = try await tool.run(["--check", "--changelog", "CHANGELOG.md", "--json"], in: clone.path)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(try json(check)["changed-files"] == "")
    }

    @Test func aChangelogOutsideTheRepositoryIsExitTwo() async throws {
        let repo = try await repository([("VERSION", "1.0.0\n")], tags: ["v1.0.0"])
        let run = try await tool.run(["--level", "patch", "--changelog", "../CHANGELOG.md"], in: repo.path)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("outside the repository"))
        #expect(read(repo, "VERSION") == "1.0.0\n")
    }

    @Test func aFailedReleaseRemovesTheChangelogItCreatedAndRestoresTheOneItEdited() async throws {
        let repo = try await repository([("VERSION", "1.0.0\n"), ("api/CHANGELOG.md", "# Changes\n\n## [Unreleased]\n")], tags: ["v1.0.0"])
        try await repo.commit("fix: one")
        let hook = repo.path + "/.git/hooks/pre-commit"
        try Data("#!/bin/sh\nexit 1\n".utf8).write(to: URL(fileURLWithPath: hook))
        chmod(hook, 0o755)
        for changelog in ["CHANGELOG.md", "api/CHANGELOG.md"] {
            let run = try await tool.run(["--changelog", changelog, "--commit", "--tag"], in: repo.path)
            #expect(run.status == 1, "\(run.stderr)")
            await #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]).isEmpty, "\(changelog)")
        }
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/CHANGELOG.md"))
        #expect(read(repo, "api/CHANGELOG.md") == "# Changes\n\n## [Unreleased]\n")
    }

    // MARK: - --include

    @Test func includedFilesGoIntoTheReleaseCommitAndNothingElse() async throws {
        let repo = try await repository([("package.json", "{\n  \"name\": \"app\",\n  \"version\": \"1.2.0\"\n}\n"),
                                   ("package-lock.json", "{\"lockfileVersion\": 3}\n"), ("docs/api.md", "old\n"),
                                   ("notes.txt", "mine\n")], tags: ["v1.2.0"])
        try await repo.commit("feat: more")
        // The workflow regenerated the docs and touched a file of its own.
        try write(repo, "docs/api.md", "regenerated\n")
        try write(repo, "notes.txt", "scratch\n")
        let flags = ["--file", "package.json", "--commit", "--tag", "--allow-dirty", "--json"]

        let unchanged = try await tool.run(flags + ["--include", "package-lock.json"], in: repo.path)
        #expect(unchanged.status == 2)
        #expect(unchanged.stderr.contains("--include \"package-lock.json\" has no changes to commit"))
        let outside = try await tool.run(flags + ["--include", "../elsewhere.lock"], in: repo.path)
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("is outside the repository"))
        let noCommit = try await tool.run(["--include", "docs/api.md"], in: repo.path)
        #expect(noCommit.status == 2)
        #expect(read(repo, "package.json").contains("1.2.0"), "refused before anything was written")

        let outputs = try json(try await tool.run(flags + ["--include", "docs/api.md"], in: repo.path + "/docs/.."))
        #expect(outputs["version"] == "1.3.0")
        await #expect(try repo.git(["show", "--name-only", "--format=", "v1.3.0^{commit}"]) == "docs/api.md\npackage.json\n")
        await #expect(try repo.git(["show", "v1.3.0:docs/api.md"]) == "regenerated\n")
        await #expect(try repo.git(["status", "--porcelain"]) == " M notes.txt\n", "nothing else is staged or committed")
    }

    @Test func includeWithoutAllowDirtyKeepsTheCleanTreeCheckForOtherFiles() async throws {
        let repo = try await repository([("VERSION", "1.2.0\n"), ("uv.lock", "a\n"), ("other.txt", "a\n")], tags: ["v1.2.0"])
        try await repo.commit("fix: one")
        try write(repo, "uv.lock", "b\n")
        let clean = try await tool.run(["--commit", "--include", "uv.lock", "--json"], in: repo.path)
        #expect(try json(clean)["version"] == "1.2.1")
        await #expect(try repo.git(["show", "--name-only", "--format=", "HEAD"]) == "VERSION\nuv.lock\n")
        try await repo.commit("fix: two")
        try write(repo, "uv.lock", "c\n")
        try write(repo, "other.txt", "b\n")
        let dirty = try await tool.run(["--commit", "--include", "uv.lock"], in: repo.path)
        #expect(dirty.status == 1)
        #expect(dirty.stderr.contains("uncommitted changes (other.txt)"))
    }
}
