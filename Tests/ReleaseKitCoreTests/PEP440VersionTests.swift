import Testing
@testable import ReleaseKitCore

@Suite struct PEP440VersionTests {
    private func parse(_ text: String) throws -> PEP440Version { try PEP440Version(parsing: text) }

    /// Expected strings are what `str(packaging.version.Version(text))` prints.
    @Test(arguments: [
        ("1.2.3", "1.2.3"), ("v1.2.3", "1.2.3"), ("V1.2.3", "1.2.3"), ("v1.2.3-rc1", "1.2.3rc1"),
        ("1.2.3-rc.1", "1.2.3rc1"), ("1.0preview2", "1.0rc2"), ("1.0-preview-2", "1.0rc2"), ("1.0pre", "1.0rc0"),
        ("1.0c1", "1.0rc1"), ("1.0C1", "1.0rc1"), ("1.0RC1", "1.0rc1"), ("1.0alpha", "1.0a0"), ("1.0-Beta_2", "1.0b2"),
        ("1.0.a.1", "1.0a1"), ("1.0-1", "1.0.post1"), ("1.0.post", "1.0.post0"), ("1.0-r4", "1.0.post4"),
        ("1.0rev", "1.0.post0"), ("1.0-post-2", "1.0.post2"), ("1.0.POST2", "1.0.post2"), ("1.0r", "1.0.post0"),
        ("1!2.0", "1!2.0"), ("0!2.0", "2.0"), ("007!1.0", "7!1.0"), ("1.0.dev0", "1.0.dev0"), ("1.0dev", "1.0.dev0"),
        ("1.0-dev-3", "1.0.dev3"), ("1.0_DEV_3", "1.0.dev3"), ("1.0+ubuntu-1", "1.0+ubuntu.1"), ("1.0+Ubuntu_01.B", "1.0+ubuntu.1.b"),
        ("1.01.002", "1.1.2"), ("  1.0\t", "1.0"), ("\u{2003}v1.0\u{3000}", "1.0"), ("\n1.0\n", "1.0"),
        ("1.0a1.post2.dev3+abc", "1.0a1.post2.dev3+abc"), ("1.0a.-5", "1.0a0.post5"), ("1.0rc-r1", "1.0rc0.post1"),
        ("1.0a-1", "1.0a1"), ("1.0.post.dev", "1.0.post0.dev0"), ("1.0.0.0.0", "1.0.0.0.0"), ("0", "0"),
        ("1.0-1.dev2", "1.0.post1.dev2"), ("99999999999999999999.1", "99999999999999999999.1"),
    ])
    func normalisesLikePackaging(text: String, canonical: String) throws {
        #expect(try parse(text).description == canonical)
    }

    @Test(arguments: [
        "", " ", "v", "1.0.0-alpha.beta", "1.0.", ".1", "1..0", "1.0-", "1.0+", "1.0+abc.", "1.0+abc..d", "1.0_1",
        "1.0-1-2", "a1.0", "1.0a1b1", "1.0 1", "v 1.0", "vv1.0", "1.0.0-rc.1.2", "1!", "!1.0", "1.0+é", "١.٠",
        "1.0dev.post1", "1.0.post1.a1", "1.0+local+more", "1.0-rc.1+build.2.", "1.0\u{0}", "1.0\u{200B}",
    ])
    func rejectsInvalidText(text: String) {
        #expect(PEP440Version.parseIfValid(text) == nil)
        #expect {
            try parse(text)
        } throws: { error in
            let message = (error as? InputError)?.description ?? ""
            return message.hasPrefix(String(reflecting: text) + " is not a valid PEP 440 version: expected ")
        }
    }

    @Test func exposesParts() throws {
        let version = try parse("2!1.2rc3.post4.dev5+Ubuntu-07.x")
        #expect(version.epoch == 2)
        #expect(version.release == [1, 2])
        #expect(version.pre == .init(.releaseCandidate, 3))
        #expect(version.post == 4)
        #expect(version.dev == 5)
        #expect(version.local == "ubuntu.7.x")
        #expect(version.localSegments == [.text("ubuntu"), .number(7), .text("x")])
        #expect(version.isPrerelease && version.isDevRelease && version.isPostRelease)
        #expect(version.releaseParts(3) == [1, 2, 0])
        #expect(version.suffixText == "rc3.post4.dev5")
        #expect(version.publicVersion.description == "2!1.2rc3.post4.dev5")
        #expect(version.baseVersion.description == "2!1.2")
    }

    @Test(arguments: [
        ("1.0", false, false, false), ("1.0rc1", true, false, false), ("1.0.dev1", true, true, false),
        ("1.0.post1", false, false, true), ("1.0.post1.dev1", true, true, true), ("1.0+local", false, false, false),
    ])
    func classifies(text: String, prerelease: Bool, dev: Bool, post: Bool) throws {
        let version = try parse(text)
        #expect(version.isPrerelease == prerelease)
        #expect(version.isDevRelease == dev)
        #expect(version.isPostRelease == post)
    }

    /// Strictly ascending, as packaging sorts them.
    @Test func ordersLikePackaging() throws {
        let chain = try [
            "1.0.dev0", "1.0.dev1", "1.0a1.dev1", "1.0a1", "1.0a1.post1.dev1", "1.0a1.post1", "1.0a2", "1.0b1.dev3",
            "1.0b1", "1.0rc1", "1.0", "1.0+abc", "1.0+abc.5", "1.0+0", "1.0+5", "1.0+5.abc", "1.0+10",
            "1.0.post1.dev1", "1.0.post1", "1.0.post1+local", "1.0.1.dev1", "1.0.1", "1.1", "1.10", "2.0", "1!0.1",
        ].map(parse)
        for (lower, higher) in zip(chain, chain.dropFirst()) {
            #expect(lower.precedence(comparedTo: higher) == .lower, "\(lower) < \(higher)")
            #expect(lower < higher)
        }
        #expect(chain.reversed().sorted() == chain)
    }

    @Test(arguments: [
        ("1.0", "1.0.0"), ("1", "1.0.0.0"), ("1.0+ABC", "1.0+abc"), ("1.0+a-b", "1.0+a.b"), ("1.0+01", "1.0+1"),
        ("1.0c1", "1.0rc1"), ("v1.0-1", "1.0.post1"), ("0!1.0", "1.0"),
    ])
    func treatsSpellingsAsSamePrecedence(left: String, right: String) throws {
        #expect(try parse(left).precedence(comparedTo: parse(right)) == .same)
    }

    @Test func trailingZerosDifferInValueButNotPrecedence() throws {
        let short = try parse("1.0"), long = try parse("1.0.0")
        #expect(short != long)
        #expect(short < long)
        #expect(try parse("1.0c1") == parse("1.0rc1"))
    }

    @Test func memberwiseInitValidates() throws {
        #expect(try PEP440Version(release: [1, 0], pre: .init(.beta, 2), local: [.text("cpu"), .number(1)]).description == "1.0b2+cpu.1")
        #expect(throws: InputError.self) { try PEP440Version(release: []) }
        #expect(throws: InputError.self) { try PEP440Version(release: [1], local: [.text("A")]) }
        #expect(throws: InputError.self) { try PEP440Version(release: [1], local: []) }
    }
}
