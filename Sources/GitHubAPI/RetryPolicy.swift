import Foundation

/// When and how long to wait before sending a request again.
///
/// Retried: no response at all (connection refused, reset, stalled), 5xx, 429, and
/// 403s that are rate limits rather than permissions. A rate limit's wait binds the
/// whole process (see `RateLimitGate`): `retry-after` as given, an exhausted primary
/// limit (`x-ratelimit-remaining: 0`) until `x-ratelimit-reset`, a bare secondary
/// limit at least a minute. GitLab's `RateLimit-Remaining`/`RateLimit-Reset` read as
/// GitHub's `x-ratelimit-*` do. Everything else backs off exponentially with jitter so N
/// matrix jobs that failed together do not retry together. Header numbers are read
/// by `ServerNumber`, so `retry-after: inf` is no number, not a trap.
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
        /// Send again after this long (5xx, no response): this request only.
        case retry(after: Double, reason: String)
        /// A rate limit: no request of any kind before `until` (the client closes its
        /// `RateLimitGate`), then send again.
        case waitForRateLimit(until: Date, reason: String)
        /// The server asks for a wait longer than `maxRateLimitWait`: give up now,
        /// saying when it resets, rather than hold a job for longer.
        case rateLimitTooLong(until: Date, reason: String)
        case stop
    }

    /// Exponential back-off with "equal jitter": half the step fixed, half random.
    public func backoff(attempt: Int) -> Double {
        let step = min(maxDelay, baseDelay * pow(2, Double(min(62, max(0, attempt - 1)))))
        return step / 2 + step / 2 * random()
    }

    /// Whether a response is worth another attempt, and after how long. `attempt` is
    /// the number of the attempt that just failed (1-based); `secondaryStreak` how many
    /// secondary limits without a stated time came in a row before this one.
    public func decide(after result: HTTPResult, attempt: Int, now: Date, secondaryStreak: Int = 0) -> Decision {
        guard let reason = Self.retryReason(result) else { return .stop }
        if let wait = rateLimitWait(result, now: now, secondaryStreak: secondaryStreak) {
            let until = now.addingTimeInterval(wait)
            if wait > maxRateLimitWait { return .rateLimitTooLong(until: until, reason: reason) }
            return attempt < maxAttempts ? .waitForRateLimit(until: until, reason: reason) : .stop
        }
        guard attempt < maxAttempts else { return .stop }
        return .retry(after: backoff(attempt: attempt), reason: reason)
    }

    /// A failed connection: always retryable while attempts remain.
    public func decide(afterTransportError error: TransportError, attempt: Int) -> Decision {
        attempt < maxAttempts ? .retry(after: backoff(attempt: attempt), reason: "no response (\(error.message))") : .stop
    }

    /// How long the server asks everyone to wait, in seconds, or nil when this is no
    /// rate limit. `retry-after` wins (seconds or an HTTP-date); then an exhausted
    /// primary limit waits for `x-ratelimit-reset` (plus a second: the reset is whole
    /// seconds and clocks differ a little); a secondary limit that states no time waits
    /// `secondaryLimitDelay`, doubling with each one in a row (capped at
    /// `maxRateLimitWait`, as that wait is our choice, not the server's demand).
    public func rateLimitWait(_ result: HTTPResult, now: Date, secondaryStreak: Int = 0) -> Double? {
        if let retryAfter = ServerNumber.retryAfter(result.header("retry-after"), now: now),
           result.status == 429 || result.status == 403 || (500...599).contains(result.status) {
            return retryAfter
        }
        // GitHub's `x-ratelimit-*`, or GitLab's `RateLimit-*` (the same meaning, unprefixed).
        if ServerNumber.integer(result.header("x-ratelimit-remaining") ?? result.header("ratelimit-remaining")) == 0,
           let reset = ServerNumber.epochSeconds(result.header("x-ratelimit-reset") ?? result.header("ratelimit-reset")) {
            return max(0, reset.timeIntervalSince(now)) + 1
        }
        // A 429 or a rate-limit 403 whose time is missing or unreadable (`inf`, `1e12`).
        if (result.status == 429 || result.status == 403), Self.retryReason(result) != nil {
            return min(maxRateLimitWait, secondaryLimitDelay * pow(2, Double(min(20, max(0, secondaryStreak)))))
        }
        return nil
    }

    /// Why a response is transient, or nil when it is final.
    public static func retryReason(_ result: HTTPResult) -> String? {
        switch result.status {
        case 500...599: return "server error \(result.status)"
        case 429: return "rate limited (429, secondary rate limit)"
        case 403:
            if ServerNumber.integer(result.header("x-ratelimit-remaining")) == 0 { return "rate limit exhausted (403)" }
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
