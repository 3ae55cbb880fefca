import Foundation
import ReleaseKitCore

/// The one retry loop every forge client sends through (GitHub's, GitLab's): every
/// attempt passes the process's one `RateLimitGate`, is counted, and a failed one is
/// sent again as `RetryPolicy` decides. The client only says what an acceptable answer
/// is and how a final refusal reads in its forge's words.
public struct RetryLoop: Sendable {
    public let retry: RetryPolicy
    /// Shared by every copy of this loop and every loop given the same gate.
    public let gate: RateLimitGate
    private let transport: HTTPTransport
    private let sleeper: Sleeper
    private let now: @Sendable () -> Date
    private let onRetry: @Sendable (String) -> Void
    private let counter = RequestCounter()

    public init(transport: HTTPTransport, retry: RetryPolicy = RetryPolicy(), sleeper: Sleeper = TaskSleeper(),
                now: @escaping @Sendable () -> Date = Date.init, gate: RateLimitGate? = nil,
                onRetry: @escaping @Sendable (String) -> Void = { _ in }) {
        self.transport = transport
        self.retry = retry
        self.sleeper = sleeper
        self.now = now
        self.onRetry = onRetry
        self.gate = gate ?? RateLimitGate(sleeper: sleeper, now: now, maxWait: retry.maxRateLimitWait)
    }

    /// Requests sent so far (each attempt counts), by method.
    public var requestsSent: [String: Int] { counter.snapshot }

    /// Attempts until an answer `accepts` takes, waiting as the policy says between
    /// attempts. A final refusal becomes `refused(result)`, attempts without any answer
    /// `unanswered(error)`: the forge's own typed errors.
    @discardableResult
    public func send(_ request: HTTPRequestSpec, to destination: String? = nil, operation: String,
                     accepts: (HTTPResult) -> Bool,
                     refused: (HTTPResult) -> Error,
                     unanswered: (TransportError) -> Error) async throws -> HTTPResult {
        let what = "\(request.method) \(request.url.path)"
        var attempt = 1
        while true {
            let result: HTTPResult
            do {
                result = try await self.attempt(request, to: destination)
            } catch let error as TransportError {
                guard case .retry(let delay, let reason) = retry.decide(afterTransportError: error, attempt: attempt) else {
                    throw unanswered(error)
                }
                try await wait(delay, reason: reason, what: what, attempt: attempt)
                attempt += 1
                continue
            }
            if accepts(result) { return result }
            switch await judge(result, attempt: attempt) {
            case .retry(let delay, let reason):
                try await wait(delay, reason: reason, what: what, attempt: attempt)
            case .waitForRateLimit(let until, let reason):
                announce(until: until, reason: reason, what: what, attempt: attempt)
            case .rateLimitTooLong(let until, let reason):
                throw RateLimitWaitTooLong(until: until, reason: reason, operation: operation, maxWait: retry.maxRateLimitWait)
            case .stop:
                throw refused(result)
            }
            attempt += 1
        }
    }

    /// One attempt of any kind: through the gate, then the answer may close it (a 2xx
    /// with an exhausted limit closes it until the reset, too).
    public func attempt(_ request: HTTPRequestSpec, to destination: String? = nil) async throws -> HTTPResult {
        try await gate.pass()
        counter.add(request.method)
        let result = if let destination {
            try await transport.download(request, to: destination)
        } else {
            try await transport.send(request)
        }
        if (200..<400).contains(result.status) {
            await gate.noteAnswered()
            if let wait = retry.rateLimitWait(result, now: now()) { await gate.close(until: now().addingTimeInterval(wait)) }
        }
        return result
    }

    /// What to do after an error response. A rate limit closes the gate for everyone,
    /// even when this request has no attempts left.
    public func judge(_ result: HTTPResult, attempt: Int) async -> RetryPolicy.Decision {
        let limited = result.status == 429 || (result.status == 403 && RetryPolicy.retryReason(result) != nil)
        let streak = limited ? await gate.noteSecondaryLimit() : 0
        let decision = retry.decide(after: result, attempt: attempt, now: now(), secondaryStreak: streak)
        switch decision {
        case .waitForRateLimit(let until, _):
            await gate.close(until: until)
        case .stop:
            if let wait = retry.rateLimitWait(result, now: now(), secondaryStreak: streak), wait <= retry.maxRateLimitWait {
                await gate.close(until: now().addingTimeInterval(wait))
            }
        case .retry, .rateLimitTooLong:
            break
        }
        return decision
    }

    /// Waits before a retry, saying why (never with the token: only method, path and reason).
    public func wait(_ seconds: Double, reason: String, what: String, attempt: Int) async throws {
        onRetry("\(what): \(reason); retrying in \(String(format: "%.1f", seconds)) s (attempt \(attempt + 1) of \(retry.maxAttempts))")
        try await sleeper.sleep(seconds: seconds)
    }

    /// Says why nothing is sent for a while (the gate does the waiting).
    public func announce(until: Date, reason: String, what: String, attempt: Int) {
        let seconds = max(0, until.timeIntervalSince(now()))
        onRetry("\(what): \(reason); no request of any kind until \(GitHubDate.format(until)) (\(String(format: "%.1f", seconds)) s), then attempt \(attempt + 1) of \(retry.maxAttempts)")
    }
}

final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func add(_ method: String) { lock.withLock { counts[method, default: 0] += 1 } }
    var snapshot: [String: Int] { lock.withLock { counts } }
}
