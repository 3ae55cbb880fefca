import Foundation

/// Numbers a server puts in headers, read as a hostile server would send them.
///
/// `Double("inf")`, `Double("1e12")` and `Int64("99999999999999999999")` are all
/// things a header can hold; converting those into a sleep or an allocation is how a
/// client traps or waits for a day. Every header number goes through here: plain
/// ASCII digits only, at most a bounded count of them, else "absent".
public enum ServerNumber {
    /// A non-negative decimal integer of at most `maxDigits` ASCII digits (surrounding
    /// blanks allowed), else nil. No sign, no exponent, no fraction, no `inf`/`nan`.
    public static func integer(_ text: String?, maxDigits: Int = 18) -> Int64? {
        guard let text else { return nil }
        let trimmed = text.utf8.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
        guard !trimmed.isEmpty, trimmed.count <= maxDigits, trimmed.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return trimmed.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
    }

    /// `Retry-After` as seconds from `now`: delay-seconds, or an HTTP-date (RFC 9110
    /// §10.2.3, IMF-fixdate). A date in the past is 0. Anything else is nil.
    public static func retryAfter(_ text: String?, now: Date) -> Double? {
        guard let text else { return nil }
        if let seconds = integer(text, maxDigits: 12) { return Double(seconds) }
        guard let date = httpDate(text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// `x-ratelimit-reset` (UTC epoch seconds) as a date, or nil when it is not a
    /// plausible epoch (at most 12 digits: beyond the year 33000 is not a reset time).
    public static func epochSeconds(_ text: String?) -> Date? {
        guard let seconds = integer(text, maxDigits: 12) else { return nil }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`, the only form servers should send.
    static func httpDate(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
              let day = integer(String(parts[1]), maxDigits: 2),
              let month = months.firstIndex(of: String(parts[2])),
              let year = integer(String(parts[3]), maxDigits: 4) else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = integer(String(clock[0]), maxDigits: 2),
              let minute = integer(String(clock[1]), maxDigits: 2),
              let second = integer(String(clock[2]), maxDigits: 2),
              (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        return Date(timeIntervalSince1970: Double(daysFromCivil(year: year, month: Int64(month + 1), day: day) * 86_400
            + hour * 3_600 + minute * 60 + second))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
    /// days_from_civil): plain arithmetic, so no calendar or locale data is loaded.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
