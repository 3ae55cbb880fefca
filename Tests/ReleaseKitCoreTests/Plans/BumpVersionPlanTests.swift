import Testing
import ReleaseKitCore

/// bump-version's decisions in-process: scheme, current version and its source, the
/// commit range, the next version, the tag and the files' new bytes, from plain facts.
@Suite struct BumpVersionPlanTests {
    /// A version file at `path` holding `text`.
    static func file(_ path: String, _ text: String, detected: Bool = false) throws -> VersionFileBytes {
        let spec = VersionFileSpec(path: path)
        return VersionFileBytes(ref: VersionFileRef(absolutePath: "/repo/" + path, displayPath: path, spec: spec),
                                file: try VersionFile(spec), bytes: Array(text.utf8), detected: detected)
    }

    static func package(_ component: String = "", scheme: VersionSchemeChoice? = nil, format: String? = nil) throws -> BumpVersionPackage {
        BumpVersionPackage(component: component, directories: component.isEmpty ? [] : ["packages/" + component],
                           detectionRoots: ["/repo"], scheme: scheme,
                           tagFormat: try format.map(TagFormat.init) ?? .default(component: component), files: nil)
    }

    static func plan(tags: [String], files: [VersionFileBytes] = [], commits: [String]? = nil,
                     settings: BumpVersionSettings = .init(), package: BumpVersionPackage? = nil) throws -> PackagePlan {
        var settings = settings
        settings.packages = [try package ?? Self.package()]
        let facts = BumpVersionFacts(tags: tags, packages: [.init(files: files, commits: commits)])
        return try BumpVersionPlan(facts: facts, settings: settings).packages[0]
    }

    // MARK: - Scheme

    @Test(arguments: [
        // tags, files (path, text), --current, configured scheme, expected scheme
        ([String](), [(String, String)](), String?.none, VersionSchemeChoice?.none, VersionScheme.semver),
        (["v1.0.0"], [], nil, nil, .semver),
        (["v1.0rc1"], [], nil, nil, .pep440),
        ([], [("pyproject.toml", "[project]\nname = \"x\"\nversion = \"1.0.0\"\n")], nil, nil, .pep440),
        ([], [("setup.cfg", "[metadata]\nversion = 1.0.0\n")], nil, nil, .pep440),
        ([], [("VERSION", "1.0.0\n")], nil, nil, .semver),
        ([], [("VERSION", "1.0.post1\n")], nil, nil, .pep440),
        ([], [], "v1.0.dev3", nil, .pep440),
        ([], [], "2.0.0-rc.1", nil, .semver),
        (["v1.0rc1"], [], nil, .semver, .semver),
        (["v1.0.0"], [], nil, .pep440, .pep440),
    ])
    func scheme(tags: [String], files: [(String, String)], current: String?, configured: VersionSchemeChoice?,
                expected: VersionScheme) throws {
        let plan = try Self.plan(tags: tags, files: try files.map { try Self.file($0.0, $0.1) },
                                 settings: .init(level: .patch, current: current),
                                 package: try Self.package(scheme: configured))
        #expect(plan.scheme == expected)
    }

    // MARK: - Current version

    @Test(arguments: [
        // tags, VERSION file, --current, expected current, expected source
        (["v1.2.0", "v1.10.0", "v1.9.0"], String?.none, String?.none, "1.10.0", "v1.10.0"),
        (["v1.2.0", "other-v9.0.0"], "1.0.0\n", nil, "1.2.0", "v1.2.0"),
        (["v1.2.0"], "1.0.0\n", "V3.0.0", "3.0.0", "--current"),
        ([], "1.4.0\n", nil, "1.4.0", "VERSION:1"),
        ([], nil, nil, "0.0.0", "default"),
        // Equal precedence: the smallest tag name stands for it, whatever git's order.
        (["v1.0.0+b", "v1.0.0+a"], nil, nil, "1.0.0+a", "v1.0.0+a"),
    ])
    func current(tags: [String], version: String?, current: String?, expected: String, source: String) throws {
        let files = try version.map { [try Self.file("VERSION", $0)] } ?? []
        let plan = try Self.plan(tags: tags, files: files, settings: .init(level: .patch, current: current))
        #expect(plan.current.normalized == expected)
        #expect(plan.currentSource == source)
    }

    @Test func noTagNoFileStartsAtZeroWithAWarning() throws {
        var settings = BumpVersionSettings(level: .patch)
        settings.packages = [try Self.package()]
        let baseline = try ReleaseBaseline(package: settings.packages[0], files: [], tags: [], settings: settings)
        #expect(baseline.defaultStart == "no release tag (format v{version}) and no version file for this package: starting from 0.0.0")
    }

    @Test func versionFilesThatDisagreeWithoutATagAreAnError() throws {
        let files = [try Self.file("VERSION", "1.0.0\n"), try Self.file("package.json", "{\"version\": \"1.1.0\"}\n")]
        #expect(throws: BumpVersionPlanError.versionFilesDisagree(package: "this package", values: ["VERSION:1 has 1.0.0", "package.json:1 has 1.1.0"])) {
            try Self.plan(tags: [], files: files, settings: .init(level: .patch))
        }
    }

    @Test func aDetectedFileWithoutAVersionIsPassedOverWhenAnotherHasOne() throws {
        let files = [try Self.file("package.json", "{\"name\": \"x\"}\n", detected: true), try Self.file("VERSION", "1.0.0\n", detected: true)]
        let plan = try Self.plan(tags: [], files: files, settings: .init(level: .minor))
        #expect(plan.files.map(\.ref.displayPath) == ["VERSION"])
        #expect(plan.next?.normalized == "1.1.0")
        #expect(throws: VersionFileError.self) {
            try Self.plan(tags: [], files: [try Self.file("package.json", "{\"name\": \"x\"}\n", detected: false)], settings: .init(level: .minor))
        }
    }

    // MARK: - Commit range

    @Test(arguments: [
        // tags, --pre, --level, expected start of the range (nil: no commits read) — "start" means from history's start
        (["v1.2.0", "v1.3.0-rc.1", "v1.3.0-rc.2"], PrereleaseLabel?.none, LevelChoice.auto, "v1.2.0" as String?, true),
        (["v1.2.0", "v1.3.0-rc.1"], .rc, .auto, "v1.3.0-rc.1", true),
        (["v1.3.0-rc.1"], nil, .auto, nil, true),
        (["v1.2.0", "v1.1.0"], nil, .auto, "v1.2.0", true),
        ([], nil, .auto, nil, true),
        (["v1.2.0"], nil, .minor, nil, false),
    ])
    func range(tags: [String], pre: PrereleaseLabel?, level: LevelChoice, start: String?, reads: Bool) throws {
        let plan = try Self.plan(tags: tags, commits: [], settings: .init(level: level, pre: pre))
        #expect((plan.range != nil) == reads)
        #expect(plan.range?.start == start)
        #expect(plan.range?.startRef == start.map { "refs/tags/" + $0 })
    }

    @Test func aPackageRangeIsLimitedToItsDirectories() throws {
        let plan = try Self.plan(tags: ["web-v1.0.0"], commits: ["feat: x"], package: try Self.package("web"))
        #expect(plan.range == .init(start: "web-v1.0.0", directories: ["packages/web"]))
    }

    // MARK: - Decision, tag, files

    @Test(arguments: [
        // tags, commits, settings level / pre / set, expected level, version, tag
        (["v1.2.0"], ["fix: a", "release: 1.2.0"], LevelChoice.auto, PrereleaseLabel?.none, String?.none, "patch", "1.2.1" as String?, "v1.2.1" as String?),
        (["v1.2.0"], ["feat: a"], .auto, nil, nil, "minor", "1.3.0", "v1.3.0"),
        (["v1.2.0"], ["chore: a", "release: 1.2.1"], .auto, nil, nil, "none", nil, nil),
        (["v1.2.0"], [], .major, nil, nil, "major", "2.0.0", "v2.0.0"),
        (["v1.2.0"], ["feat: a"], .auto, .rc, nil, "minor", "1.3.0-rc.1", "v1.3.0-rc.1"),
        (["v1.2.0", "v1.3.0-rc.1"], [], .final, nil, nil, "final", "1.3.0", "v1.3.0"),
        (["v1.2.0"], [], .auto, nil, "v4.0.0", "set", "4.0.0", "v4.0.0"),
    ])
    func decision(tags: [String], commits: [String], level: LevelChoice, pre: PrereleaseLabel?, set: String?,
                  expectedLevel: String, version: String?, tag: String?) throws {
        let plan = try Self.plan(tags: tags, files: [try Self.file("VERSION", "0.0.1\n")], commits: commits,
                                 settings: .init(level: level, pre: pre, set: set))
        #expect(plan.decision.level == expectedLevel)
        #expect(plan.next?.normalized == version)
        #expect(plan.tag == tag)
        #expect(plan.files.first?.new.map { String(decoding: $0, as: UTF8.self) } == version.map { $0 + "\n" })
        #expect(plan.changedFiles.count == (version == nil ? 0 : 1))
    }

    @Test(arguments: [
        // component, format, expected tag of 1.3.0
        ("", String?.none, "v1.3.0"),
        ("web", nil, "web-v1.3.0"),
        ("web", "{component}@{version}", "web@1.3.0"),
        ("", "release-{version}", "release-1.3.0"),
    ])
    func tagNaming(component: String, format: String?, expected: String) throws {
        let plan = try Self.plan(tags: [], settings: .init(level: .minor, current: "1.2.0"),
                                 package: try Self.package(component, format: format))
        #expect(plan.tag == expected)
    }

    @Test(arguments: [
        // current tags, expected: finalised or left alone
        (["a-v1.0.0-rc.1"], "final", "1.0.0" as String?),
        (["a-v1.0.0"], "none", nil),
    ])
    func allWithLevelFinalOnlyFinalisesPendingPrereleases(tags: [String], level: String, version: String?) throws {
        let plan = try Self.plan(tags: tags, settings: .init(level: .final, all: true), package: try Self.package("a"))
        #expect(plan.decision.level == level)
        #expect(plan.next?.normalized == version)
    }

    @Test func anExplicitVersionMustBeAboveEveryTag() throws {
        #expect(throws: OperationError.self) {
            try Self.plan(tags: ["v2.0.0"], settings: .init(set: "1.5.0"))
        }
    }

    // MARK: - Check, message, outputs

    @Test func checkListsEveryValueThatIsNotTheCurrentVersion() throws {
        let files = [try Self.file("VERSION", "1.2.0\n"), try Self.file("package.json", "{\"version\": \"1.1.0\"}\n")]
        let plan = try Self.plan(tags: ["web-v1.2.0"], files: files, settings: .init(level: .auto),
                                 package: try Self.package("web"))
        #expect(plan.disagreements == ["package.json:1 version is 1.1.0, expected 1.2.0 (web)"])
    }

    @Test(arguments: [
        ("", String?.none, "release: 1.3.0"),
        ("web", nil, "release(web): 1.3.0"),
        ("web", "chore({component}): {previous-version} -> {version} as {tag}", "chore(web): 1.2.0 -> 1.3.0 as web-v1.3.0"),
    ])
    func commitMessage(component: String, template: String?, expected: String) throws {
        let plan = try Self.plan(tags: [], settings: .init(level: .minor, current: "1.2.0"), package: try Self.package(component))
        #expect(plan.message(template: template) == expected)
    }

    @Test func outputsOfSeveralPackagesListTheReleasedOnesLineByLine() throws {
        var settings = BumpVersionSettings(level: .auto, all: true)
        settings.packages = [try Self.package("a"), try Self.package("b"), try Self.package("c")]
        let facts = BumpVersionFacts(tags: ["a-v1.0.0", "b-v2.0.0", "c-v3.0.0"], packages: [
            .init(files: [], commits: ["fix: a"]), .init(files: [], commits: ["chore: b"]), .init(files: [], commits: ["feat: c"]),
        ])
        let outputs = BumpVersionOutputs(releasing: try BumpVersionPlan(facts: facts, settings: settings), dryRun: true)
        #expect(outputs.previousVersion == ["1.0.0", "3.0.0"])
        #expect(outputs.version == ["1.0.1", "3.1.0"])
        #expect(outputs.level == ["patch", "minor"])
        #expect(outputs.released)
        #expect(outputs.tag == ["a-v1.0.1", "c-v3.1.0"])
        #expect(outputs.component == ["a", "c"])
        #expect(outputs.commit == "")
    }

    @Test func outputNamesAreTheActionsOnes() {
        #expect(BumpVersionOutputs.outputNames.map(\.name) == [
            "previous-version", "version", "level", "released", "tag", "component", "changed-files", "commit", "plan",
        ])
    }

    // MARK: - Compact prereleases (seed 002)

    @Test(arguments: [
        // tags, --pre-style, settings, expected version
        (["v1.2.0-rc1", "v1.2.0"], PrereleaseStyle?.none, LevelChoice.minor, PrereleaseLabel?.some(.rc), "1.3.0-rc1"),
        (["v1.2.0-rc.1", "v1.2.0"], nil, .minor, .rc, "1.3.0-rc.1"),
        (["v1.2.0"], nil, .minor, .rc, "1.3.0-rc.1"),
        (["v1.2.0"], .compact, .minor, .rc, "1.3.0-rc1"),
        (["v1.2.0-rc1", "v1.2.0"], .dotted, .minor, .rc, "1.3.0-rc.1"),
        (["v1.2.0", "v1.3.0-rc1"], nil, .auto, .rc, "1.3.0-rc2"),
        (["v1.2.0", "v1.3.0-rc1"], nil, .prerelease, nil, "1.3.0-rc2"),
        (["v1.2.0", "v1.3.0-rc1"], .dotted, .prerelease, nil, "1.3.0-rc2"),
        (["v1.3.0-rc1", "v1.3.0-rc2", "v1.3.0-rc9"], nil, .prerelease, nil, "1.3.0-rc10"),
        (["v1.3.0-rc10", "v1.3.0-rc9", "v1.3.0-rc2"], nil, .prerelease, nil, "1.3.0-rc11"),
        (["v1.2.0", "v1.3.0-rc2"], nil, .final, nil, "1.3.0"),
    ])
    func compactPrereleases(tags: [String], style: PrereleaseStyle?, level: LevelChoice, pre: PrereleaseLabel?,
                            expected: String) throws {
        let plan = try Self.plan(tags: tags, commits: ["feat: more"],
                                 settings: .init(level: level, pre: pre, preStyle: style))
        #expect(plan.next?.normalized == expected)
        #expect(plan.tag == "v" + expected)
        #expect(plan.warnings.isEmpty == !(expected.hasSuffix("rc10") || expected.hasSuffix("rc11")))
    }
}
