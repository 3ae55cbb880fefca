import Testing
@testable import ReleaseKitCore

@Suite struct ChecksumFileTests {
    static let a = String(repeating: "a", count: 64)
    static let b = String(repeating: "B", count: 64)
    static let long = String(repeating: "c", count: 128)

    @Test func readsAllThreeForms() {
        let text = "\(Self.a)  one.tar.gz\n\(Self.b) *two.zip\nSHA256 (three.deb) = \(Self.a)\n\n"
        let file = ChecksumFile(parsing: text, algorithm: nil)
        #expect(file.problems.isEmpty)
        #expect(file.entries.map(\.name) == ["one.tar.gz", "two.zip", "three.deb"])
        #expect(file.entries.map(\.style) == [.gnuText, .gnuBinary, .bsdTag])
        #expect(file.entries[1].digest == Self.b.lowercased())
        #expect(file.algorithm == .sha256)
        #expect(file.entries.map(\.line) == [1, 2, 3])
    }

    @Test func sha512FromLengthOrTag() {
        let gnu = ChecksumFile(parsing: "\(Self.long)  x\n", algorithm: nil)
        #expect(gnu.algorithm == .sha512 && gnu.problems.isEmpty)
        let bsd = ChecksumFile(parsing: "SHA512 (x) = \(Self.long)\r\n", algorithm: .sha512)
        #expect(bsd.algorithm == .sha512 && bsd.problems.isEmpty)
    }

    @Test(arguments: [
        ("\(a) one\n", "two characters after the digest"),
        ("not a checksum\n", "expected `hex  name`"),
        ("abc123  short\n", "hex digits"),
        ("MD5 (x) = d41d8cd98f00b204e9800998ecf8427e\n", "not a supported algorithm"),
        ("SHA256 (x) = zz\n", "hex digest"),
        ("\(a)  x\n\(a)  x\n", "listed again (first on line 1)"),
        ("\(a)  x\n\(long)  y\n", "expected one algorithm"),
        ("\\\(a)  bad\\q\n", "escaped file name"),
    ])
    func malformedLinesCarryTheirNumber(text: String, reason: String) {
        let file = ChecksumFile(parsing: text, algorithm: nil)
        #expect(file.problems.count == 1)
        #expect(file.problems.first?.reason.contains(reason) == true, "\(file.problems)")
        #expect(file.problems.first?.line == text.split(separator: "\n").count)
    }

    @Test func algorithmFlagMustAgree() {
        let file = ChecksumFile(parsing: "\(Self.a)  x\n", algorithm: .sha512)
        #expect(file.problems.first?.reason.contains("sha256 line") == true)
    }

    @Test func writesSortedCoreutilsTextAndReadsItBack() {
        let digests = [("b.zip", Self.a), ("a.tar.gz", Self.a), ("new\nline\\name", Self.a), ("B.txt", Self.a)]
        let text = ChecksumFile.format(digests.map { (name: $0.0, digest: $0.1) })
        #expect(text == "\(Self.a)  B.txt\n\(Self.a)  a.tar.gz\n\(Self.a)  b.zip\n\\\(Self.a)  new\\nline\\\\name\n")
        let back = ChecksumFile(parsing: text, algorithm: .sha256)
        #expect(back.problems.isEmpty)
        #expect(Set(back.entries.map(\.name)) == Set(digests.map(\.0)))
    }

    @Test func comparisonSortsMatchesMismatchesMissingAndUnlisted() {
        let file = ChecksumFile(parsing: "\(Self.a)  ok\n\(Self.a)  bad\n\(Self.a)  gone\n\(Self.a)  ./broken\n", algorithm: nil)
        let comparison = ChecksumComparison(file: file, digests: ["ok": Self.a, "bad": String(Self.b.lowercased()), "extra": Self.a],
                                            present: ["broken"])
        #expect(comparison.matched == ["ok"])
        #expect(comparison.mismatched.map(\.name) == ["bad"])
        #expect(comparison.mismatched.first?.line == 2)
        #expect(comparison.missing.map(\.name) == ["gone"])
        #expect(comparison.unlisted == ["extra"])
    }
}
