import Foundation
import Testing
import Git
import GitHubServer
import ReleaseKitCore
import ReleaseKitRuntime
import ReleaseKitTestSupport
@testable import ReleaseKitCommands

/// The whole cases under `Tests/Fixtures/cases`, run in-process: the command line
/// through the tool's own options and settings, the world of `steps.json` as its facts,
/// the pure plan, and the typed outputs as a workflow would read them. No process.
@Suite struct CaseFixtureTests {
    @Test(arguments: CaseFixture.all("parse-tag"))
    func parseTag(_ fixture: CaseFixture) async throws {
        try await fixture.check {
            let steps = try fixture.steps
            let settings = try ParseTagOptions.parse(fixture.arguments).settings
            // The tag named in the world stands for the one the CI environment names.
            let facts = ParseTagFacts(tag: settings.tag ?? steps["tag"]?.stringValue ?? "", tags: steps["tags"]?.strings,
                                      isShallow: steps["shallow"]?.boolValue ?? false)
            return StepOutputs(try ParseTagPlan.plan(facts, settings).outputs)
        }
    }

    /// guard-loop's facts are gathered for real, from the case's environment and its
    /// payload file in a memory file system.
    @Test(arguments: CaseFixture.all("guard-loop"))
    func guardLoop(_ fixture: CaseFixture) async throws {
        try await fixture.check {
            let steps = try fixture.steps
            var environment = steps["env"]?.stringDictionary ?? [:]
            let files = MemoryFileSystem()
            if let payload = steps["payload"] {
                environment["GITHUB_EVENT_PATH"] = "/runner/event.json"
                try files.writeAtomically(Data(payload.serialized.utf8), to: "/runner/event.json")
            } else if let fixture = steps["payload-fixture"]?.stringValue {
                environment["GITHUB_EVENT_PATH"] = "/runner/event.json"
                try files.writeAtomically(Data(contentsOf: BuiltTool.fixtures.appendingPathComponent("events/" + fixture)),
                                          to: "/runner/event.json")
            }
            let context = ToolContext.failing().replacing(environment: environment, fileSystem: files)
            let plan = try GuardLoopPlan.plan(GuardLoopFacts.gather(in: context), GuardLoopOptions.parse(fixture.arguments).settings())
            var outputs = StepOutputs(plan.outputs)
            if plan.fails { outputs.set("exit-status", "1") }
            return outputs
        }
    }

    /// bump-version's `--dry-run` and `--check` runs: the repository's files (and its
    /// `.releasekit.yml`) in a memory file system read by the tool's own facts reader,
    /// its tags, and the commit messages git would list for each package's range. The
    /// new bytes of every file that changes are compared with `expected/<path>`.
    @Test(arguments: CaseFixture.all("bump-version"))
    func bumpVersion(_ fixture: CaseFixture) async throws {
        try await fixture.check {
            let steps = try fixture.steps
            let root = "/repo"
            let files = MemoryFileSystem()
            for (path, text) in steps["files"]?.stringDictionary ?? [:] {
                try files.writeAtomically(Data(text.utf8), to: root + "/" + path)
            }
            let context = ToolContext.failing(workingDirectory: root).replacing(fileSystem: files, stderr: BufferSink())
            let options = try BumpVersionOptions.parse(fixture.arguments)
            try options.checkCombinations()
            let paths = PathResolver(root: root, workingDirectory: root)
            let config = try ConfigurationFile.load(explicit: options.config, root: root, context: context)
            let settings = try options.settings(config: config, paths: paths)
            let reader = BumpVersionFactsReader(repository: nil, paths: paths, context: context)
            let tags = steps["tags"]?.strings ?? []
            let commits = steps["commits"]?.strings
            var packages: [PackagePlan] = []
            for package in settings.packages {
                let baseline = try ReleaseBaseline(package: package, files: try reader.files(of: package), tags: tags, settings: settings)
                packages.append(try BumpVersionPlan.plan(baseline, commits: baseline.range == nil ? nil : commits, settings: settings))
            }
            let plan = BumpVersionPlan(packages: packages)
            for file in plan.changedFiles {
                let expected = try fixture.data("expected/" + file.ref.displayPath)
                #expect(file.new.map { Data($0) } == expected, "\(fixture.testDescription): \(file.ref.displayPath)")
            }
            var outputs = StepOutputs(options.check ? BumpVersionOutputs(checking: plan) : BumpVersionOutputs(releasing: plan, dryRun: options.dryRun))
            if options.check, !plan.packages.flatMap(\.disagreements).isEmpty { outputs.set("exit-status", "1") }
            return outputs
        }
    }

    /// render-changelog over a recorded history: the tool's own options and settings,
    /// the core's tag selection and range, git's answers from the recorded commits and
    /// tags (`ChangelogCaseWorld`), the pure plan, and the outputs.
    @Test(arguments: CaseFixture.all("render-changelog"))
    func renderChangelog(_ fixture: CaseFixture) async throws {
        try await fixture.check {
            let world = try JSONDecoder().decode(ChangelogCaseWorld.self, from: fixture.data("steps.json"))
            let options = try RenderChangelogOptions.parse(fixture.arguments)
            try options.checkCombinations()
            let settings = options.settings(config: ReleaseKitConfig()) { $0 }
            let endCommit = try #require(world.resolve(settings.endRef), "\(fixture.testDescription): --to")
            let selection = try TagSelection(references: world.references, requestedComponent: settings.component, tag: settings.tag,
                                             endCommit: endCommit, locatedTag: nil)
            var range = try ChangelogRange.plan(selection: selection, settings: settings, endCommit: endCommit)
                ?? ChangelogRange.plan(selection: selection, settings: settings, endCommit: endCommit,
                                       reachableTags: world.tagNames(mergedInto: endCommit))
            let commits = world.history(revisions: try #require(range).revisions)
            if range!.isAll { range = try ChangelogRange.allReleases(in: commits, selection: selection, tag: settings.tag) }
            let links = await RenderChangelogJob.links(ci: CIEnvironment(world.env)) { nil }
            let facts = RenderChangelogFacts(commits: commits, links: links, today: world.today)
            let plan = RenderChangelogPlan(range: try #require(range), selection: selection, settings: settings, facts: facts)
            return StepOutputs(RenderChangelogOutputs(notes: plan.notes, notesFile: "/repo/" + (options.output ?? ""), releases: plan.releases))
        }
    }

    /// verify-artifacts over the case's files in a scratch directory: the tool's own
    /// options and settings, its facts gathered from disk (listing, hashing), the pure
    /// verdict, and the executor's writes, each compared with `expected/<path>`. A
    /// failing verdict adds `"exit-status": "1"`.
    @Test(arguments: CaseFixture.all("verify-artifacts"))
    func verifyArtifacts(_ fixture: CaseFixture) async throws {
        let scratch = ScratchDirectory()
        let files = try fixture.steps["files"]?.stringDictionary ?? [:]
        try scratch.write(files)
        try await fixture.check {
            // Recorded outside any repository: git's only answer is "not a repository".
            let context = ToolContext.failing(workingDirectory: scratch.root)
                .replacing(fileSystem: LocalFileSystem(), processRunner: OutsideARepository(), stdout: BufferSink(), stderr: BufferSink())
            let options = try VerifyArtifactsOptions.parse(fixture.arguments)
            let access = try ReleaseAccess.read(options.againstRelease, in: context)
            let settings = try await options.settings(in: context)
            let facts = try await VerifyArtifactsFacts.gather(settings, access: access, in: context)
            let result = try VerifyArtifactsExecutor(plan: VerifyArtifactsPlan.plan(facts, settings), context: context).apply()
            // The scratch directory reads /case, as in the recording.
            var outputs = StepOutputs()
            for (name, value) in result.outputs.entries {
                outputs.set(name, value.replacingOccurrences(of: scratch.root, with: "/case"))
            }
            if result.failed { outputs.set("exit-status", "1") }
            return outputs
        }
        let expected = fixture.directory.appendingPathComponent("expected")
        let written = (FileManager.default.enumerator(atPath: expected.path)?.allObjects as? [String] ?? [])
            .filter { !LocalFileSystem().isDirectory(expected.appendingPathComponent($0).path) }
        for path in written {
            #expect(FileManager.default.contents(atPath: scratch.path(path)) == (try fixture.data("expected/" + path)),
                    "\(fixture.testDescription): \(path)")
        }
        let unexpected = (FileManager.default.enumerator(atPath: scratch.root)?.allObjects as? [String] ?? [])
            .filter { !LocalFileSystem().isDirectory(scratch.path($0)) && files[$0] == nil && !written.contains($0) }
        #expect(unexpected.isEmpty, "\(fixture.testDescription): wrote \(unexpected)")
    }

    /// create-release against the tests' GitHub model in this process: the case's
    /// earlier runs and then its own, each through the tool's options, settings and job,
    /// over files in a scratch directory. The server's addresses read {api}, {uploads}
    /// and {downloads}, as in the recording against github-api-server, and asset ids
    /// {asset-id}.
    @Test(arguments: CaseFixture.all("create-release"))
    func createRelease(_ fixture: CaseFixture) async throws {
        let steps = try fixture.steps
        var options = ServerOptions(repository: "octo-org/demo")
        options.tags = Set(steps["server"]?["tags"]?.strings ?? [])
        options.immutableReleases = steps["server"]?["immutable-releases"]?.boolValue ?? false
        let server = try await GitHubServer.start(options)
        let scratch = ScratchDirectory()
        func run(_ arguments: [String]) async throws -> ToolResult {
            let context = ToolContext(environment: ["GITHUB_TOKEN": "ghs_RECORDING", "GITHUB_API_URL": server.urls.api,
                                                    "GITHUB_REPOSITORY": "octo-org/demo"],
                                      workingDirectory: scratch.root, processRunner: TestProcessRunner.shared,
                                      stdout: BufferSink(), stderr: BufferSink())
            let options = try CreateReleaseOptions.parse(arguments)
            return try await CreateReleaseJob(settings: try await options.settings(in: context)).run(in: context)
        }
        for earlier in steps["runs"]?.arrayValue ?? [] {
            try scratch.write(earlier["files"]?.stringDictionary ?? [:])
            _ = try await run(earlier["args"]?.strings ?? [])
        }
        try scratch.write(steps["files"]?.stringDictionary ?? [:])
        try await fixture.check {
            let result = try await run(fixture.arguments)
            var outputs = StepOutputs()
            for (name, value) in result.outputs.entries {
                outputs.set(name, value.replacingOccurrences(of: server.urls.api, with: "{api}")
                    .replacingOccurrences(of: server.urls.uploads, with: "{uploads}")
                    .replacingOccurrences(of: server.urls.downloads, with: "{downloads}"))
            }
            // Asset ids are handed out in upload order, which concurrent uploads do not fix.
            if let assets = outputs["assets"] {
                outputs.set("assets", assets.replacing(/"id":\d+/, with: "\"id\":\"{asset-id}\""))
            }
            return outputs
        }
        await server.stop()
    }

    @Test func everyToolWithCasesHasSome() {
        #expect(CaseFixture.all("parse-tag").count >= 3)
        #expect(CaseFixture.all("guard-loop").count >= 3)
        #expect(CaseFixture.all("bump-version").count >= 3)
        #expect(CaseFixture.all("render-changelog").count >= 3)
        #expect(CaseFixture.all("verify-artifacts").count >= 3)
        #expect(CaseFixture.all("create-release").count >= 3)
    }
}

/// git as it answers in a directory outside every repository, for cases recorded there.
private struct OutsideARepository: ProcessRunner {
    func run(_ invocation: CommandLineInvocation) async throws -> ProcessResult {
        ProcessResult(status: 128, stdout: Data(), stderr: Data("fatal: not a git repository (or any of the parent directories): .git\n".utf8))
    }
}
