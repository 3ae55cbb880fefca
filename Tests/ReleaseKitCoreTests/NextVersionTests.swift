import Testing
import ReleaseKitCore

/// bump-version's decision: commits (or an explicit level) applied to the current
/// version, in both schemes, with the prerelease transitions.
@Suite struct NextVersionTests {
    static func commits(_ messages: [String]) -> [ParsedCommit] { messages.map(ParsedCommit.init(message:)) }

    static func decide(_ current: String, _ scheme: VersionSchemeChoice, _ messages: [String], level: LevelChoice = .auto,
                       pre: PrereleaseLabel? = nil, options: BumpRules.Options = .init(),
                       existing: [String] = []) throws -> NextVersion.Decision {
        try NextVersion.decide(
            current: try Version.parse(current, scheme: scheme), commits: commits(messages),
            request: .init(level: level, label: pre, options: options),
            existing: try existing.map { ($0, try Version.parse($0, scheme: scheme)) })
    }

    @Test(arguments: [
        // current, scheme, commits (newest first), expected level, expected version
        ("1.2.0", VersionSchemeChoice.semver, ["fix: a"], "patch", "1.2.1"),
        ("1.2.0", .semver, ["perf: a"], "patch", "1.2.1"),
        ("1.2.0", .semver, ["revert: a"], "patch", "1.2.1"),
        ("1.2.0", .semver, ["Revert \"feat: a\""], "patch", "1.2.1"),
        ("1.2.0", .semver, ["fix: a", "feat: b"], "minor", "1.3.0"),
        ("1.2.0", .semver, ["feat!: drop"], "major", "2.0.0"),
        ("1.2.0", .semver, ["fix: a\n\nBREAKING CHANGE: gone"], "major", "2.0.0"),
        ("1.2.0", .semver, ["chore: a\n\nBREAKING-CHANGE: gone"], "major", "2.0.0"),
        ("0.3.1", .semver, ["feat!: drop"], "minor", "0.4.0"),
        ("0.3.1", .semver, ["feat: x"], "minor", "0.4.0"),
        ("1.2.0", .semver, ["chore: a", "docs: b", "not conventional"], "none", nil),
        ("1.2.0", .semver, [], "none", nil),
        ("1.2.0", .semver, ["fix: a\n\nRelease-As: 3.0.0"], "release-as", "3.0.0"),
        ("1.2", .pep440, ["fix: a"], "patch", "1.2.1"),
        ("1.2.0", .pep440, ["feat: b"], "minor", "1.3.0"),
        ("1.2.0", .pep440, ["refactor!: b"], "major", "2.0.0"),
        ("0.1.0", .pep440, ["feat!: b"], "minor", "0.2.0"),
        ("1.2.0", .pep440, ["fix: a\n\nRelease-As: 2.0.0rc1"], "release-as", "2.0.0rc1"),
    ] as [(String, VersionSchemeChoice, [String], String, String?)])
    func autoLevelFromCommits(current: String, scheme: VersionSchemeChoice, messages: [String], level: String, version: String?) throws {
        let decision = try Self.decide(current, scheme, messages)
        #expect(decision.level == level)
        #expect(decision.version?.normalized == version)
    }

    @Test func breakingBeforeOneIsConfigurable() throws {
        let decision = try Self.decide("0.3.1", .semver, ["feat!: x"], options: .init(breakingBumpsMinorBeforeOne: false))
        #expect(decision.version?.normalized == "1.0.0")
        let patch = try Self.decide("0.3.1", .semver, ["feat: x"], options: .init(featureBumpsPatchBeforeOne: true))
        #expect(patch.version?.normalized == "0.3.2")
    }

    /// The transitions, in both schemes.
    @Test(arguments: [
        // current, scheme, commits, level, pre, expected
        ("1.2.0", VersionSchemeChoice.semver, ["feat: a"], LevelChoice.auto, PrereleaseLabel.rc as PrereleaseLabel?, "1.3.0-rc.1"),
        ("1.2.0", .pep440, ["feat: a"], .auto, .rc, "1.3.0rc1"),
        ("1.3.0-rc.1", .semver, ["fix: a"], .auto, .rc, "1.3.0-rc.2"),
        ("1.3.0-rc.1", .semver, ["feat: a"], .auto, .rc, "1.3.0-rc.2"),
        ("1.3.0rc1", .pep440, ["fix: a"], .auto, .rc, "1.3.0rc2"),
        ("1.3.0rc1", .pep440, ["feat: a"], .auto, .rc, "1.3.0rc2"),
        ("1.3.0-rc.1", .semver, ["feat!: a"], .auto, .rc, "2.0.0-rc.1"),
        ("1.3.0rc1", .pep440, ["feat!: a"], .auto, .rc, "2.0.0rc1"),
        ("1.3.0-beta.3", .semver, ["fix: a"], .auto, .rc, "1.3.0-rc.1"),
        ("1.3.0b3", .pep440, ["fix: a"], .auto, .rc, "1.3.0rc1"),
        ("1.3.0-beta.3", .semver, [], .prerelease, .rc, "1.3.0-rc.1"),
        ("1.3.0b3", .pep440, [], .prerelease, .rc, "1.3.0rc1"),
        ("1.3.0-rc.2", .semver, [], .final, nil, "1.3.0"),
        ("1.3.0rc2", .pep440, [], .final, nil, "1.3.0"),
        ("1.3.0-rc.2", .semver, ["feat: a"], .auto, nil, "1.3.0"),
        ("1.3.0rc2", .pep440, ["fix: a"], .auto, nil, "1.3.0"),
        ("1.3.0-rc.2", .semver, [], .prerelease, nil, "1.3.0-rc.3"),
        ("1.3.0rc2", .pep440, [], .prerelease, nil, "1.3.0rc3"),
        ("1.2.0", .semver, [], .major, nil, "2.0.0"),
        ("1.2.0", .pep440, [], .minor, .alpha, "1.3.0a1"),
        ("1.2.0", .semver, [], .patch, .beta, "1.2.1-beta.1"),
        ("1.2.0", .pep440, [], .patch, .dev, "1.2.1.dev1"),
        ("1.2.0", .semver, [], .prerelease, .dev, "1.2.1-dev.1"),
    ] as [(String, VersionSchemeChoice, [String], LevelChoice, PrereleaseLabel?, String)])
    func prereleaseTransitions(current: String, scheme: VersionSchemeChoice, messages: [String], level: LevelChoice,
                               pre: PrereleaseLabel?, expected: String) throws {
        let decision = try Self.decide(current, scheme, messages, level: level, pre: pre)
        #expect(decision.version?.normalized == expected)
    }

    @Test func explicitLevelsReleaseWithoutCommits() throws {
        #expect(try Self.decide("1.2.0", .semver, [], level: .patch).version?.normalized == "1.2.1")
        #expect(try Self.decide("1.2.0", .semver, [], level: .patch).level == "patch")
    }

    @Test func impossibleBumpsAreInputErrors() {
        #expect(throws: InputError.self) { try Self.decide("1.2.0", .semver, [], level: .final) }
        #expect(throws: InputError.self) { try Self.decide("1.2.0", .semver, [], level: .prerelease) }
        #expect(throws: InputError.self) { try Self.decide("1.3.0-rc.1", .semver, [], level: .prerelease, pre: .beta) }
        #expect(throws: InputError.self) { try Self.decide("1.2.0", .semver, ["fix: a\n\nRelease-As: soon"]) }
    }

    @Test func versionsNeverGoBackwards() throws {
        let error = try #require(throws: OperationError.self) {
            try Self.decide("1.2.0", .semver, ["fix: a"], existing: ["1.2.0", "1.2.1"])
        }
        #expect(error.description.contains("1.2.1"))
        #expect(error.kind == .operationFailed)
        #expect(throws: OperationError.self) {
            try NextVersion.decide(current: try Version.parse("1.0.0"), commits: [],
                                   request: .init(explicit: try Version.parse("1.1.0")),
                                   existing: [("v1.1.0", try Version.parse("1.1.0"))])
        }
        #expect(try Self.decide("1.2.0", .semver, ["fix: a"], existing: ["1.2.0", "1.1.9"]).version?.normalized == "1.2.1")
    }
}
