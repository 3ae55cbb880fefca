import Testing
@testable import ReleaseKitCore

@Suite struct BumpRulesTests {
    struct BumpCase: Sendable, CustomTestStringConvertible {
        /// Newest first, as `git log` lists them.
        let messages: [String]
        var isBeforeOne = false
        var options = BumpRules.Options()
        let level: BumpLevel
        var requested: BumpLevel? = nil
        var breaking = false
        var releaseAs: String? = nil

        var testDescription: String {
            "\(messages.map { String($0.prefix(30)) })\(isBeforeOne ? " <1.0" : "") → \(level)"
        }
    }

    static let table: [BumpCase] = [
        BumpCase(messages: [], level: .none),
        BumpCase(messages: ["docs: x", "chore: y", "ci: z", "refactor(core): w", "style: v", "test: u", "build: t"],
                 level: .none),
        BumpCase(messages: ["Merge branch 'x'", "update readme", "fix:x"], level: .none),
        BumpCase(messages: ["release(core): 1.2.0"], level: .none),
        BumpCase(messages: ["fix: a"], level: .patch),
        BumpCase(messages: ["perf: a"], level: .patch),
        BumpCase(messages: ["revert: feat: x\n\nRefs: abc1234"], level: .patch),
        BumpCase(messages: ["Revert \"feat: x\"\n\nThis reverts commit abc1234."], level: .patch),
        BumpCase(messages: ["Fix(API): a"], level: .patch),
        BumpCase(messages: ["fix: a", "feat: b", "docs: c"], level: .minor),
        BumpCase(messages: ["feat: b", "chore(deps)!: drop node 14", "fix: c"], level: .major, breaking: true),
        BumpCase(messages: ["docs: x\n\nBREAKING CHANGE: the config moved"], level: .major, breaking: true),
        BumpCase(messages: ["fix: x\n\nBREAKING-CHANGE: y"], level: .major, breaking: true),
        BumpCase(messages: ["feat: x\n\nbreaking change: lowercase is prose"], level: .minor),
        BumpCase(messages: ["feat: x\n\nBreaking-Change: another token"], level: .minor),
        BumpCase(messages: ["Update things\n\nBREAKING CHANGE: not conventional"], level: .none),

        // Release-As: newest commit wins, token in any case, value kept as text.
        BumpCase(messages: ["chore: release\n\nRelease-As: 2.0.0"], level: .none, releaseAs: "2.0.0"),
        BumpCase(messages: ["fix: a\n\nRelease-As: 3.0.0", "feat: b\n\nRelease-As: 2.0.0"],
                 level: .minor, releaseAs: "3.0.0"),
        BumpCase(messages: ["fix: a", "feat: b\n\nrelease-as: 1.5.0rc1"], level: .minor, releaseAs: "1.5.0rc1"),
        BumpCase(messages: ["chore: x\n\nRelease-As: 1.0.0\nRelease-As: 1.1.0"], level: .none, releaseAs: "1.1.0"),
        BumpCase(messages: ["Prepare the release\n\nRelease-As: 2.0.0"], level: .none),
        BumpCase(messages: ["chore: x\n\nRelease-As #2.0.0"], level: .none),

        // Before 1.0.0.
        BumpCase(messages: ["feat!: x"], isBeforeOne: true, level: .minor, requested: .major, breaking: true),
        BumpCase(messages: ["feat!: x"], isBeforeOne: true, options: .init(breakingBumpsMinorBeforeOne: false),
                 level: .major, breaking: true),
        BumpCase(messages: ["feat: x", "fix: y"], isBeforeOne: true, level: .minor),
        BumpCase(messages: ["feat: x"], isBeforeOne: true, options: .init(featureBumpsPatchBeforeOne: true),
                 level: .patch, requested: .minor),
        BumpCase(messages: ["feat!: x", "feat: y"], isBeforeOne: true,
                 options: .init(breakingBumpsMinorBeforeOne: true, featureBumpsPatchBeforeOne: true),
                 level: .minor, requested: .major, breaking: true),
        BumpCase(messages: ["fix: x"], isBeforeOne: true,
                 options: .init(breakingBumpsMinorBeforeOne: true, featureBumpsPatchBeforeOne: true), level: .patch),
        BumpCase(messages: ["docs: x"], isBeforeOne: true, level: .none),
        // From 1.0.0 on the options change nothing.
        BumpCase(messages: ["feat!: x"], options: .init(breakingBumpsMinorBeforeOne: true), level: .major, breaking: true),
        BumpCase(messages: ["feat: x"], options: .init(featureBumpsPatchBeforeOne: true), level: .minor),
    ]

    @Test(arguments: table)
    func decides(_ test: BumpCase) {
        let decision = BumpRules.decide(
            test.messages.map { ParsedCommit(message: $0) }, isBeforeOne: test.isBeforeOne, options: test.options)
        #expect(decision.level == test.level)
        #expect(decision.requestedLevel == (test.requested ?? test.level))
        #expect(decision.hasBreakingChanges == test.breaking)
        #expect(decision.releaseAs == test.releaseAs)
    }

    @Test(arguments: [
        ("feat: x", BumpLevel.minor), ("fix: x", .patch), ("perf: x", .patch), ("revert: x", .patch),
        ("Revert \"x\"", .patch), ("chore: x", .none), ("chore!: x", .major), ("whatever", .none),
    ])
    func levelOfOneCommit(message: String, level: BumpLevel) {
        #expect(BumpRules.level(of: ParsedCommit(message: message)) == level)
    }

    @Test func levelsAreOrdered() {
        #expect(BumpLevel.allCases == [.none, .patch, .minor, .major])
        #expect(BumpLevel.allCases.sorted() == BumpLevel.allCases)
        #expect([BumpLevel.patch, .major, .minor].max() == .major)
        #expect(BumpLevel.minor.description == "minor")
        #expect(BumpLevel(rawValue: "patch") == .patch)
    }

    @Test func acceptsAnySequenceOfCommits() {
        let commits = ["fix: a", "feat: b"].lazy.map { ParsedCommit(message: $0) }
        #expect(BumpRules.decide(commits, isBeforeOne: false).level == .minor)
    }
}
