import Testing
@testable import ReleaseKitCore

@Suite struct SemanticVersionTests {
    private func parse(_ text: String) throws -> SemanticVersion { try SemanticVersion(parsing: text) }

    @Test(arguments: [
        "0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7",
        "1.0.0-x.7.z.92", "1.0.0-x-y-z.--", "1.0.0-alpha+001", "1.0.0+20130313144700",
        "1.0.0-beta+exp.sha.5114f85", "1.0.0+21AF26D3----117B344092BD", "1.0.0--", "1.0.0-0A",
        "1.0.0-00A", "1.0.0+0.00.000", "99999999999999999999.99999999999999999999.99999999999999999999",
    ])
    func acceptsValidVersionsAndPrintsThemBack(text: String) throws {
        #expect(try parse(text).description == text)
    }

    @Test func splitsIntoParts() throws {
        let version = try parse("1.2.3-rc.1.x-y+build.007")
        #expect(version.major == 1)
        #expect(version.minor == 2)
        #expect(version.patch == 3)
        #expect(version.prerelease == [.alphanumeric("rc"), .numeric(1), .alphanumeric("x-y")])
        #expect(version.build == ["build", "007"])
        #expect(version.prereleaseText == "rc.1.x-y")
        #expect(version.buildText == "build.007")
        #expect(version.isPrerelease)
        #expect(version.finalRelease.description == "1.2.3")
    }

    @Test(arguments: [
        ("1.2", "found 2 parts"), ("1", "found 1 part"), ("1.2.3.4", "found 4 parts"),
        ("01.2.3", "major \"01\" has a leading zero"), ("1.02.3", "minor \"02\" has a leading zero"),
        ("1.2.03", "patch \"03\" has a leading zero"),
        ("1.2.3-01", "numeric prerelease identifier \"01\" has a leading zero"),
        ("1.2.3-alpha.01", "leading zero"),
        ("1.2.3-", "empty prerelease"), ("1.2.3+", "empty build metadata"),
        ("1.2.3-alpha..1", "empty prerelease identifier"), ("1.2.3-alpha.", "empty prerelease identifier"),
        ("1.2.3+a..b", "empty build identifier"), ("1.2.3-+b", "empty prerelease"),
        ("1.2.3-al_pha", "may only hold"), ("1.2.3+b_1", "may only hold"), ("1.2.3+a+b", "may only hold"),
        (" 1.2.3", "is not a number"), ("1.2.3 ", "patch"), ("v1.2.3", "major \"v1\" is not a number"),
        ("1.2.3\n", "patch"), ("", "found 1 part"), ("1..3", "minor \"\" is not a number"),
        ("-1.2.3", "found 1 part"), ("1.2.x", "is not a number"), ("1.2.3-é", "ASCII"), ("١.٢.٣", "ASCII"),
        ("1.2.3-\u{301}alpha", "ASCII"),
    ])
    func rejectsInvalidTextNamingTheInput(text: String, reason: String) {
        #expect(SemanticVersion.parseIfValid(text) == nil)
        do {
            _ = try parse(text)
            Issue.record("\(text) parsed")
        } catch let error as InputError {
            #expect(error.description.hasPrefix(String(reflecting: text) + " is not a valid SemVer 2.0.0 version ("))
            #expect(error.description.contains(reason))
            #expect(error.description.hasSuffix("expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func specPrecedenceChain() throws {
        let chain = try [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0",
        ].map(parse)
        for (lower, higher) in zip(chain, chain.dropFirst()) {
            #expect(lower < higher)
            #expect(lower.precedence(comparedTo: higher) == .lower)
            #expect(higher.precedence(comparedTo: lower) == .higher)
        }
        #expect(chain.reversed().sorted() == chain)
    }

    @Test(arguments: [
        ("1.0.0-2", "1.0.0-10"), ("1.0.0-10", "1.0.0-a"), ("1.0.0-B", "1.0.0-a"), ("1.0.0-Z", "1.0.0-z"),
        ("1.0.0-a", "1.0.0-a.0"), ("1.0.0-a.b", "1.0.0-a-b"), ("1.0.0-99999999999999999999", "1.0.0-100000000000000000000"),
        ("99999999999999999998.0.0", "99999999999999999999.0.0"),
    ])
    func ordersPrereleaseIdentifiers(lower: String, higher: String) throws {
        #expect(try parse(lower).precedence(comparedTo: parse(higher)) == .lower)
    }

    @Test func buildMetadataHasNoPrecedenceButKeepsValuesDistinct() throws {
        let a = try parse("1.0.0+a"), b = try parse("1.0.0+b"), plain = try parse("1.0.0")
        #expect(a.precedence(comparedTo: b) == .same)
        #expect(a.precedence(comparedTo: plain) == .same)
        #expect(a != b)
        #expect(Set([a, b, plain]).count == 3)
        // `<` breaks the precedence tie by build text, staying consistent with `==`.
        #expect(plain < a && a < b)
        #expect(try parse("1.0.0-rc.1+zzz") < parse("1.0.0+aaa"))
    }

    @Test func memberwiseInitValidatesBuild() throws {
        let version = try SemanticVersion(major: 1, minor: 0, patch: 0, prerelease: [.alphanumeric("rc"), .numeric(2)], build: ["sha", "1f"])
        #expect(version.description == "1.0.0-rc.2+sha.1f")
        #expect(throws: InputError.self) { try SemanticVersion(major: 1, minor: 0, patch: 0, build: ["bad_id"]) }
        #expect(SemanticVersion.PrereleaseIdentifier("01") == nil)
        #expect(SemanticVersion.PrereleaseIdentifier("0") == .numeric(0))
        #expect(SemanticVersion.PrereleaseIdentifier("0a") == .alphanumeric("0a"))
    }
}
