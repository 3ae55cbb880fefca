import Testing
import ReleaseKitCore

/// Monorepo releases in-process: dependency order, dependents' patch releases with
/// their pins moved, the `dependencies` of the plan output, and cycles.
@Suite struct DependencyPlanTests {
    static func package(_ name: String) -> BumpVersionPackage {
        BumpVersionPackage(component: name, directories: ["packages/" + name], detectionRoots: ["/repo/packages/" + name],
                           scheme: .pep440, tagFormat: .default(component: name), files: nil)
    }

    static func pyproject(_ name: String, _ version: String, dependencies: [String] = []) throws -> VersionFileBytes {
        let path = "packages/\(name)/pyproject.toml"
        let deps = dependencies.isEmpty ? "" : "dependencies = [\n" + dependencies.map { "    \"\($0)\",\n" }.joined() + "]\n"
        let spec = VersionFileSpec(path: path)
        return VersionFileBytes(ref: VersionFileRef(absolutePath: "/repo/" + path, displayPath: path, spec: spec),
                                file: try VersionFile(spec), bytes: Array("[project]\nname = \"\(name)\"\nversion = \"\(version)\"\n\(deps)".utf8),
                                detected: true)
    }

    /// Seed 001: aetherflow pins core exactly and scheduler by a range; core has a feature.
    static func seed001(dependencyBump: DependencyBump = .patch, pre: PrereleaseLabel? = .rc) throws -> BumpVersionPlan {
        let names = ["aetherflow", "aetherflow-core", "aetherflow-scheduler"]
        var settings = BumpVersionSettings(pre: pre, all: true, packages: names.map(Self.package))
        settings.dependencyBump = dependencyBump
        let facts = BumpVersionFacts(tags: names.map { "\($0)-v0.1.0rc1" }, packages: [
            .init(files: [try pyproject("aetherflow", "0.1.0rc1", dependencies: ["aetherflow-core==0.1.0rc1", "aetherflow_scheduler>=0.1.0rc1,<0.2"])], commits: []),
            .init(files: [try pyproject("aetherflow-core", "0.1.0rc1")], commits: ["feat(core): streaming engine"]),
            .init(files: [try pyproject("aetherflow-scheduler", "0.1.0rc1")], commits: []),
        ])
        return try BumpVersionPlan(facts: facts, settings: settings)
    }

    @Test func dependentsComeAfterTheirDependenciesAndGetAPatchWithTheirPinsMoved() throws {
        let plan = try Self.seed001()
        #expect(plan.packages.map(\.component) == ["aetherflow-core", "aetherflow-scheduler", "aetherflow"])
        #expect(plan.packages.map { $0.next?.normalized } == ["0.1.0rc2", nil, "0.1.0rc2"])
        let app = plan.packages[2]
        #expect(app.decision.level == "patch")
        #expect(String(decoding: app.files[0].new!, as: UTF8.self) == """
        [project]
        name = "aetherflow"
        version = "0.1.0rc2"
        dependencies = [
            "aetherflow-core==0.1.0rc2",
            "aetherflow_scheduler>=0.1.0rc1,<0.2",
        ]

        """)
        #expect(app.dependencyNote == "Dependencies: aetherflow-core 0.1.0rc2")
        #expect(app.dependencies.map(\.updated) == ["==0.1.0rc2", ">=0.1.0rc1,<0.2"])
        #expect(app.dependencies.map { $0.version?.normalized } == ["0.1.0rc2", nil])
        guard case .object(let json) = app.json(dryRun: true), case .array(let pins)? = json["dependencies"] else {
            Issue.record("no dependencies in the plan output"); return
        }
        #expect(pins.count == 2)
        #expect(pins.first == .object(["package": .string("aetherflow-core"), "name": .string("aetherflow-core"),
                                       "file": .string("packages/aetherflow/pyproject.toml"), "field": .string("[project].dependencies"),
                                       "requirement": .string("==0.1.0rc1"), "updated": .string("==0.1.0rc2"), "version": .string("0.1.0rc2")]))
    }

    @Test func dependencyBumpNoneReleasesNoDependent() throws {
        let plan = try Self.seed001(dependencyBump: .none)
        #expect(plan.packages.map(\.released) == [true, false, false])
        #expect(plan.changedFiles.map(\.ref.displayPath) == ["packages/aetherflow-core/pyproject.toml"])
    }

    @Test func aFinalOfADependencyFinalisesTheDependentsPin() throws {
        let plan = try Self.seed001(pre: nil)
        let app = try #require(plan.packages.last)
        #expect(app.next?.normalized == "0.1.0")
        #expect(String(decoding: app.files[0].new!, as: UTF8.self).contains("\"aetherflow-core==0.1.0\""))
    }

    @Test func aCycleIsRefusedNamingIt() throws {
        var settings = BumpVersionSettings(all: true, packages: ["a", "b", "c"].map(Self.package))
        settings.dependencyBump = .patch
        let facts = BumpVersionFacts(tags: [], packages: [
            .init(files: [try Self.pyproject("a", "1.0", dependencies: ["b>=1.0"])], commits: ["fix: a"]),
            .init(files: [try Self.pyproject("b", "1.0", dependencies: ["c>=1.0"])], commits: []),
            .init(files: [try Self.pyproject("c", "1.0", dependencies: ["a>=1.0"])], commits: []),
        ])
        #expect(throws: BumpVersionPlanError.dependencyCycle(["a", "b", "c", "a"])) {
            try BumpVersionPlan(facts: facts, settings: settings)
        }
        #expect(BumpVersionPlanError.dependencyCycle(["a", "b", "a"]).kind == .invalidInput)
    }

    @Test func theGraphAddsTransitiveDependentsInConfigurationOrder() throws {
        let packages = ["app", "cli", "core", "util"].map(Self.package)
        let graph = try DependencyGraph(packages: packages, files: [
            [try Self.pyproject("app", "1.0", dependencies: ["cli==1.0"])],
            [try Self.pyproject("cli", "1.0", dependencies: ["core>=1.0"])],
            [try Self.pyproject("core", "1.0")],
            [try Self.pyproject("util", "1.0")],
        ])
        #expect(try graph.order(["core"], withDependents: true) == ["core", "cli", "app"])
        #expect(try graph.order(["core"], withDependents: false) == ["core"])
        #expect(try graph.order(["app", "cli", "core", "util"], withDependents: false) == ["core", "cli", "app", "util"])
    }

    @Test func anUpperBoundTheReleaseBreaksIsWidened() throws {
        var settings = BumpVersionSettings(level: .minor, all: true, packages: ["app", "lib"].map(Self.package))
        settings.dependencyBump = .patch
        let facts = BumpVersionFacts(tags: ["app-v1.0.0", "lib-v0.1.0"], packages: [
            .init(files: [try Self.pyproject("app", "1.0.0", dependencies: ["lib>=0.1.0,<0.2"])], commits: []),
            .init(files: [try Self.pyproject("lib", "0.1.0")], commits: []),
        ])
        let plan = try BumpVersionPlan(facts: facts, settings: settings)
        #expect(plan.packages.map { $0.next?.normalized } == ["0.2.0", "1.1.0"])
        #expect(String(decoding: plan.packages[1].files[0].new!, as: UTF8.self).contains("\"lib>=0.2.0,<0.3\""))
    }

    @Test func npmPackagesAreKnownByTheNameTheirManifestGivesThem() throws {
        func manifest(_ directory: String, _ json: String) throws -> VersionFileBytes {
            let path = "packages/\(directory)/package.json"
            let spec = VersionFileSpec(path: path)
            return VersionFileBytes(ref: VersionFileRef(absolutePath: "/repo/" + path, displayPath: path, spec: spec),
                                    file: try VersionFile(spec), bytes: Array(json.utf8), detected: true)
        }
        let packages = ["web", "core", "util"].map { name in
            BumpVersionPackage(component: name, directories: ["packages/" + name], detectionRoots: ["/repo/packages/" + name],
                               scheme: .semver, tagFormat: .default(component: name), files: nil)
        }
        var settings = BumpVersionSettings(all: true, packages: packages)
        settings.dependencyBump = .patch
        let facts = BumpVersionFacts(tags: ["web-v1.0.0", "core-v1.2.0", "util-v1.0.0"], packages: [
            .init(files: [try manifest("web", "{\n  \"name\": \"@scope/web\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\"@scope/core\": \"^1.2.0\", \"@scope/util\": \"workspace:*\"}\n}\n")], commits: []),
            .init(files: [try manifest("core", "{\"name\": \"@scope/core\", \"version\": \"1.2.0\"}\n")], commits: ["feat: streams"]),
            .init(files: [try manifest("util", "{\"name\": \"@scope/util\", \"version\": \"1.0.0\"}\n")], commits: ["fix: trim"]),
        ])
        let plan = try BumpVersionPlan(facts: facts, settings: settings)
        #expect(plan.packages.map(\.component) == ["core", "util", "web"])
        #expect(plan.packages.map { $0.next?.description } == ["1.3.0", "1.0.1", "1.0.1"])
        #expect(String(decoding: plan.packages[2].files[0].new!, as: UTF8.self)
            == "{\n  \"name\": \"@scope/web\",\n  \"version\": \"1.0.1\",\n  \"dependencies\": {\"@scope/core\": \"^1.3.0\", \"@scope/util\": \"workspace:*\"}\n}\n")
        #expect(plan.packages[2].dependencyNote == "Dependencies: core 1.3.0, util 1.0.1")
    }
}
