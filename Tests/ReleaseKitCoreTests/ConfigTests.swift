import Testing
import ReleaseKitCore

/// `.releasekit.yml`: the schema, and errors that name the key path.
@Suite struct ConfigTests {
    @Test func singlePackage() throws {
        let config = try ReleaseKitConfig.parse("""
        # a single package
        scheme: semver
        tag-format: "v{version}"
        commit-message: "chore(release): {version}"
        bump:
          breaking-bumps-minor-before-1: false
        version-files:
          - package.json
          - deploy/values.yaml:image.tag
        """)
        #expect(config.scheme == .semver)
        #expect(config.tagFormat?.template == "v{version}")
        #expect(config.commitMessage == "chore(release): {version}")
        #expect(config.bump == BumpRules.Options(breakingBumpsMinorBeforeOne: false))
        #expect(config.versionFiles == [VersionFileSpec(path: "package.json"), VersionFileSpec(path: "deploy/values.yaml", keyPath: ["image", "tag"])])
        #expect(config.packages.isEmpty)
    }

    @Test func seed001Monorepo() throws {
        let config = try ReleaseKitConfig.parse("""
        scheme: pep440
        tag-format: "{component}-v{version}"
        packages:
          - name: aetherflow
            path: packages/aetherflow
          - name: aetherflow-core
            path: packages/aetherflow-core
            version-files: [packages/aetherflow-core/pyproject.toml]
          - name: aetherflow-scheduler
            path: packages/aetherflow-scheduler
            version-files:
              - path: packages/aetherflow-scheduler/config.yaml
                key: model.version
        """)
        #expect(config.packages.map(\.name) == ["aetherflow", "aetherflow-core", "aetherflow-scheduler"])
        #expect(config.package(named: "aetherflow-core")?.path == "packages/aetherflow-core")
        #expect(config.packages[2].versionFiles == [VersionFileSpec(path: "packages/aetherflow-scheduler/config.yaml", keyPath: ["model", "version"])])
        #expect(config.packages[0].versionFiles == nil)
    }

    @Test(arguments: ["", "# only a comment\n", "---\n"])
    func emptyDocumentIsAnEmptyConfiguration(text: String) throws {
        #expect(try ReleaseKitConfig.parse(text) == ReleaseKitConfig())
    }

    @Test(arguments: [
        ("tag-fromat: v{version}\n", "tag-fromat", "unknown key", 1),
        ("scheme: 1\n", "scheme", "expected a string, got the number 1", 1),
        ("scheme: calver\n", "scheme", "unknown scheme", 1),
        ("tag-format: release-{component}\n", "tag-format", "{version} exactly once", 1),
        ("bump:\n  breaking-bumps-minor-before-1: yes please\n", "bump.breaking-bumps-minor-before-1", "expected true or false", 2),
        ("packages:\n  - name: a\n  - path: b\n", "packages[1].name", "missing", 3),
        ("packages:\n  - name: a\n    verison-files: []\n", "packages[0].verison-files", "unknown key", 3),
        ("packages:\n  - name: a\n    version-files: pyproject.toml\n", "packages[0].version-files", "expected a list", 3),
        ("packages:\n  - name: a\n    version-files:\n      - path: x.yaml\n        key: [a]\n", "packages[0].version-files[0].key", "expected a string", 5),
        ("packages:\n  - name: a\n  - name: a\n", "packages[1].name", "listed twice", nil),
        ("packages: {name: a}\n", "packages", "expected a list", 1),
        ("- a\n- b\n", "", "expected a mapping", 1),
        ("changelog:\n  other: true\n", "changelog.other", "or false", 2),
        ("changelog:\n  sections:\n    - title: Stuff\n", "changelog.sections[0].type", "missing", 3),
        ("changelog:\n  sections:\n    - type: feat\n      order: first\n", "changelog.sections[0].order", "whole number", 4),
        ("changelog:\n  contributors: maybe\n", "changelog.contributors", "expected true or false", 2),
        ("changelog:\n  sektions: []\n", "changelog.sektions", "unknown key", 2),
    ] as [(String, String, String, Int?)])
    func errorsNameTheKeyPath(text: String, keyPath: String, reason: String, line: Int?) throws {
        let error = try #require(throws: ConfigError.self) { try ReleaseKitConfig.parse(text, file: ".releasekit.yml") }
        #expect(error.keyPath == keyPath)
        #expect(error.reason.contains(reason), "\(error)")
        #expect(error.line == line)
        #expect(error.kind == .invalidInput)
        #expect(error.description.hasPrefix(".releasekit.yml"))
    }

    @Test func changelogTableAppliesOnTopOfTheDefaults() throws {
        let config = try ReleaseKitConfig.parse("""
        changelog:
          breaking-title: "⚠ Breaking"
          other: false
          include-merge-commits: true
          contributors: false
          sections:
            - type: feat
              title: New Stuff
            - type: docs
              hidden: true
            - type: chore
              title: Housekeeping
              order: 5
            - type: deps
        """)
        let settings = try #require(config.changelog)
        #expect(settings.breakingTitle == "⚠ Breaking")
        #expect(settings.otherCommits == .drop)
        #expect(settings.includeMergeCommits)
        #expect(!settings.includeReleaseCommits)
        #expect(!settings.showContributors)
        let rules = Dictionary(settings.sections.map { ($0.type, $0) }, uniquingKeysWith: { _, last in last })
        #expect(rules["feat"] == .init(type: "feat", title: "New Stuff", order: 10))
        #expect(rules["docs"]?.hidden == true)
        #expect(rules["docs"]?.title == "Documentation")
        #expect(rules["chore"] == .init(type: "chore", title: "Housekeeping", order: 5))
        #expect(rules["fix"] == .init(type: "fix", title: "Bug Fixes", order: 20), "untouched defaults stay")
        #expect(rules["deps"]?.title == "deps")
        #expect(rules["deps"]?.order == 120, "a new type goes after every default section")
        #expect(try ReleaseKitConfig.parse("scheme: semver\n").changelog == nil)
    }

    @Test func invalidYAMLIsAConfigError() {
        #expect(throws: ConfigError.self) { try ReleaseKitConfig.parse("scheme: [unclosed\n") }
    }
}
