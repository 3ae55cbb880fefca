import Testing
@testable import ReleaseKitCore

@Suite struct TagNameTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let input: String
        var choice: VersionSchemeChoice = .auto
        let tag: String
        let component: String
        let versionText: String
        let scheme: VersionScheme
        let normalized: String
        var testDescription: String { "\(input) [\(choice)]" }
    }

    static let rows: [Row] = [
        Row(input: "v1.2.3", tag: "v1.2.3", component: "", versionText: "1.2.3", scheme: .semver, normalized: "1.2.3"),
        Row(input: "V1.2.3", tag: "V1.2.3", component: "", versionText: "1.2.3", scheme: .semver, normalized: "1.2.3"),
        Row(input: "1.2.3", tag: "1.2.3", component: "", versionText: "1.2.3", scheme: .semver, normalized: "1.2.3"),
        Row(input: "v1.2.3-rc.1", tag: "v1.2.3-rc.1", component: "", versionText: "1.2.3-rc.1", scheme: .semver, normalized: "1.2.3-rc.1"),
        Row(input: "web-vercel-v1.0.0", tag: "web-vercel-v1.0.0", component: "web-vercel", versionText: "1.0.0", scheme: .semver, normalized: "1.0.0"),
        Row(input: "a-b-1.2.3", tag: "a-b-1.2.3", component: "a-b", versionText: "1.2.3", scheme: .semver, normalized: "1.2.3"),
        Row(input: "@scope/pkg@1.2.3", tag: "@scope/pkg@1.2.3", component: "@scope/pkg", versionText: "1.2.3", scheme: .semver, normalized: "1.2.3"),
        Row(input: "@scope/pkg@2.0.0-beta.3", tag: "@scope/pkg@2.0.0-beta.3", component: "@scope/pkg", versionText: "2.0.0-beta.3", scheme: .semver, normalized: "2.0.0-beta.3"),
        Row(input: "tools/gopls/v0.16.0", tag: "tools/gopls/v0.16.0", component: "tools/gopls", versionText: "0.16.0", scheme: .semver, normalized: "0.16.0"),
        Row(input: "module/v1.2.3", tag: "module/v1.2.3", component: "module", versionText: "1.2.3", scheme: .semver, normalized: "1.2.3"),
        Row(input: "my_pkg_v1.2.3", tag: "my_pkg_v1.2.3", component: "my_pkg", versionText: "1.2.3", scheme: .semver, normalized: "1.2.3"),
        Row(input: "refs/tags/v1.2.3", tag: "v1.2.3", component: "", versionText: "1.2.3", scheme: .semver, normalized: "1.2.3"),
        Row(input: "refs/tags/web-v2.0.0+build.1", tag: "web-v2.0.0+build.1", component: "web", versionText: "2.0.0+build.1", scheme: .semver, normalized: "2.0.0+build.1"),
        Row(input: "aetherflow-core-v0.1.0rc1", tag: "aetherflow-core-v0.1.0rc1", component: "aetherflow-core", versionText: "0.1.0rc1", scheme: .pep440, normalized: "0.1.0rc1"),
        Row(input: "v2.0b1", tag: "v2.0b1", component: "", versionText: "2.0b1", scheme: .pep440, normalized: "2.0b1"),
        Row(input: "v0.30", tag: "v0.30", component: "", versionText: "0.30", scheme: .pep440, normalized: "0.30"),
        Row(input: "pkg_1.0.post1", tag: "pkg_1.0.post1", component: "pkg", versionText: "1.0.post1", scheme: .pep440, normalized: "1.0.post1"),
        Row(input: "v1.2.3-rc.1", choice: .pep440, tag: "v1.2.3-rc.1", component: "", versionText: "1.2.3-rc.1", scheme: .pep440, normalized: "1.2.3rc1"),
        Row(input: "v1.0.0-rc1", choice: .semver, tag: "v1.0.0-rc1", component: "", versionText: "1.0.0-rc1", scheme: .semver, normalized: "1.0.0-rc1"),
        // A `refs/tags/` prefix is only stripped at the start.
        Row(input: "x/refs/tags/v1.0.0", tag: "x/refs/tags/v1.0.0", component: "x/refs/tags", versionText: "1.0.0", scheme: .semver, normalized: "1.0.0"),
    ]

    @Test(arguments: rows)
    func splitsTags(row: Row) throws {
        let parsed = try TagName(parsing: row.input, scheme: row.choice)
        #expect(parsed.tag == row.tag)
        #expect(parsed.component == row.component)
        #expect(parsed.versionText == row.versionText)
        #expect(parsed.version.scheme == row.scheme)
        #expect(parsed.version.normalized == row.normalized)
        #expect(parsed.description == row.tag)
    }

    // The rule is "longest qualifying suffix"; these rows pin down what that
    // means when a component itself ends in something a scheme can read.
    @Test("longest suffix: pkg-1.0-1 is PEP 440 1.0.post1 of pkg, not 1 of pkg-1.0")
    func postReleaseSpellingWins() throws {
        let parsed = try TagName(parsing: "pkg-1.0-1")
        #expect(parsed.component == "pkg")
        #expect(parsed.version.normalized == "1.0.post1")
        // Under SemVer alone neither "1.0-1" nor "1" qualifies.
        #expect(throws: InputError.self) { try TagName(parsing: "pkg-1.0-1", scheme: .semver) }
    }

    @Test("longest suffix: build-2-1 is PEP 440 2.post1 of build")
    func numericTailBecomesAPostRelease() throws {
        let parsed = try TagName(parsing: "build-2-1")
        #expect(parsed.component == "build")
        #expect(parsed.version.normalized == "2.post1")
    }

    @Test("longest suffix: a date tag 2024-01-15 is component 2024 with version 1.post15")
    func dateTagsSplitSurprisingly() throws {
        let parsed = try TagName(parsing: "2024-01-15")
        #expect(parsed.component == "2024")
        #expect(parsed.versionText == "01-15")
        #expect(parsed.version.normalized == "1.post15")
    }

    @Test("longest suffix: digits ending a component stay in it when the joined text is no version")
    func componentDigitsBeforeAVersion() throws {
        // "2-v1.0.0" and "3-1.0" are valid in neither scheme.
        let parsed = try TagName(parsing: "lib-2-v1.0.0")
        #expect(parsed.component == "lib-2")
        #expect(parsed.versionText == "1.0.0")
        let other = try TagName(parsing: "app-3-1.0")
        #expect(other.component == "app-3")
        #expect(other.versionText == "1.0")
    }

    @Test("longest suffix: vv1.0 keeps one v in versionText because PEP 440 accepts v itself")
    func doubleV() throws {
        let parsed = try TagName(parsing: "vv1.0")
        #expect(parsed.component == "")
        #expect(parsed.versionText == "v1.0")
        #expect(parsed.version.normalized == "1.0")
    }

    @Test("longest suffix: release-1.0-rc1 reads the PEP 440 spelling 1.0rc1")
    func pep440SeparatorsInsideVersion() throws {
        let parsed = try TagName(parsing: "release-1.0-rc1")
        #expect(parsed.component == "release")
        #expect(parsed.version.normalized == "1.0rc1")
    }

    @Test(arguments: ["latest", "v", "release-", "", "v1.2.3/", "refs/tags/", "nightly-build", "pkgv1.2.3", "v1.2.3 extra", "-"])
    func rejectsTagsWithoutAVersion(tag: String) {
        #expect {
            try TagName(parsing: tag)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.description.hasPrefix("tag \(String(reflecting: tag)) does not end in a version: expected ")
        }
    }

    @Test func schemeRestrictsQualifyingSuffixes() {
        #expect(throws: InputError.self) { try TagName(parsing: "v2.0b1", scheme: .semver) }
        #expect(throws: InputError.self) { try TagName(parsing: "v1.2.3-rc.1.01", scheme: .pep440) }
    }

    @Test func splitsLongTagsQuickly() throws {
        let component = String(repeating: "a-", count: 2_000)
        let parsed = try TagName(parsing: component + "v1.0.0")
        #expect(parsed.component.count == 3_999)
    }
}
