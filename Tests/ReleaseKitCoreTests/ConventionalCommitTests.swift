import Foundation
import Testing
@testable import ReleaseKitCore

private func footer(_ token: String, _ value: String, _ separator: CommitFooter.Separator = .colon) -> CommitFooter {
    CommitFooter(token: token, separator: separator, value: value)
}

@Suite struct ConventionalCommitTests {
    /// What a reader of the changelog would check about one message.
    struct Reading: Sendable {
        var type: String
        var scope: String? = nil
        var description: String
        var breaking = false
        var note: String? = nil
        var body: String? = nil
        var footers: [CommitFooter] = []
    }

    struct MessageCase: Sendable, CustomTestStringConvertible {
        let message: String
        /// `nil`: the message is not conventional.
        let reading: Reading?
        var testDescription: String { String(reflecting: message.prefix(60)) }

        init(_ message: String, _ reading: Reading?) {
            self.message = message
            self.reading = reading
        }
    }

    static let table: [MessageCase] = [
        // Headers.
        .init("feat: x", Reading(type: "feat", description: "x")),
        .init("feat(api): x", Reading(type: "feat", scope: "api", description: "x")),
        .init("feat(api)!: x", Reading(type: "feat", scope: "api", description: "x", breaking: true, note: "x")),
        .init("feat!: x", Reading(type: "feat", description: "x", breaking: true, note: "x")),
        .init("fix:x", nil),
        .init("feat : x", nil),
        .init("feat:\tx", nil),
        .init("feat!(api): x", nil),
        .init("feat: ", nil),
        .init("feat:", nil),
        .init("feat(api): ", nil),
        .init("feat(api: x", nil),
        .init("123: fix typo", nil),
        .init(" feat: leading space", nil),
        .init("feat(): x", Reading(type: "feat", description: "x")),
        .init("feat(  ): x", Reading(type: "feat", description: "x")),
        .init("feat( api ): x", Reading(type: "feat", scope: "api", description: "x")),
        .init("Feat(API): X", Reading(type: "feat", scope: "API", description: "X")),
        .init("FIX: Y", Reading(type: "fix", description: "Y")),
        .init("feat(scope with spaces): x", Reading(type: "feat", scope: "scope with spaces", description: "x")),
        .init("feat(a(b)): x", nil),
        .init("feat(a(b): x", Reading(type: "feat", scope: "a(b", description: "x")),
        .init("build-deps_v2(npm): bump", Reading(type: "build-deps_v2", scope: "npm", description: "bump")),
        .init("chore(deps)!: drop node 14",
              Reading(type: "chore", scope: "deps", description: "drop node 14", breaking: true, note: "drop node 14")),
        .init("feat:   padded   ", Reading(type: "feat", description: "padded")),
        .init("fix: a: b: c", Reading(type: "fix", description: "a: b: c")),
        .init("\n\n  \nfeat: after blank lines", Reading(type: "feat", description: "after blank lines")),
        .init("Merge branch 'x'", nil),
        .init("Merge pull request #12 from a/b", nil),
        .init("release(core): 1.2.0", Reading(type: "release", scope: "core", description: "1.2.0")),

        // Bodies.
        .init("feat: x\n\npara one\nline two\n\n\npara two",
              Reading(type: "feat", description: "x", body: "para one\nline two\n\n\npara two")),
        .init("feat: x\nno blank line before the body",
              Reading(type: "feat", description: "x", body: "no blank line before the body")),
        .init("feat: x   \n\nbody   \n  \n\n",
              Reading(type: "feat", description: "x", body: "body")),
        .init("feat: x\n\nSee https://example.com/a:b for details",
              Reading(type: "feat", description: "x", body: "See https://example.com/a:b for details")),
        .init("feat: x\n\nNote: this matters.\n\nMore body text.",
              Reading(type: "feat", description: "x", body: "Note: this matters.\n\nMore body text.")),
        .init("feat: x\n\nKey:value is not a footer",
              Reading(type: "feat", description: "x", body: "Key:value is not a footer")),
        .init("feat: x\n\nSteps:\n1. run",
              Reading(type: "feat", description: "x", body: "Steps:\n1. run")),

        // Footers.
        .init("feat: x\n\nbody\n\nRefs: #1",
              Reading(type: "feat", description: "x", body: "body", footers: [footer("Refs", "#1")])),
        .init("fix: y\n\nRefs #123",
              Reading(type: "fix", description: "y", footers: [footer("Refs", "123", .hash)])),
        .init("fix: y\n\nCloses #12, #13\nRefs: JIRA-7",
              Reading(type: "fix", description: "y", footers: [footer("Closes", "12, #13", .hash), footer("Refs", "JIRA-7")])),
        .init("feat: x\n\nThe change.\n\nSigned-off-by: Ann <ann@example.com>\nCo-authored-by: Bob <bob@example.com>",
              Reading(type: "feat", description: "x", body: "The change.", footers: [
                  footer("Signed-off-by", "Ann <ann@example.com>"),
                  footer("Co-authored-by", "Bob <bob@example.com>"),
              ])),
        .init("feat: x\n\nRefs: #1\n\nSigned-off-by: Ann <a@x>",
              Reading(type: "feat", description: "x", footers: [footer("Refs", "#1"), footer("Signed-off-by", "Ann <a@x>")])),
        .init("feat: x\n\nReviewed-by: Z\n  and also Y",
              Reading(type: "feat", description: "x", footers: [footer("Reviewed-by", "Z\n  and also Y")])),
        .init("feat: x\n\nIntro\nRefs: #1",
              Reading(type: "feat", description: "x", body: "Intro\nRefs: #1")),

        // Breaking changes.
        .init("feat: x\n\nBREAKING CHANGE: config moved",
              Reading(type: "feat", description: "x", breaking: true, note: "config moved",
                      footers: [footer("BREAKING CHANGE", "config moved")])),
        .init("feat: x\n\nBREAKING-CHANGE: config moved",
              Reading(type: "feat", description: "x", breaking: true, note: "config moved",
                      footers: [footer("BREAKING-CHANGE", "config moved")])),
        .init("feat: x\n\nbody\n\nBREAKING CHANGE: config moved\nto a new file.\n\nMigrate with `tool migrate`.\nReviewed-by: Z",
              Reading(type: "feat", description: "x", breaking: true,
                      note: "config moved\nto a new file.\n\nMigrate with `tool migrate`.",
                      body: "body",
                      footers: [
                          footer("BREAKING CHANGE", "config moved\nto a new file.\n\nMigrate with `tool migrate`."),
                          footer("Reviewed-by", "Z"),
                      ])),
        .init("feat: x\n\nBREAKING CHANGE:\n  the note is below",
              Reading(type: "feat", description: "x", breaking: true, note: "  the note is below",
                      footers: [footer("BREAKING CHANGE", "  the note is below")])),
        .init("feat: x\n\nBREAKING CHANGE:",
              Reading(type: "feat", description: "x", breaking: true, note: "x",
                      footers: [footer("BREAKING CHANGE", "")])),
        .init("feat!: x\n\nBREAKING CHANGE: the footer wins",
              Reading(type: "feat", description: "x", breaking: true, note: "the footer wins",
                      footers: [footer("BREAKING CHANGE", "the footer wins")])),
        .init("feat: x\n\nBREAKING CHANGE: a\nBREAKING-CHANGE: b",
              Reading(type: "feat", description: "x", breaking: true, note: "a\n\nb",
                      footers: [footer("BREAKING CHANGE", "a"), footer("BREAKING-CHANGE", "b")])),
        .init("feat: x\n\nBREAKING CHANGE #42",
              Reading(type: "feat", description: "x", breaking: true, note: "42",
                      footers: [footer("BREAKING CHANGE", "42", .hash)])),
        .init("feat: x\n\nbreaking change: lowercase is prose",
              Reading(type: "feat", description: "x", body: "breaking change: lowercase is prose")),
        .init("feat: x\n\nBreaking-Change: mixed case is another token",
              Reading(type: "feat", description: "x",
                      footers: [footer("Breaking-Change", "mixed case is another token")])),
        .init("feat: x\n\nBREAKING CHANGES: plural is not the token",
              Reading(type: "feat", description: "x", body: "BREAKING CHANGES: plural is not the token")),
        .init("feat: x\n\nBREAKING CHANGE: in the body\n\nbut followed by a paragraph",
              Reading(type: "feat", description: "x", breaking: true,
                      note: "in the body\n\nbut followed by a paragraph",
                      footers: [footer("BREAKING CHANGE", "in the body\n\nbut followed by a paragraph")])),

        // Line endings and odd text.
        .init("feat(api)!: x\r\n\r\nbody line\r\nsecond\r\n\r\nBREAKING CHANGE: y\r\nRefs #9\r\n",
              Reading(type: "feat", scope: "api", description: "x", breaking: true, note: "y",
                      body: "body line\nsecond",
                      footers: [footer("BREAKING CHANGE", "y"), footer("Refs", "9", .hash)])),
        .init("feat: x\rBREAKING CHANGE: y",
              Reading(type: "feat", description: "x\rBREAKING CHANGE: y")),
        .init("feat: caf\u{E9} \u{1F680}\u{0}\u{FFFD}", Reading(type: "feat", description: "caf\u{E9} \u{1F680}\u{0}\u{FFFD}")),
        .init("feat\u{301}: combining mark after the type", nil),

        // Reverts, both spellings.
        .init("Revert \"feat: add x\"\n\nThis reverts commit abc123.",
              Reading(type: "revert", description: "feat: add x", body: "This reverts commit abc123.")),
        .init("revert: feat: x\n\nRefs: 676104e, a215868",
              Reading(type: "revert", description: "feat: x", footers: [footer("Refs", "676104e, a215868")])),
        .init("Revert \"\"", nil),
        .init("Revert feat: x", nil),
    ]

    @Test(arguments: table)
    func readsMessage(_ test: MessageCase) {
        let parsed = ParsedCommit(message: test.message)
        guard let expected = test.reading else {
            #expect(parsed.conventional == nil)
            #expect(ConventionalCommit(message: test.message) == nil)
            return
        }
        guard let commit = parsed.conventional else {
            Issue.record("not read as conventional: \(parsed)")
            return
        }
        #expect(commit.type == expected.type)
        #expect(commit.scope == expected.scope)
        #expect(commit.description == expected.description)
        #expect(commit.isBreaking == expected.breaking)
        #expect(commit.breakingNote == expected.note)
        #expect(commit.body == expected.body)
        #expect(commit.footers == expected.footers)
        #expect(ConventionalCommit(message: test.message) == commit)
    }

    @Test func keepsTheSpellingOfTypeAndHeader() throws {
        let commit = try #require(ConventionalCommit(message: "Feat(API)!: X  \r\n"))
        #expect(commit.rawType == "Feat")
        #expect(commit.type == "feat")
        #expect(commit.header == "Feat(API)!: X")
        #expect(commit.hasBreakingMarker)
    }

    @Test func otherMessagesKeepSubjectAndBody() {
        #expect(ParsedCommit(message: "Merge branch 'x'\n\n* branch x:\n  fix: y\n")
            == .other(subject: "Merge branch 'x'", body: "* branch x:\n  fix: y"))
        #expect(ParsedCommit(message: "  update readme  \r\n\r\nSigned-off-by: A <a@x>")
            == .other(subject: "update readme", body: "Signed-off-by: A <a@x>"))
        #expect(ParsedCommit(message: "fix:x").subject == "fix:x")
    }

    @Test(arguments: ["", " ", "\n", "\r\n\r\n", " \t\n\u{B}\u{C}\n  "])
    func emptyMessagesAreOther(_ message: String) {
        #expect(ParsedCommit(message: message) == .other(subject: "", body: nil))
    }

    @Test func gitRevertNamesSubjectAndCommit() throws {
        let message = "Revert \"feat(api): add x\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\n"
        let commit = try #require(ConventionalCommit(message: message))
        #expect(commit.type == "revert")
        #expect(commit.rawType == "Revert")
        #expect(commit.header == "Revert \"feat(api): add x\"")
        #expect(commit.revert == RevertedCommit(subject: "feat(api): add x",
                                                shas: ["0123456789abcdef0123456789abcdef01234567"]))
        // What was reverted can itself be read.
        #expect(ConventionalCommit(message: try #require(commit.revert).subject)?.scope == "api")
    }

    @Test func revertOfARevertKeepsInnerQuotes() throws {
        let commit = try #require(ConventionalCommit(message: "Revert \"Revert \"feat: x\"\"\n\nThis reverts commit abcdef1."))
        #expect(commit.revert?.subject == "Revert \"feat: x\"")
        #expect(commit.revert?.sha == "abcdef1")
    }

    @Test func conventionalRevertReadsRefsAndRevertLines() throws {
        let commit = try #require(ConventionalCommit(
            message: "revert: let us never again speak of the noodle incident\n\nRefs: 676104e, a215868"))
        #expect(commit.revert == RevertedCommit(
            subject: "let us never again speak of the noodle incident", shas: ["676104e", "a215868"]))

        let withLine = try #require(ConventionalCommit(
            message: "Revert(api): feat: x\n\nThis reverts commit abc1234.\n\nRefs: #12"))
        #expect(withLine.type == "revert")
        #expect(withLine.revert == RevertedCommit(subject: "feat: x", shas: ["abc1234"]))

        #expect(try #require(ConventionalCommit(message: "feat: x\n\nThis reverts commit abc1234.")).revert == nil)
        #expect(try #require(ConventionalCommit(message: "revert: x")).revert == RevertedCommit(subject: "x"))
    }

    @Test func footersByTokenIgnoreCase() throws {
        let commit = try #require(ConventionalCommit(
            message: "chore: release\n\nrelease-as: 2.0.0\nRelease-As: 2.1.0\nRefs #4"))
        #expect(commit.footers(withToken: "Release-As").map(\.value) == ["2.0.0", "2.1.0"])
        #expect(commit.footers(withToken: "REFS").map(\.text) == ["Refs #4"])
        #expect(commit.footers(withToken: "Release").isEmpty)
    }

    @Test(arguments: [
        ("release(core): 1.2.0", true),
        ("release: 1.2.0", true),
        ("release(a b/c): 1.2.0 [skip ci]", true),
        ("release(): 1.2.0", false),
        ("Release: 1.2.0", false),
        ("release(core)!: 1.2.0", false),
        ("release(core):1.2.0", false),
        ("releases: 1.2.0", false),
        ("chore(release): 1.2.3 [skip ci]", false),
        ("release(core: 1.2.0", false),
        ("", false),
    ])
    func recognisesReleaseCommits(subject: String, isRelease: Bool) {
        #expect(ParsedCommit.isReleaseSubject(subject) == isRelease)
        #expect(ParsedCommit(message: subject + "\n\nbody").isReleaseCommit == isRelease)
    }

    @Test func footerHelpers() {
        #expect(footer("BREAKING CHANGE", "x").isBreakingChange)
        #expect(footer("BREAKING-CHANGE", "x").isBreakingChange)
        #expect(!footer("Breaking-Change", "x").isBreakingChange)
        #expect(footer("Refs", "12", .hash).text == "Refs #12")
        #expect(footer("Co-authored-by", "A").hasToken("co-AUTHORED-by"))
    }

    // MARK: Hostile and large input

    @Test func megabyteMessagesParse() throws {
        let megabyte = 1 << 20
        let longSubject = "feat: " + String(repeating: "a", count: megabyte)
        #expect(ConventionalCommit(message: longSubject)?.description.utf8.count == megabyte)

        let unclosedScope = "feat(" + String(repeating: "(", count: megabyte)
        #expect(ParsedCommit(message: unclosedScope).conventional == nil)

        let manyFooters = "fix: x\n\n" + String(repeating: "Refs: #1\n", count: megabyte / 9)
        #expect(ConventionalCommit(message: manyFooters)?.footers.count == megabyte / 9)

        let longNote = "fix!: x\n\nBREAKING CHANGE: a\n" + String(repeating: "line\n\n", count: megabyte / 6)
        let note = try #require(ConventionalCommit(message: longNote)?.breakingNote)
        #expect(note.hasPrefix("a\nline\n\nline"))

        // Footer-looking paragraphs are all footers, until one plain paragraph follows them.
        let footerLike = "fix: x\n\n" + String(repeating: "Note: prose\n\n", count: megabyte / 13)
        #expect(ConventionalCommit(message: footerLike)?.footers.count == megabyte / 13)
        let thenProse = try #require(ConventionalCommit(message: footerLike + "plain prose"))
        #expect(thenProse.footers.isEmpty)
        let bodyIsEverything = thenProse.body == String(footerLike.dropFirst(8)) + "plain prose"
        #expect(bodyIsEverything)

        let proseThenFooter = "fix: x\n\n" + String(repeating: "plain prose\n\n", count: megabyte / 13) + "Refs: #1"
        let commit = try #require(ConventionalCommit(message: proseThenFooter))
        #expect(commit.footers == [footer("Refs", "#1")])
        #expect(commit.body?.hasPrefix("plain prose\n\nplain prose") == true)

        for filler in [":", " ", "\n", "\r\n", "#", "(", "\"", "\u{FFFD}"] {
            let text = String(repeating: filler, count: megabyte / filler.utf8.count)
            _ = ParsedCommit(message: text)
            _ = ParsedCommit(message: "feat: x\n\n" + text)
        }
    }

    /// Random messages built from the grammar's delimiters never trap, and whatever
    /// is read as conventional satisfies the header grammar.
    @Test func randomMessagesNeverTrap() {
        let pieces = ["feat", "Fix", "(", ")", "!", ":", " ", ": ", " #", "#", "\n", "\r\n", "\r", "\n\n",
                      "BREAKING CHANGE", "BREAKING-CHANGE", "Refs", "Revert \"", "\"", "This reverts commit ",
                      "abc1234", ".", "-", "\t", "é", "\u{301}", "🚀", "\u{0}", "\u{FFFD}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var conventional = 0
        for _ in 0..<5_000 {
            var message = ""
            for _ in 0..<next(24) { message += pieces[next(pieces.count)] }
            guard let commit = ParsedCommit(message: message).conventional else { continue }
            conventional += 1
            #expect(!commit.description.isEmpty)
            #expect(commit.type == commit.type.lowercased())
            #expect(commit.scope?.contains(")") != true)
            #expect(commit.isBreaking == (commit.breakingNote != nil))
        }
        #expect(conventional > 0)
    }

    /// render-changelog parses whole histories; this is the shape of that load.
    @Test func parsesTwentyThousandGeneratedMessages() {
        let templates = [
            "feat(core): add feature %d\n\nSome body text for %d.\n\nRefs #%d",
            "fix: repair %d\r\n\r\nSigned-off-by: Dev <dev@example.com>",
            "chore(deps)!: drop runtime %d\n\nBREAKING CHANGE: runtime %d is gone\nmigrate now",
            "Merge branch 'topic-%d'",
            "Revert \"fix: repair %d\"\n\nThis reverts commit abcdef%d.",
        ]
        var counts: [String: Int] = [:]
        var breaking = 0
        var footers = 0
        var other = 0
        for index in 0..<20_000 {
            let message = templates[index % templates.count].replacingOccurrences(of: "%d", with: String(index))
            switch ParsedCommit(message: message) {
            case .conventional(let commit):
                counts[commit.type, default: 0] += 1
                if commit.isBreaking { breaking += 1 }
                footers += commit.footers.count
            case .other:
                other += 1
            }
        }
        #expect(counts == ["feat": 4_000, "fix": 4_000, "chore": 4_000, "revert": 4_000])
        #expect(breaking == 4_000)
        #expect(footers == 12_000)
        #expect(other == 4_000)
    }
}
