import Testing
@testable import ReleaseKitCore

/// Compact prereleases (`1.3.0-rc1`, seed 002): how they are made, the one order
/// every tool reads them in, and how the style is chosen.
@Suite struct CompactPrereleaseTests {
    // MARK: - Making them

    @Test(arguments: [
        // from, level, label, style, expected
        ("1.2.0", BumpOperation.minor, PrereleaseLabel?.some(.rc), PrereleaseStyle.compact, "1.3.0-rc1"),
        ("1.2.0", .minor, .rc, .dotted, "1.3.0-rc.1"),
        ("1.2.0", .prerelease, .beta, .compact, "1.2.1-beta1"),
        // The two failures: --pre rc and --level prerelease from v1.3.0-rc1.
        ("1.3.0-rc1", .minor, .rc, .compact, "1.3.0-rc2"),
        ("1.3.0-rc1", .minor, .rc, .dotted, "1.3.0-rc2"),
        ("1.3.0-rc1", .prerelease, nil, .dotted, "1.3.0-rc2"),
        ("1.3.0-rc1", .prerelease, .rc, .compact, "1.3.0-rc2"),
        ("1.3.0-rc9", .prerelease, nil, .compact, "1.3.0-rc10"),
        ("1.3.0-rc10", .prerelease, nil, .compact, "1.3.0-rc11"),
        ("1.3.0-rc99", .minor, .rc, .compact, "1.3.0-rc100"),
        ("1.3.0-beta3", .minor, .rc, .compact, "1.3.0-rc1"),
        ("1.3.0-beta3", .minor, .rc, .dotted, "1.3.0-rc.1"),
        ("1.3.0-rc1", .final, nil, .compact, "1.3.0"),
        ("1.3.0-rc2", .patch, nil, .compact, "1.3.0"),
        ("1.3.0-rc2", .major, .rc, .compact, "2.0.0-rc1"),
        // The old bump's rc1.1 still moves on, to rc2.
        ("1.3.0-rc1.1", .prerelease, nil, .compact, "1.3.0-rc2"),
    ])
    func bumps(from: String, level: BumpOperation, label: PrereleaseLabel?, style: PrereleaseStyle, expected: String) throws {
        let result = try VersionBump(level, label: label, style: style).apply(to: Version.parse(from, scheme: .semver))
        #expect(result.normalized == expected)
    }

    @Test func aLabelBelowTheCurrentOneIsRefused() throws {
        #expect(throws: InputError.self) {
            try VersionBump(.minor, label: .beta, style: .compact).apply(to: Version.parse("1.3.0-rc2", scheme: .semver))
        }
    }

    @Test(arguments: [("1.3.0rc1", "1.3.0rc2"), ("1.3.0rc9", "1.3.0rc10")])
    func pep440IsUnchanged(from: String, expected: String) throws {
        for style in PrereleaseStyle.allCases {
            let result = try VersionBump(.minor, label: .rc, style: style).apply(to: Version.parse(from, scheme: .pep440))
            #expect(result.normalized == expected)
        }
        let started = try VersionBump(.minor, label: .rc, style: .compact).apply(to: Version.parse("1.2.0", scheme: .pep440))
        #expect(started.normalized == "1.3.0rc1")
    }

    // MARK: - The one order

    /// Ascending in ReleaseKit's order; strict SemVer would put rc10 below rc2.
    static let ascending = [
        "1.3.0-beta1", "1.3.0-beta9", "1.3.0-beta10", "1.3.0-rc", "1.3.0-rc.1", "1.3.0-rc.2", "1.3.0-rc.10",
        "1.3.0-rc1", "1.3.0-rc1.1", "1.3.0-rc2", "1.3.0-rc9", "1.3.0-rc10", "1.3.0-rc11", "1.3.0-rc100", "1.3.0",
    ]

    @Test func compactCountersOrderByNumber() throws {
        let versions = try Self.ascending.map { try Version.parse($0, scheme: .semver) }
        for (i, left) in versions.enumerated() {
            for (j, right) in versions.enumerated() {
                let expected: Precedence = i < j ? .lower : i == j ? .same : .higher
                #expect(ReleaseRank.precedence(of: left, comparedTo: right) == expected, "\(left) vs \(right)")
            }
        }
        // Strict SemVer is still what Version.precedence answers.
        #expect(try Version.parse("1.3.0-rc10").precedence(comparedTo: Version.parse("1.3.0-rc2")) == .lower)
    }

    @Test func sortingUsesTheOrder() throws {
        let tags = Self.ascending.reversed().map { try! TaggedVersion(tag: "v" + $0, version: Version.parse($0, scheme: .semver)) }
        #expect(tags.sorted(by: ReleaseRank.precedes).map(\.version.normalized) == Self.ascending)
        #expect(ReleaseRank.highest(tags.filter(\.version.isPrerelease))?.tag == "v1.3.0-rc100")
    }

    @Test func parseTagsPreviousTagAndTheChangelogOrderAgree() throws {
        let tags = ["v1.2.0", "v1.3.0-rc1", "v1.3.0-rc2", "v1.3.0-rc9", "v1.3.0-rc10", "v1.3.0-rc11"]
        #expect(try PreviousTag.find(in: tags, before: "v1.3.0-rc11")?.tag == "v1.3.0-rc10")
        #expect(try PreviousTag.find(in: tags, before: "v1.3.0-rc10")?.tag == "v1.3.0-rc9")
        #expect(try PreviousTag.find(in: tags, before: "v1.3.0-rc2")?.tag == "v1.3.0-rc1")
        let order = ReleaseOrder(try tags.reversed().map { try TagName(parsing: $0) })
        #expect(order.tags.map(\.tag) == tags)
        #expect(order.previous == [nil, 0, 1, 2, 3, 4])
    }

    @Test func neverBackwardsUsesTheOrder() throws {
        let existing = [("v1.3.0-rc10", try Version.parse("1.3.0-rc10"))]
        let next = try NextVersion.decide(current: Version.parse("1.3.0-rc10"), commits: [],
                                          request: .init(level: .prerelease, style: .compact), existing: existing)
        #expect(next.version?.normalized == "1.3.0-rc11")
        #expect(throws: OperationError.self) {
            try NextVersion.decide(current: Version.parse("1.3.0-rc10"), commits: [],
                                   request: .init(explicit: Version.parse("1.3.0-rc9")), existing: existing)
        }
    }

    @Test(arguments: [("1.3.0-rc10", true), ("1.3.0-rc9", false), ("1.3.0-rc.10", false), ("1.3.0", false), ("1.3.0-beta12.1", true)])
    func countersPastNineAreFlagged(version: String, flagged: Bool) throws {
        #expect(ReleaseRank.hasCounterPastNine(try Version.parse(version, scheme: .semver)) == flagged)
    }

    // MARK: - Choosing the style

    @Test(arguments: [
        ("1.3.0-rc1", PrereleaseStyle?.some(.compact)), ("1.3.0-beta12", .compact), ("1.3.0-rc.1", .dotted),
        ("1.3.0", nil), ("1.3.0-rc", nil), ("1.3.0-0", nil), ("1.3.0-rc01", nil),
    ])
    func styleOfAVersion(version: String, expected: PrereleaseStyle?) throws {
        #expect(PrereleaseStyle(of: try Version.parse(version, scheme: .semver)) == expected)
    }
}
