import Testing
@testable import ReleaseKitCore

@Suite struct VersionTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let text: String
        let choice: VersionSchemeChoice
        let scheme: VersionScheme
        let core: [VersionNumber]
        let prerelease: String?
        let build: String?
        let isPrerelease: Bool
        let normalized: String
        var testDescription: String { "\(text) [\(choice)]" }
    }

    static let rows: [Row] = [
        Row(text: "1.2.3", choice: .auto, scheme: .semver, core: [1, 2, 3], prerelease: nil, build: nil, isPrerelease: false, normalized: "1.2.3"),
        Row(text: "1.0.0-rc.1+sha.5", choice: .auto, scheme: .semver, core: [1, 0, 0], prerelease: "rc.1", build: "sha.5", isPrerelease: true, normalized: "1.0.0-rc.1+sha.5"),
        Row(text: "1.0.0-rc1", choice: .auto, scheme: .semver, core: [1, 0, 0], prerelease: "rc1", build: nil, isPrerelease: true, normalized: "1.0.0-rc1"),
        Row(text: "1.0.0-rc1", choice: .pep440, scheme: .pep440, core: [1, 0, 0], prerelease: "rc1", build: nil, isPrerelease: true, normalized: "1.0.0rc1"),
        Row(text: "1.2", choice: .auto, scheme: .pep440, core: [1, 2, 0], prerelease: nil, build: nil, isPrerelease: false, normalized: "1.2"),
        Row(text: "2", choice: .auto, scheme: .pep440, core: [2, 0, 0], prerelease: nil, build: nil, isPrerelease: false, normalized: "2"),
        Row(text: "1.2.3.4", choice: .auto, scheme: .pep440, core: [1, 2, 3], prerelease: nil, build: nil, isPrerelease: false, normalized: "1.2.3.4"),
        Row(text: "0.1.0rc1", choice: .auto, scheme: .pep440, core: [0, 1, 0], prerelease: "rc1", build: nil, isPrerelease: true, normalized: "0.1.0rc1"),
        Row(text: "1.0rc1.dev2", choice: .auto, scheme: .pep440, core: [1, 0, 0], prerelease: "rc1.dev2", build: nil, isPrerelease: true, normalized: "1.0rc1.dev2"),
        Row(text: "1.0.dev3", choice: .auto, scheme: .pep440, core: [1, 0, 0], prerelease: "dev3", build: nil, isPrerelease: true, normalized: "1.0.dev3"),
        Row(text: "1.0.post1", choice: .auto, scheme: .pep440, core: [1, 0, 0], prerelease: nil, build: nil, isPrerelease: false, normalized: "1.0.post1"),
        Row(text: "1.0.post1.dev2", choice: .auto, scheme: .pep440, core: [1, 0, 0], prerelease: "post1.dev2", build: nil, isPrerelease: true, normalized: "1.0.post1.dev2"),
        Row(text: "1!2.0b1+Local-1", choice: .auto, scheme: .pep440, core: [2, 0, 0], prerelease: "b1", build: "local.1", isPrerelease: true, normalized: "1!2.0b1+local.1"),
        Row(text: "1.2.3", choice: .pep440, scheme: .pep440, core: [1, 2, 3], prerelease: nil, build: nil, isPrerelease: false, normalized: "1.2.3"),
    ]

    @Test(arguments: rows)
    func exposesWhatParseTagPrints(row: Row) throws {
        let version = try Version.parse(row.text, scheme: row.choice)
        #expect(version.scheme == row.scheme)
        #expect([version.major, version.minor, version.patch] == row.core)
        #expect(version.prerelease == row.prerelease)
        #expect(version.build == row.build)
        #expect(version.isPrerelease == row.isPrerelease)
        #expect(version.normalized == row.normalized)
        #expect(version.description == row.normalized)
    }

    @Test(arguments: [
        ("1.2", VersionSchemeChoice.semver, "is not a valid SemVer 2.0.0 version"),
        ("1.2.3-alpha.beta.01", .pep440, "is not a valid PEP 440 version"),
        ("latest", .auto, "expected SemVer 2.0.0 (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]) or PEP 440"),
    ])
    func rejectsTextInvalidUnderTheChoice(text: String, choice: VersionSchemeChoice, message: String) {
        #expect(Version.parseIfValid(text, scheme: choice) == nil)
        #expect {
            try Version.parse(text, scheme: choice)
        } throws: { error in
            "\(error)".hasPrefix("\"\(text)\" ") && "\(error)".contains(message)
        }
    }

    @Test func comparesWithinASchemeOnly() throws {
        let semver = try Version.parse("1.0.0"), semverRC = try Version.parse("1.0.0-rc.1")
        let pep = try Version.parse("1.0"), pepRC = try Version.parse("1.0rc1")
        #expect(semverRC.precedence(comparedTo: semver) == .lower)
        #expect(pep.precedence(comparedTo: pepRC) == .higher)
        #expect(semver.precedence(comparedTo: pep) == nil)
        #expect(pep.precedence(comparedTo: semverRC) == nil)
    }

    @Test func knowsPrereleasesOfTheSameRelease() throws {
        #expect(try Version.parse("1.3.0-rc.1").isPrerelease(ofSameReleaseAs: Version.parse("1.3.0")))
        #expect(try Version.parse("1.3rc1").isPrerelease(ofSameReleaseAs: Version.parse("1.3.0", scheme: .pep440)))
        #expect(try !Version.parse("1.2.0-rc.1").isPrerelease(ofSameReleaseAs: Version.parse("1.3.0")))
        #expect(try !Version.parse("1.3.0").isPrerelease(ofSameReleaseAs: Version.parse("1.3.0")))
        #expect(try !Version.parse("1.3.0rc1", scheme: .pep440).isPrerelease(ofSameReleaseAs: Version.parse("1.3.0")))
    }

    @Test func choiceMirrorsScheme() {
        #expect(VersionSchemeChoice(.semver) == .semver)
        #expect(VersionSchemeChoice(.pep440) == .pep440)
        #expect(VersionScheme(rawValue: "pep440") == .pep440)
        #expect(VersionSchemeChoice(rawValue: "auto") == .auto)
    }
}
