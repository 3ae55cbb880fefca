import Testing
@testable import ReleaseKitCore

@Suite struct ReleaseOrderTests {
    func order(_ names: [String], scheme: VersionSchemeChoice = .auto) throws -> ReleaseOrder {
        ReleaseOrder(try names.map { try TagName(parsing: $0, scheme: scheme) })
    }

    @Test func sortsByPrecedenceNotByName() throws {
        let order = try order(["v1.10.0", "v1.2.0", "v1.2.0-rc.1", "v1.9.0", "v1.2.0-beta.11", "v1.2.0-beta.2"])
        #expect(order.tags.map(\.tag) == ["v1.2.0-beta.2", "v1.2.0-beta.11", "v1.2.0-rc.1", "v1.2.0", "v1.9.0", "v1.10.0"])
    }

    @Test func previousFollowsTheParseTagRule() throws {
        let order = try order(["v1.2.0", "v1.3.0-rc.1", "v1.3.0-rc.2", "v1.3.0", "v1.3.1"])
        let previous = order.previous.map { $0.map { order.tags[$0].tag } }
        #expect(previous == [nil, "v1.2.0", "v1.3.0-rc.1", "v1.2.0", "v1.3.0"])
    }

    @Test func minoritySchemeIsIgnored() throws {
        let order = try order(["v1.0.0", "v1.1.0", "v0.30"])
        #expect(order.tags.map(\.tag) == ["v1.0.0", "v1.1.0"])
        #expect(order.ignored.map(\.tag) == ["v0.30"])
    }

    /// The one-pass chain must agree with `PreviousTag.find` for every tag, on the
    /// parse-tag table and on generated lists with ties, prereleases and post releases.
    @Test(arguments: ["", "web", "api", "py"])
    func agreesWithPreviousTagOnTheTable(component: String) throws {
        let names = PreviousTagTests.tags.compactMap { try? TagName(parsing: $0) }.filter { $0.component == component }
        try checkAgreement(names.map(\.tag))
    }

    @Test(arguments: 0..<20)
    func agreesWithPreviousTagOnGeneratedLists(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed) + 1)
        let semver = seed % 2 == 0
        var names: Set<String> = []
        for _ in 0..<40 {
            let minor = Int.random(in: 0...3, using: &generator)
            let patch = Int.random(in: 0...2, using: &generator)
            let kind = Int.random(in: 0...5, using: &generator)
            let number = Int.random(in: 1...3, using: &generator)
            if semver {
                switch kind {
                case 0: names.insert("v1.\(minor).\(patch)-rc.\(number)")
                case 1: names.insert("v1.\(minor).\(patch)-alpha.\(number)")
                case 2: names.insert("v1.\(minor).\(patch)+build.\(number)")
                default: names.insert("v1.\(minor).\(patch)")
                }
            } else {
                switch kind {
                case 0: names.insert("1.\(minor).\(patch)rc\(number)")
                case 1: names.insert("1.\(minor).\(patch).dev\(number)")
                case 2: names.insert("1.\(minor).\(patch).post\(number)")
                case 3: names.insert("1.\(minor)" + (patch == 0 ? "" : ".\(patch)"))
                default: names.insert("1.\(minor).\(patch)")
                }
            }
        }
        try checkAgreement(Array(names), scheme: semver ? .semver : .pep440)
    }

    func checkAgreement(_ names: [String], scheme: VersionSchemeChoice = .auto) throws {
        let order = try order(names, scheme: scheme)
        for (index, tag) in order.tags.enumerated() {
            let expected = PreviousTag.find(in: names, before: tag, scheme: scheme)?.tag
            #expect(order.previous[index].map { order.tags[$0].tag } == expected, "previous of \(tag.tag)")
        }
    }
}

/// A small deterministic generator (SplitMix64), so generated cases are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
