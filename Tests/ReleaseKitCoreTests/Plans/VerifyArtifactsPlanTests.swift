import Testing
@testable import ReleaseKitCore

/// verify-artifacts' decisions, from facts to verdict, without a directory, a process
/// or the network: each row is a directory as the edge would have described it.
@Suite struct VerifyArtifactsPlanTests {
    static let a = String(repeating: "a", count: 64)
    static let b = String(repeating: "b", count: 64)
    static let c = String(repeating: "c", count: 64)

    static func file(_ name: String, size: UInt64 = 10) -> VerifyArtifactsFacts.Entry {
        .init(name: name, size: size)
    }

    static func digest(_ hex: String, size: UInt64 = 10) -> VerifyArtifactsFacts.Digest {
        .init(size: size, hex: [.sha256: hex])
    }

    static func patterns(_ texts: String...) -> [ArtifactPattern] {
        texts.map { try! ArtifactPattern($0, values: PlaceholderValues(version: "1.0.0")) }
    }

    static func checksums(_ lines: String...) -> ChecksumFile {
        ChecksumFile(parsing: lines.joined(separator: "\n") + "\n", algorithm: nil)
    }

    /// One directory, the settings it is checked with, and the verdict.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var facts: VerifyArtifactsFacts
        var settings = VerifyArtifactsSettings()
        var missing: [String] = []
        var unexpected: [String] = []
        var mismatched: [String] = []
        var corrupt: [String] = []
        var verified: [String]
        var testDescription: String { name }
        var ok: Bool { missing.isEmpty && unexpected.isEmpty && mismatched.isEmpty && corrupt.isEmpty }
    }

    static let cases: [Case] = [
        Case(name: "no patterns: every file is the release",
             facts: .init(entries: [file("a.zip"), file("b.zip"), .init(name: "sub", isDirectory: true)],
                          digests: ["a.zip": digest(a), "b.zip": digest(b)]),
             verified: ["a.zip", "b.zip"]),
        Case(name: "a pattern that matches nothing is missing",
             facts: .init(entries: [file("app-1.0.0.zip")], patterns: patterns("app-{version}.zip", "*.msi"),
                          digests: ["app-1.0.0.zip": digest(a)]),
             missing: ["*.msi"], verified: ["app-1.0.0.zip"]),
        Case(name: "unmatched files pass without --strict",
             facts: .init(entries: [file("a.zip"), file("notes.txt")], patterns: patterns("*.zip"), digests: ["a.zip": digest(a)]),
             verified: ["a.zip"]),
        Case(name: "unmatched files are unexpected with --strict",
             facts: .init(entries: [file("a.zip"), file("notes.txt")], patterns: patterns("*.zip"), digests: ["a.zip": digest(a)]),
             settings: .init(strict: true), unexpected: ["notes.txt"], verified: ["a.zip"]),
        Case(name: "a chosen entry that is not a usable file is corrupt",
             facts: .init(entries: [file("a.zip"), .init(name: "link.zip", problem: "is a symlink to /etc, outside the artifact directory (not followed)")],
                          digests: ["a.zip": digest(a)]),
             corrupt: ["link.zip"], verified: ["a.zip"]),
        Case(name: "a file that cannot be read is corrupt",
             facts: .init(entries: [file("a.zip"), file("b.zip")], digests: ["a.zip": digest(a)], unreadable: ["b.zip": "I/O error"]),
             corrupt: ["b.zip"], verified: ["a.zip"]),
        Case(name: "checksums: match, mismatch and a listed file that is absent",
             facts: .init(entries: [file("a.zip"), file("b.zip")], checksumFile: checksums("\(a)  a.zip", "\(a)  b.zip", "\(c)  gone.zip"),
                          digests: ["a.zip": digest(a), "b.zip": digest(b)]),
             settings: .init(checksums: "SHA256SUMS"), missing: ["gone.zip"], mismatched: ["b.zip"], verified: ["a.zip", "b.zip"]),
        Case(name: "checksums: a file the list leaves out only warns without --strict",
             facts: .init(entries: [file("a.zip"), file("b.zip")], checksumFile: checksums("\(a)  a.zip"),
                          digests: ["a.zip": digest(a), "b.zip": digest(b)]),
             settings: .init(checksums: "SHA256SUMS"), verified: ["a.zip", "b.zip"]),
        Case(name: "checksums: a file the list leaves out is unexpected with --strict",
             facts: .init(entries: [file("a.zip"), file("b.zip")], checksumFile: checksums("\(a)  a.zip"),
                          digests: ["a.zip": digest(a), "b.zip": digest(b)]),
             settings: .init(strict: true, checksums: "SHA256SUMS"), unexpected: ["b.zip"], verified: ["a.zip", "b.zip"]),
        Case(name: "checksums: a listed file joins the release though no pattern names it",
             facts: .init(entries: [file("a.zip"), file("extra.bin")], patterns: patterns("*.zip"),
                          checksumFile: checksums("\(a)  a.zip", "\(b)  extra.bin"),
                          digests: ["a.zip": digest(a), "extra.bin": digest(b)]),
             settings: .init(strict: true, checksums: "SHA256SUMS"), verified: ["a.zip", "extra.bin"]),
        Case(name: "a damaged archive is corrupt, but still hashed",
             facts: .init(entries: [file("a.tar.gz"), file("b.zip")], digests: ["a.tar.gz": digest(a), "b.zip": digest(b)],
                          archives: ["a.tar.gz": .init(kind: "tar.gz", damage: [ArchiveDamage("truncated")]),
                                     "b.zip": .init(kind: "zip", damage: [])]),
             settings: .init(checkArchives: true), corrupt: ["a.tar.gz"], verified: ["a.tar.gz", "b.zip"]),
        Case(name: "archive checks are ignored unless asked for",
             facts: .init(entries: [file("a.tar.gz")], digests: ["a.tar.gz": digest(a)],
                          archives: ["a.tar.gz": .init(kind: "tar.gz", damage: [ArchiveDamage("truncated")])]),
             verified: ["a.tar.gz"]),
        Case(name: "release: absent, extra, different, and settled by download",
             facts: .init(entries: [file("a.zip"), file("b.zip"), file("c.zip"), file("d.zip")],
                          digests: ["a.zip": digest(a), "b.zip": digest(b), "c.zip": digest(c), "d.zip": digest(a)],
                          release: .init(tag: "v1.0.0",
                                         assets: [.init(name: "a.zip", size: 10, digest: "sha256:" + a, uploaded: true),
                                                  .init(name: "b.zip", size: 10, digest: "sha256:" + a, uploaded: true),
                                                  .init(name: "d.zip", size: 10, digest: nil, uploaded: true),
                                                  .init(name: "old.zip", size: 3, digest: nil, uploaded: true),
                                                  .init(name: "c.zip", size: 10, digest: "sha256:" + c, uploaded: false)],
                                         assetNames: ["a.zip": "a.zip", "b.zip": "b.zip", "c.zip": "c.zip", "d.zip": "d.zip"],
                                         downloadedSHA256: ["d.zip": a])),
             settings: .init(againstRelease: "v1.0.0"),
             missing: ["c.zip"], unexpected: ["old.zip"], mismatched: ["b.zip"], verified: ["a.zip", "b.zip", "c.zip", "d.zip"]),
    ]

    @Test(arguments: cases)
    func verdict(_ row: Case) {
        let plan = VerifyArtifactsPlan.plan(row.facts, row.settings)
        #expect(plan.missing == row.missing)
        #expect(plan.unexpected == row.unexpected)
        #expect(plan.mismatched == row.mismatched)
        #expect(plan.corrupt == row.corrupt)
        #expect(plan.verified.map(\.name) == row.verified)
        #expect(plan.ok == row.ok)
    }

    /// The per-file status shown in the summary table.
    @Test(arguments: [
        ("ok.zip", "ok"), ("bad.zip", "checksum mismatch"), ("extra.zip", "not in the checksum file"),
        ("broken.tar", "corrupt: truncated (and 1 more)"), ("empty.zip", "invalid: is empty"),
    ])
    func status(name: String, text: String) {
        let facts = VerifyArtifactsFacts(
            entries: [Self.file("ok.zip"), Self.file("bad.zip"), Self.file("extra.zip"), Self.file("broken.tar"),
                      .init(name: "empty.zip", problem: "is empty")],
            checksumFile: Self.checksums("\(Self.a)  ok.zip", "\(Self.a)  bad.zip", "\(Self.c)  broken.tar"),
            digests: ["ok.zip": Self.digest(Self.a), "bad.zip": Self.digest(Self.b), "extra.zip": Self.digest(Self.b),
                      "broken.tar": Self.digest(Self.c)],
            archives: ["broken.tar": .init(kind: "tar", damage: [ArchiveDamage("truncated"), ArchiveDamage(entry: "x", "bad header")])])
        let plan = VerifyArtifactsPlan.plan(facts, .init(checksums: "SUMS", checkArchives: true))
        #expect(plan.status[name]?.text == text)
        #expect(plan.summaryRows.first { $0[0] == name }?[3] == text)
    }

    /// Only a passing verification writes; a failing one says why nothing was written.
    @Test(arguments: [true, false])
    func writesOnlyWhenVerified(passes: Bool) throws {
        let facts = VerifyArtifactsFacts(
            entries: [Self.file("b.zip"), Self.file("a.zip")], patterns: Self.patterns(passes ? "*.zip" : "*.msi"),
            templates: [ManifestTemplate(text: "sha {sha256:a.zip}\n", source: "f.in")],
            digests: ["a.zip": Self.digest(Self.a), "b.zip": Self.digest(Self.b)])
        let settings = VerifyArtifactsSettings(writeChecksums: "dist/SUMS", renders: [RenderRequest(template: "f.in", output: "f.rb")])
        let plan = VerifyArtifactsPlan.plan(facts, settings)
        if passes {
            #expect(plan.checksumWrite?.path == "dist/SUMS" && plan.checksumWrite?.count == 2)
            #expect(plan.checksumWrite?.text == ChecksumFile.format([("b.zip", Self.b), ("a.zip", Self.a)]))
            #expect(try plan.renders.map { try $0.text.get() } == ["sha \(Self.a)\n"])
            #expect(plan.outputs(rendered: ["f.rb"]).checksumsFile == "dist/SUMS")
            #expect(!plan.messages.contains { $0.level == .notice })
        } else {
            #expect(plan.checksumWrite == nil && plan.renders.isEmpty)
            #expect(plan.messages.last == .init(.notice, "verification failed, so nothing was written (--write-checksums, --render)", title: "verify-artifacts"))
            #expect(plan.outputs(rendered: []).checksumsFile == "")
        }
    }

    /// A template reference must name exactly one verified file; the failure is kept
    /// for the executor, so the files before it are still written.
    @Test(arguments: [("{name:*.zip}", "is ambiguous"), ("{name:*.msi}", "matches no verified artifact")])
    func renderFailuresAreKept(reference: String, message: String) {
        let facts = VerifyArtifactsFacts(entries: [Self.file("a.zip"), Self.file("b.zip")],
                                         templates: [ManifestTemplate(text: reference, source: "t.in")],
                                         digests: ["a.zip": Self.digest(Self.a), "b.zip": Self.digest(Self.b)])
        let plan = VerifyArtifactsPlan.plan(facts, .init(renders: [RenderRequest(template: "t.in", output: "t")]))
        #expect(plan.ok)
        #expect(throws: InputError.self) { try plan.renders[0].text.get() }
        #expect((try? plan.renders[0].text.get()) == nil)
        if case .failure(let error) = plan.renders[0].text { #expect("\(error)".contains(message)) }
    }

    /// `checksums-file`: the file read, unless it is also the one written.
    @Test(arguments: [(false, "SUMS"), (true, "")])
    func checksumsFileOutput(sameTarget: Bool, expected: String) {
        let facts = VerifyArtifactsFacts(entries: [Self.file("a.zip")], checksumFile: Self.checksums("\(Self.b)  a.zip"),
                                         digests: ["a.zip": Self.digest(Self.a)], checksumsIsWriteTarget: sameTarget)
        let plan = VerifyArtifactsPlan.plan(facts, .init(checksums: "SUMS", writeChecksums: sameTarget ? "SUMS" : nil))
        #expect(!plan.ok)
        #expect(plan.outputs(rendered: []).checksumsFile == expected)
    }

    @Test func outputsInTheirDocumentedOrder() {
        #expect(VerifyArtifactsOutputs.outputNames.map(\.name) == [
            "ok", "count", "total-bytes", "artifacts", "checksums-file", "missing", "unexpected", "mismatched", "corrupt", "rendered",
            "immutable",
        ])
        let plan = VerifyArtifactsPlan.plan(.init(entries: [Self.file("a.zip", size: 7)], digests: ["a.zip": Self.digest(Self.a, size: 7)]),
                                            .init())
        let outputs = plan.outputs(rendered: [])
        #expect(outputs.ok && outputs.count == 1 && outputs.totalBytes == 7)
        #expect(outputs.artifacts == .array([.object(["name": .string("a.zip"), "size": .number(7), "sha256": .string(Self.a)])]))
    }

    @Test(arguments: [(true, false, true, "true"), (false, false, true, "false"), (false, true, false, "false"), (true, true, true, "true")])
    func releaseImmutability(immutable: Bool, required: Bool, ok: Bool, output: String) {
        let facts = VerifyArtifactsFacts(entries: [Self.file("a.zip")], digests: ["a.zip": Self.digest(Self.a)],
                                         release: .init(tag: "v1.0.0", assets: [.init(name: "a.zip", size: 10, digest: "sha256:" + Self.a, uploaded: true)],
                                                        assetNames: ["a.zip": "a.zip"], immutable: immutable))
        let plan = VerifyArtifactsPlan.plan(facts, .init(againstRelease: "v1.0.0", requireImmutable: required))
        #expect(plan.ok == ok && plan.outputs(rendered: []).immutable == output)
        #expect(VerifyArtifactsPlan.plan(.init(entries: [Self.file("a.zip")], digests: ["a.zip": Self.digest(Self.a)]), .init()).immutable == "")
    }

    /// Messages name the patterns as the user wrote them: the flag, or the configuration key.
    @Test(arguments: [
        (VerifyArtifactsSettings.PatternSource.flag, "no file matches --expect *.msi",
         "notes.txt is in dist but no --expect pattern matches it (--strict)"),
        (.configuration(key: "packages[1].artifacts"), "no file matches *.msi (from packages[1].artifacts in .releasekit.yml)",
         "notes.txt is in dist but no pattern in packages[1].artifacts of .releasekit.yml matches it (--strict)"),
    ])
    func messagesNameThePatternSource(source: VerifyArtifactsSettings.PatternSource, missing: String, unexpected: String) {
        let facts = VerifyArtifactsFacts(entries: [Self.file("a.zip"), Self.file("notes.txt")], patterns: Self.patterns("*.zip", "*.msi"),
                                         digests: ["a.zip": Self.digest(Self.a)])
        let plan = VerifyArtifactsPlan.plan(facts, .init(expectSource: source, strict: true))
        #expect(plan.messages.map(\.text).contains(missing))
        #expect(plan.messages.map(\.text).contains(unexpected))
    }

    /// More than twenty broken entries are counted, not listed.
    @Test func longDamageReportsAreCut() {
        let damage = (1...25).map { ArchiveDamage(entry: "e\($0)", "bad") }
        let facts = VerifyArtifactsFacts(entries: [Self.file("a.zip")], digests: ["a.zip": Self.digest(Self.a)],
                                         archives: ["a.zip": .init(kind: "zip", damage: damage)])
        let plan = VerifyArtifactsPlan.plan(facts, .init(checkArchives: true))
        let errors = plan.messages.filter { $0.title == "verify-artifacts: corrupt archive" }
        #expect(errors.count == 21)
        #expect(errors.last?.text == "a.zip: 5 more broken entries not shown")
    }
}
