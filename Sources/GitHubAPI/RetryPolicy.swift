import Foundation

/// When and how long to wait before sending a request again.
///
/// Retried: no response at all (connection refused, reset, timed out), 5xx, 429, and
/// 403s that are rate limits rather than permissions. A `retry-after` header is obeyed
/// as given; an exhausted primary limit (`x-ratelimit-remaining: 0`) waits until
/// `x-ratelimit-reset`; everything else backs off exponentially with jitter so N
/// matrix jobs that failed together do not retry together.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    /// The first back-off; each attempt doubles it, up to `maxDelay`.
    public var baseDelay: Double
    public var maxDelay: Double
    /// GitHub asks for at least a minute after a secondary limit without `retry-after`.
    public var secondaryLimitDelay: Double
    /// The longest wait for a rate-limit reset before giving up with a message saying when it resets.
    public var maxRateLimitWait: Double
    /// A number in 0..<1 for the jitter; injectable so tests are reproducible.
    public var random: @Sendable () -> Double

    public init(maxAttempts: Int = 6, baseDelay: Double = 1, maxDelay: Double = 60,
                secondaryLimitDelay: Double = 60, maxRateLimitWait: Double = 900,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.secondaryLimitDelay = secondaryLimitDelay
        self.maxRateLimitWait = maxRateLimitWait
        self.random = random
    }

    public enum Decision: Sendable, Equatable {
        case retry(after: Double, reason: String)
        case stop
    }

    /// Exponential back-off with "equal jitter": half the step fixed, half random.
    public func backoff(attempt: Int) -> Double {
        let step = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return step / 2 + step / 2 * random()
    }

    /// Whether a response is worth another attempt, and after how long. `attempt` is
    /// the number of the attempt that just failed (1-based).
    public func decide(after result: HTTPResult, attempt: Int, now: Date) -> Decision {
        guard let reason = Self.retryReason(result) else { return .stop }
        guard attempt < maxAttempts else { return .stop }
        if let retryAfter = result.header("retry-after").flatMap(Double.init), retryAfter >= 0 {
            return .retry(after: retryAfter, reason: reason)
        }
        if let wait = rateLimitWait(result, now: now) {
            return wait <= maxRateLimitWait ? .retry(after: wait, reason: reason) : .stop
        }
        if reason.contains("secondary") {
            return .retry(after: max(secondaryLimitDelay, backoff(attempt: attempt)), reason: reason)
        }
        return .retry(after: backoff(attempt: attempt), reason: reason)
    }

    /// A failed connection: always retryable while attempts remain.
    public func decide(afterTransportError error: TransportError, attempt: Int) -> Decision {
        attempt < maxAttempts ? .retry(after: backoff(attempt: attempt), reason: "no response (\(error.message))") : .stop
    }

    /// Seconds until the primary limit resets, when it is exhausted.
    public func rateLimitWait(_ result: HTTPResult, now: Date) -> Double? {
        guard result.header("x-ratelimit-remaining") == "0",
              let reset = result.header("x-ratelimit-reset").flatMap(Double.init) else { return nil }
        // One extra second: the reset is whole seconds and clocks differ a little.
        return max(0, reset - now.timeIntervalSince1970) + 1
    }

    /// Why a response is transient, or nil when it is final.
    public static func retryReason(_ result: HTTPResult) -> String? {
        switch result.status {
        case 500...599: return "server error \(result.status)"
        case 429: return "rate limited (429, secondary rate limit)"
        case 403:
            if result.header("x-ratelimit-remaining") == "0" { return "rate limit exhausted (403)" }
            if result.header("retry-after") != nil { return "rate limited (403 with retry-after)" }
            let message = GitHubErrorBody.decode(result.body)?.message.lowercased() ?? ""
            if message.contains("secondary rate limit") || message.contains("abuse") {
                return "rate limited (403, secondary rate limit)"
            }
            return nil
        default: return nil
        }
    }
}
