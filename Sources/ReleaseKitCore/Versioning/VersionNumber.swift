/// A non-negative integer of any size, as found in version numbers.
///
/// Versions come from tags and files we do not control, so a component such as
/// `99999999999999999999` must parse, compare and increment without trapping.
/// Keeping the decimal digits (leading zeros removed) instead of a fixed-width
/// integer makes every operation total; `uint64Value` is there for callers that
/// really need arithmetic and can cope with `nil`.
public struct VersionNumber: Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// Canonical decimal digits: ASCII `0`–`9`, no leading zero unless the value is 0.
    public let digits: String

    public static let zero = VersionNumber(canonical: "0")

    /// Accepts one or more ASCII digits (leading zeros allowed and dropped); `nil` otherwise.
    public init?<S: StringProtocol>(digits text: S) {
        var sawDigit = false
        var firstNonZero: String.Index?
        for index in text.utf8.indices {
            let byte = text.utf8[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            sawDigit = true
            if firstNonZero == nil, byte != UInt8(ascii: "0") { firstNonZero = index }
        }
        guard sawDigit else { return nil }
        if let start = firstNonZero {
            self.init(canonical: String(text[start...]))
        } else {
            self = .zero
        }
    }

    public init(_ value: UInt64) {
        self.init(canonical: String(value))
    }

    public init(integerLiteral value: UInt64) {
        self.init(value)
    }

    private init(canonical: String) {
        digits = canonical
    }

    public var description: String { digits }

    public var isZero: Bool { digits == "0" }

    /// The value when it fits in 64 bits.
    public var uint64Value: UInt64? { UInt64(digits) }

    /// The next integer; never overflows.
    public func incremented() -> VersionNumber {
        var bytes = Array(digits.utf8)
        var index = bytes.count - 1
        while index >= 0 {
            if bytes[index] == UInt8(ascii: "9") {
                bytes[index] = UInt8(ascii: "0")
                index -= 1
            } else {
                bytes[index] += 1
                return VersionNumber(canonical: String(decoding: bytes, as: UTF8.self))
            }
        }
        return VersionNumber(canonical: "1" + String(decoding: bytes, as: UTF8.self))
    }

    /// Numeric order: with no leading zeros, a longer digit string is a larger number.
    public static func < (lhs: VersionNumber, rhs: VersionNumber) -> Bool {
        let left = lhs.digits.utf8, right = rhs.digits.utf8
        if left.count != right.count { return left.count < right.count }
        return left.lexicographicallyPrecedes(right)
    }
}
