import Testing
@testable import ReleaseKitCore

@Suite struct VersionNumberTests {
    @Test(arguments: [
        ("0", "0"), ("000", "0"), ("7", "7"), ("007", "7"), ("10", "10"),
        ("99999999999999999999", "99999999999999999999"),
    ])
    func parsesDigitsAndDropsLeadingZeros(text: String, digits: String) throws {
        #expect(try #require(VersionNumber(digits: text)).digits == digits)
    }

    @Test(arguments: ["", "-1", "1a", " 1", "1.0", "١", "+1"])
    func rejectsNonDigits(text: String) {
        #expect(VersionNumber(digits: text) == nil)
    }

    @Test func ordersNumericallyWhateverTheLength() throws {
        let huge = try #require(VersionNumber(digits: "99999999999999999999"))
        let larger = try #require(VersionNumber(digits: "100000000000000000000"))
        #expect(VersionNumber(2) < VersionNumber(10))
        #expect(VersionNumber(UInt64.max) < huge)
        #expect(huge < larger)
        #expect(huge.uint64Value == nil)
        #expect(VersionNumber(42).uint64Value == 42)
    }

    @Test(arguments: [("0", "1"), ("9", "10"), ("199", "200"), ("18446744073709551615", "18446744073709551616"), ("99999999999999999999", "100000000000000000000")])
    func incrementsWithoutOverflow(from: String, to: String) throws {
        #expect(try #require(VersionNumber(digits: from)).incremented().digits == to)
    }
}
