import Testing
import ReleaseKitCore

/// The one order of releases (precedence, then tag name) and the one leading-`v` rule.
@Suite struct ReleaseRankTests {
    static func release(_ tag: String) throws -> TaggedVersion {
        TaggedVersion(tag: tag, version: try Version.parse(typed: tag, scheme: .semver))
    }

    @Test(arguments: [
        // tags in any order, the highest
        (["v1.0.0", "v1.2.0", "v1.10.0"], "v1.10.0"),
        (["v2.0.0-rc.1", "v1.9.0"], "v2.0.0-rc.1"),
        (["v1.0.0+b", "v1.0.0+a", "v1.0.0+c"], "v1.0.0+a"),
        (["V1.0.0", "v1.0.0"], "V1.0.0"),
    ])
    func highest(tags: [String], expected: String) throws {
        let releases = try tags.map(Self.release)
        #expect(ReleaseRank.highest(releases)?.tag == expected)
        #expect(ReleaseRank.highest(releases.reversed())?.tag == expected)
    }

    @Test func theHighestOfNothingIsNothing() {
        #expect(ReleaseRank.highest([TaggedVersion]()) == nil)
    }

    @Test(arguments: [
        ("v1.0.0", "v1.0.1", true),
        ("v1.0.1", "v1.0.0", false),
        ("v1.0.0+a", "v1.0.0+b", true),
        ("v1.0.0+b", "v1.0.0+a", false),
    ])
    func precedes(left: String, right: String, expected: Bool) throws {
        #expect(ReleaseRank.precedes(try Self.release(left), try Self.release(right)) == expected)
    }

    @Test(arguments: [("v1.2.3", "1.2.3"), ("V1.2.3", "1.2.3"), ("1.2.3", "1.2.3"), ("vv1", "v1"), ("", "")])
    func strippingV(text: String, expected: String) {
        #expect(VersionText.strippingV(text) == expected)
    }
}
