import Foundation
import Testing
@testable import GitHubAPI

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
        #expect(decision == .retry(after: 7, reason: "rate limited (429, secondary rate limit)"))
        let forbidden = policy.decide(after: result(403, ["retry-after": "3"], message: "You have exceeded a secondary rate limit"), attempt: 2, now: now)
        #expect(forbidden == .retry(after: 3, reason: "rate limit exhausted (403)") || forbidden == .retry(after: 3, reason: "rate limited (403 with retry-after)"))
    }

    @Test func exhaustedPrimaryLimitWaitsForTheReset() {
        let reset = String(Int(now.timeIntervalSince1970) + 42)
        let decision = policy.decide(after: result(403, ["x-ratelimit-remaining": "0", "x-ratelimit-reset": reset]), attempt: 1, now: now)
        #expect(decision == .retry(after: 43, reason: "rate limit exhausted (403)"))
        let tooLong = String(Int(now.timeIntervalSince1970) + 7200)
        #expect(policy.decide(after: result(403, ["x-ratelimit-remaining": "0", "x-ratelimit-reset": tooLong]), attempt: 1, now: now) == .stop)
    }

    @Test func secondaryLimitWithoutRetryAfterWaitsAMinute() {
        let decision = policy.decide(after: result(403, message: "You have exceeded a secondary rate limit."), attempt: 1, now: now)
        #expect(decision == .retry(after: 60, reason: "rate limited (403, secondary rate limit)"))
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
