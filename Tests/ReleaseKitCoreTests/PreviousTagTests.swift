import Testing
@testable import ReleaseKitCore

@Suite struct PreviousTagTests {
    static let tags = [
        "v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0-rc.1", "v1.3.0-rc.2", "v1.3.0", "v1.3.1",
        "v2.0.0-alpha.1", "v2.0.0-beta.1",
        "web-v0.9.0", "web-v1.0.0-rc.1", "web-v1.0.0", "web-v1.1.0-beta.1",
        "api-v0.1.0-alpha.1", "api-v0.1.0-beta.1", "api-v1.0.0-rc.1",
        "py-0.9", "py-1.0rc1", "py-1.0", "py-1.0.post1", "py-1.1.dev1", "py-1.1a1",
        "latest", "nightly", "v9.9", "web-vercel-v5.0.0",
    ]

    @Test(arguments: [
        ("v1.3.0", "v1.2.0"),                 // skips its own rcs
        ("v1.3.0-rc.2", "v1.3.0-rc.1"),
        ("v1.3.0-rc.1", "v1.2.0"),
        ("v1.3.1", "v1.3.0"),
        ("v1.4.0", "v1.3.1"),                 // not yet tagged: still works
        ("v2.0.0", "v1.3.1"),                 // a final skips older prereleases too
        ("v2.0.0-beta.1", "v2.0.0-alpha.1"),
        ("v2.0.0-alpha.1", "v1.3.1"),
        ("v1.0.0", nil),                      // first release of the component
        ("web-v1.0.0", "web-v0.9.0"),
        ("web-v1.1.0", "web-v1.0.0"),
        ("refs/tags/web-v1.1.0-beta.1", "web-v1.0.0"),
        ("web-v0.9.0", nil),
        ("api-v1.0.0", "api-v0.1.0-beta.1"),  // no earlier final: falls back to an older release's prerelease
        ("api-v1.0.0-rc.1", "api-v0.1.0-beta.1"),
        ("api-v0.1.0", nil),                  // only its own prereleases came before
        ("py-1.0", "py-0.9"),
        ("py-1.0.post1", "py-1.0"),
        ("py-1.1", "py-1.0.post1"),           // skips 1.1a1 and 1.1.dev1
        ("py-1.1a1", "py-1.1.dev1"),
        ("py-1.1.dev1", "py-1.0.post1"),
        ("web-vercel-v5.0.1", "web-vercel-v5.0.0"),
    ] as [(String, String?)])
    func picksThePreviousTag(current: String, expected: String?) throws {
        #expect(try PreviousTag.find(in: Self.tags, before: current)?.tag == expected)
    }

    @Test func ignoresOtherSchemesUnderAuto() throws {
        // v9.9 is PEP 440 under auto, so it is no candidate for the SemVer v10.0.0.
        #expect(try PreviousTag.find(in: Self.tags, before: "v10.0.0")?.tag == "v1.3.1")
        #expect(try PreviousTag.find(in: Self.tags, before: "v10.0")?.tag == "v9.9")
    }

    @Test func usesTheSchemeChoiceForEveryTag() throws {
        // Under PEP 440 every plain tag of the empty component is comparable.
        #expect(try PreviousTag.find(in: Self.tags, before: "v10.0.0", scheme: .pep440)?.tag == "v9.9")
        #expect(try PreviousTag.find(in: ["v1.0rc1", "v1.0.0-rc.1", "v0.9.0"], before: "v1.0.0", scheme: .semver)?.tag == "v0.9.0")
    }

    @Test func equalPrecedenceIsNotEarlier() throws {
        let tags = ["v1.0.0+build.1", "v1.0.0", "1.0.0", "v0.9.0"]
        #expect(try PreviousTag.find(in: tags, before: "v1.0.0+build.2")?.tag == "v0.9.0")
        let pep = ["1.0", "1.0.0", "0.9"]
        #expect(try PreviousTag.find(in: pep, before: "1.0.0.0", scheme: .pep440)?.tag == "0.9")
    }

    @Test func tiesBetweenSpellingsGoToTheSmallestTagName() throws {
        let tags = ["v1.0.0", "1.0.0", "v2.0.0"]
        #expect(try PreviousTag.find(in: tags, before: "v2.0.0")?.tag == "1.0.0")
        #expect(try PreviousTag.find(in: tags.reversed(), before: "v2.0.0")?.tag == "1.0.0")
    }

    @Test func throwsForACurrentTagWithoutVersion() {
        #expect(throws: InputError.self) { try PreviousTag.find(in: Self.tags, before: "latest") }
    }

    @Test func findsThePreviousAmongFiveThousandTags() throws {
        var tags: [String] = []
        for major in 0..<10 {
            for minor in 0..<100 {
                tags.append("svc-v\(major).\(minor).0")
                tags.append("svc-v\(major).\(minor).1-rc.1")
                tags.append("other-v\(major).\(minor).0")
                tags.append("py-\(major).\(minor)rc1")
                tags.append("junk-\(major)-\(minor)-x")
            }
        }
        #expect(tags.count == 5_000)
        // Speed is measured in scripts/bench (parse-tag); here, the answer over 5,000 tags.
        let found = try PreviousTag.find(in: tags.shuffled(), before: "svc-v9.99.1")
        #expect(found?.tag == "svc-v9.99.0")
    }
}
