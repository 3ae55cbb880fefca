import Foundation
import Testing
@testable import GitHubAPI
import ReleaseKitCore

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 6, baseDelay: 1, maxDelay: 60, random: { 0.5 })
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func result(_ status: Int, _ headers: [String: String] = [:], message: String = "") -> HTTPResult {
        HTTPResult(status: status, headers: headers, body: Data("{\"message\":\"\(message)\"}".utf8))
    }

    @Test func backoffDoublesWithJitterAndCap() {
        #expect(policy.backoff(attempt: 1) == 0.75)
        #expect(policy.backoff(attempt: 2) == 1.5)
        #expect(policy.backoff(attempt: 3) == 3)
        #expect(policy.backoff(attempt: 20) == 45)
        let low = RetryPolicy(random: { 0 }), high = RetryPolicy(random: { 0.999 })
        #expect(low.backoff(attempt: 3) == 2)
        #expect(high.backoff(attempt: 3) < 4)
    }

    @Test(arguments: [500, 502, 503, 504])
    func serverErrorsAreRetried(status: Int) {
        #expect(policy.decide(after: result(status), attempt: 1, now: now) == .retry(after: 0.75, reason: "server error \(status)"))
    }

    @Test func retryAfterIsObeyed() {
        let decision = policy.decide(after: result(429, ["Retry-After": "7"]), attempt: 1, now: now)
        #expect(decision == .waitForRateLimit(until: now + 7, reason: "rate limited (429, secondary rate limit)"))
        let forbidden = policy.decide(after: result(403, ["retry-after": "3"], message: "You have exceeded a secondary rate limit"), attempt: 2, now: now)
        #expect(forbidden == .waitForRateLimit(until: now + 3, reason: "rate limited (403 with retry-after)"))
    }

    @Test func exhaustedPrimaryLimitWaitsForTheReset() {
        let reset = String(Int(now.timeIntervalSince1970) + 42)
        let decision = policy.decide(after: result(403, ["x-ratelimit-remaining": "0", "x-ratelimit-reset": reset]), attempt: 1, now: now)
        #expect(decision == .waitForRateLimit(until: now + 43, reason: "rate limit exhausted (403)"))
        let tooLong = String(Int(now.timeIntervalSince1970) + 7200)
        #expect(policy.decide(after: result(403, ["x-ratelimit-remaining": "0", "x-ratelimit-reset": tooLong]), attempt: 1, now: now)
            == .rateLimitTooLong(until: now + 7201, reason: "rate limit exhausted (403)"))
    }

    @Test func secondaryLimitWithoutRetryAfterWaitsAMinute() {
        let decision = policy.decide(after: result(403, message: "You have exceeded a secondary rate limit."), attempt: 1, now: now)
        #expect(decision == .waitForRateLimit(until: now + 60, reason: "rate limited (403, secondary rate limit)"))
        // Then exponentially: 120 s, 240 s…, never past the 15-minute cap.
        #expect(policy.decide(after: result(429), attempt: 2, now: now, secondaryStreak: 1)
            == .waitForRateLimit(until: now + 120, reason: "rate limited (429, secondary rate limit)"))
        #expect(policy.rateLimitWait(result(429), now: now, secondaryStreak: 9) == 900)
    }

    /// Whatever a hostile server puts in the headers, the wait is a sane number or the
    /// header is ignored: never a trap (`inf` into UInt64), never a day's sleep.
    @Test(arguments: [
        ("inf", 60.0), ("1e12", 60), ("-5", 60), ("NaN", 60), ("0x10", 60), ("", 60), ("  12 ", 12),
        ("99999999999999999999999", 60), ("7.5", 60), ("12abc", 60),
    ])
    func hostileRetryAfterValuesAreReadDefensively(value: String, expected: Double) {
        let response = result(429, ["retry-after": value])
        #expect(policy.rateLimitWait(response, now: now) == expected)
        if case .waitForRateLimit(let until, _) = policy.decide(after: response, attempt: 1, now: now) {
            #expect(until == now + expected)
        } else {
            Issue.record("expected a wait for \(value)")
        }
    }

    @Test(arguments: ["100000", "86400", "901"])
    func retryAfterBeyondTheCapGivesUpNamingTheTime(value: String) {
        let decision = policy.decide(after: result(429, ["retry-after": value]), attempt: 1, now: now)
        #expect(decision == .rateLimitTooLong(until: now + Double(value)!, reason: "rate limited (429, secondary rate limit)"))
        let error = RateLimitWaitTooLong(until: now + Double(value)!, reason: "rate limited", operation: "list the releases", maxWait: 900)
        #expect(error.description.contains(GitHubDate.format(now + Double(value)!)))
        #expect(error.kind == .operationFailed)
    }

    @Test(arguments: ["inf", "1e12", "-1", "99999999999999999", "soon"])
    func hostileResetValuesAreNotAWait(value: String) {
        let response = result(403, ["x-ratelimit-remaining": "0", "x-ratelimit-reset": value])
        // Not readable as a reset: treated as a secondary limit without a stated time.
        #expect(policy.rateLimitWait(response, now: now) == 60)
    }

    @Test func retryAfterAsAnHTTPDate() {
        // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT.
        #expect(ServerNumber.retryAfter("Tue, 14 Nov 2023 22:13:50 GMT", now: now) == 30)
        #expect(ServerNumber.retryAfter("Tue, 14 Nov 2023 22:00:00 GMT", now: now) == 0)
        #expect(ServerNumber.retryAfter("Tue, 14 Nov 2023 25:00:00 GMT", now: now) == nil)
    }

    @Test(arguments: [(401, "Bad credentials"), (403, "Resource not accessible by integration"), (404, "Not Found"), (422, "Validation Failed")])
    func clientErrorsAreFinal(status: Int, message: String) {
        #expect(policy.decide(after: result(status, message: message), attempt: 1, now: now) == .stop)
    }

    @Test func attemptsRunOut() {
        #expect(policy.decide(after: result(502), attempt: 6, now: now) == .stop)
        #expect(policy.decide(afterTransportError: TransportError("reset"), attempt: 5) != .stop)
        #expect(policy.decide(afterTransportError: TransportError("reset"), attempt: 6) == .stop)
    }
}
