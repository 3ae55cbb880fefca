import Testing
@testable import ReleaseKitCore

@Suite struct VersionBumpTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let from: String
        let level: BumpOperation
        let label: PrereleaseLabel?
        let to: String
        init(_ from: String, _ level: BumpOperation, _ to: String) {
            self.init(from, level, nil, to)
        }
        init(_ from: String, _ level: BumpOperation, _ label: PrereleaseLabel?, _ to: String) {
            self.from = from
            self.level = level
            self.label = label
            self.to = to
        }
        var testDescription: String { "\(from) + \(level)\(label.map { " --pre \($0)" } ?? "") → \(to)" }
    }

    static let semverRows: [Row] = [
        Row("1.2.3", .major, "2.0.0"), Row("1.2.3", .minor, "1.3.0"), Row("1.2.3", .patch, "1.2.4"),
        Row("1.2.3+build.5", .patch, "1.2.4"),
        Row("1.2.0", .minor, .rc, "1.3.0-rc.1"), Row("1.2.0", .major, .alpha, "2.0.0-alpha.1"),
        Row("1.2.0", .patch, .beta, "1.2.1-beta.1"), Row("1.2.0", .patch, .dev, "1.2.1-dev.1"),
        Row("1.3.0-rc.1", .patch, .rc, "1.3.0-rc.2"), Row("1.3.0-rc.1", .minor, .rc, "1.3.0-rc.2"),
        Row("1.3.0-rc.1", .major, .rc, "2.0.0-rc.1"), Row("1.3.0-beta.3", .minor, .rc, "1.3.0-rc.1"),
        Row("1.3.0-beta.3", .prerelease, .rc, "1.3.0-rc.1"), Row("1.3.0-alpha.2", .prerelease, .beta, "1.3.0-beta.1"),
        Row("1.3.0-rc.2", .final, "1.3.0"), Row("1.3.0-rc.2+sha", .final, "1.3.0"),
        Row("1.3.0-rc.2", .patch, "1.3.0"), Row("1.3.0-rc.2", .minor, "1.3.0"), Row("1.3.0-rc.2", .major, "2.0.0"),
        Row("2.0.0-rc.1", .major, "2.0.0"), Row("2.0.0-rc.1", .major, .rc, "2.0.0-rc.2"),
        Row("1.3.1-rc.1", .patch, "1.3.1"), Row("1.3.1-rc.1", .minor, "1.4.0"), Row("1.3.1-rc.1", .minor, .rc, "1.4.0-rc.1"),
        Row("1.3.0-rc.1", .prerelease, "1.3.0-rc.2"), Row("1.3.0-rc.9", .prerelease, "1.3.0-rc.10"),
        Row("1.2.0", .prerelease, .rc, "1.2.1-rc.1"),
        // Prereleases that are not label.N.
        Row("1.3.0-rc", .prerelease, "1.3.0-rc.1"), Row("1.3.0-rc", .minor, .rc, "1.3.0-rc.1"),
        Row("1.3.0-0", .prerelease, "1.3.0-1"), Row("1.3.0-alpha.beta", .prerelease, "1.3.0-alpha.beta.1"),
        Row("1.3.0-rc.1.2", .prerelease, "1.3.0-rc.1.3"), Row("1.3.0-rc.1.2", .minor, .rc, "1.3.0-rc.1.3"),
        Row("1.3.0-preview.2", .minor, .rc, "1.3.0-rc.1"), Row("1.3.0-0", .minor, .alpha, "1.3.0-alpha.1"),
        Row("1.3.0-RC.1", .minor, .rc, "1.3.0-rc.1"),
        Row("99999999999999999999.0.0", .major, "100000000000000000000.0.0"),
    ]

    @Test(arguments: semverRows)
    func bumpsSemVer(row: Row) throws {
        let result = try VersionBump(row.level, label: row.label).apply(to: SemanticVersion(parsing: row.from))
        #expect(result.description == row.to)
    }

    static let pep440Rows: [Row] = [
        Row("1.2.3", .major, "2.0.0"), Row("1.2.3", .minor, "1.3.0"), Row("1.2.3", .patch, "1.2.4"),
        Row("1.2", .minor, "1.3"), Row("1.2", .patch, "1.2.1"), Row("2", .minor, "2.1"), Row("1.2.3.4", .patch, "1.2.4.0"),
        Row("1!1.2.0", .major, "1!2.0.0"), Row("1.2.0+local.1", .patch, "1.2.1"),
        Row("1.2.0.post3", .patch, "1.2.1"), Row("1.2.0.post3.dev1", .patch, "1.2.1"),
        Row("1.2.0", .minor, .rc, "1.3.0rc1"), Row("1.2.0", .minor, .alpha, "1.3.0a1"), Row("1.2.0", .minor, .dev, "1.3.0.dev1"),
        Row("1.3.0rc1", .patch, .rc, "1.3.0rc2"), Row("1.3.0rc1", .minor, .rc, "1.3.0rc2"),
        Row("1.3.0rc1", .major, .rc, "2.0.0rc1"), Row("1.3.0b3", .minor, .rc, "1.3.0rc1"),
        Row("1.3.0rc2", .final, "1.3.0"), Row("1.3.0rc2", .patch, "1.3.0"), Row("1.3.0rc2", .major, "2.0.0"),
        Row("1.3rc1", .minor, "1.3"), Row("1.3rc1", .major, "2.0"),
        Row("1.3.0rc1", .prerelease, "1.3.0rc2"), Row("1.3.0rc1.post1", .prerelease, "1.3.0rc2"),
        Row("1.3.0.dev2", .prerelease, "1.3.0.dev3"), Row("1.3.0.dev2", .minor, .dev, "1.3.0.dev3"),
        Row("1.3.0.dev2", .minor, .alpha, "1.3.0a1"), Row("1.3.0.dev2", .final, "1.3.0"), Row("1.3.0.dev2", .patch, "1.3.0"),
        Row("1.3.0rc2.dev3", .prerelease, "1.3.0rc2.dev4"), Row("1.3.0rc2.dev3", .prerelease, .rc, "1.3.0rc2"),
        Row("1.3.0rc2.dev3", .final, "1.3.0"), Row("1.3.0rc1", .prerelease, .dev, "1.3.0rc2.dev1"),
        Row("1.0.post1.dev2", .prerelease, "1.0.post1.dev3"), Row("1.0.post1.dev2", .final, "1.0.post1"),
        Row("1.2.0", .prerelease, .beta, "1.2.1b1"),
        Row("99999999999999999999.0rc1", .prerelease, "99999999999999999999.0rc2"),
    ]

    @Test(arguments: pep440Rows)
    func bumpsPEP440(row: Row) throws {
        let result = try VersionBump(row.level, label: row.label).apply(to: PEP440Version(parsing: row.from))
        #expect(result.description == row.to)
    }

    @Test func bumpsEitherSchemeThroughVersion() throws {
        #expect(try VersionBump(.minor, label: .rc).apply(to: Version.parse("1.2.0")).normalized == "1.3.0-rc.1")
        #expect(try VersionBump(.minor, label: .rc).apply(to: Version.parse("1.2.0", scheme: .pep440)).normalized == "1.3.0rc1")
    }

    @Test(arguments: [
        ("1.3.0-rc.1", BumpOperation.minor, PrereleaseLabel.beta, "cannot move 1.3.0-rc.1 to a beta prerelease: 1.3.0-beta.1 would sort below 1.3.0-rc.1"),
        ("1.3.0-beta.2", .prerelease, .alpha, "cannot move 1.3.0-beta.2 to a alpha prerelease: 1.3.0-alpha.1 would sort below"),
        ("1.3.0-rc.1", .patch, .dev, "1.3.0-dev.1 would sort below 1.3.0-rc.1"),
    ] as [(String, BumpOperation, PrereleaseLabel, String)])
    func refusesToGoBackInSemVer(from: String, level: BumpOperation, label: PrereleaseLabel, message: String) throws {
        let version = try SemanticVersion(parsing: from)
        #expect { try VersionBump(level, label: label).apply(to: version) } throws: { "\($0)".contains(message) }
    }

    @Test(arguments: [
        ("1.3.0rc1", BumpOperation.minor, PrereleaseLabel.beta, "1.3.0b1 would sort below 1.3.0rc1"),
        ("1.3.0b1", .prerelease, .alpha, "1.3.0a1 would sort below 1.3.0b1"),
        ("1.0.post1.dev2", .prerelease, .rc, "1.0rc1 would sort below 1.0.post1.dev2"),
    ] as [(String, BumpOperation, PrereleaseLabel, String)])
    func refusesToGoBackInPEP440(from: String, level: BumpOperation, label: PrereleaseLabel, message: String) throws {
        let version = try PEP440Version(parsing: from)
        #expect { try VersionBump(level, label: label).apply(to: version) } throws: { "\($0)".contains(message) }
    }

    @Test func refusesMeaninglessBumps() throws {
        let final = try Version.parse("1.3.0"), rc = try Version.parse("1.3.0-rc.1")
        #expect { try VersionBump(.final).apply(to: final) } throws: { "\($0)".hasPrefix("1.3.0 is already a final release") }
        #expect { try VersionBump(.final, label: .rc).apply(to: rc) } throws: { "\($0)".contains("takes no prerelease label") }
        #expect { try VersionBump(.prerelease).apply(to: final) } throws: { "\($0)".hasPrefix("1.3.0 is not a prerelease") }
        #expect(throws: InputError.self) { try VersionBump(.final).apply(to: Version.parse("1.0.post1")) }
    }

    @Test(arguments: semverRows + pep440Rows)
    func everyBumpRaisesTheVersion(row: Row) throws {
        let scheme: VersionSchemeChoice = Self.semverRows.contains { $0.from == row.from && $0.to == row.to } ? .semver : .pep440
        let before = try Version.parse(row.from, scheme: scheme)
        let after = try VersionBump(row.level, label: row.label).apply(to: before)
        #expect(after.precedence(comparedTo: before) == .higher)
    }
}
