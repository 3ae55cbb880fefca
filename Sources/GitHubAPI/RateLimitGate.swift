import Foundation
import ReleaseKitCore

/// The one door every request of a process goes through, so that a rate limit seen by
/// one request holds back all of them.
///
/// GitHub's rule is "no request of any kind until the time given": after a 429 or a
/// secondary-limit 403 with `retry-after`, or a response with
/// `x-ratelimit-remaining: 0`, four uploads in flight and the asset listing that a
/// failed upload looks at must all wait. Integrations that keep sending inside the
/// window get blocked. So the wait is not a per-request sleep but state shared by the
/// whole client: `close(until:)` moves the opening time later (never earlier), and
/// `pass()` suspends until it has come.
public actor RateLimitGate {
    private var opensAt: Date?
    /// Secondary limits without a stated time in a row: each one doubles the wait.
    private var secondaryStreak = 0
    private let sleeper: Sleeper
    private let now: @Sendable () -> Date
    /// The longest the gate holds a request; past it `pass()` throws, naming the time.
    private let maxWait: Double

    public init(sleeper: Sleeper = TaskSleeper(), now: @escaping @Sendable () -> Date = Date.init, maxWait: Double = 900) {
        self.sleeper = sleeper
        self.now = now
        self.maxWait = maxWait
    }

    /// Returns when a request may be sent. A sleeper that does not really wait (tests)
    /// passes after one recorded sleep per closing, unless the gate was closed further
    /// while it slept.
    public func pass() async throws {
        while let until = opensAt {
            let remaining = until.timeIntervalSince(now())
            if remaining <= 0 { break }
            if remaining > maxWait {
                throw RateLimitWaitTooLong(until: until, reason: "the API rate limit is exhausted", operation: nil, maxWait: maxWait)
            }
            try await sleeper.sleep(seconds: remaining)
            if let later = opensAt, later > until { continue }
            break
        }
    }

    /// No request before `until`.
    public func close(until: Date) {
        if let current = opensAt, current >= until { return }
        opensAt = until
    }

    /// How many bare secondary limits came in a row, counting this one.
    func noteSecondaryLimit() -> Int {
        defer { secondaryStreak += 1 }
        return secondaryStreak
    }

    func noteAnswered() { secondaryStreak = 0 }
}

/// A rate limit that would hold the job longer than we wait (15 minutes by default):
/// exit 1 now, saying when to run again, instead of a job that sits for an hour.
public struct RateLimitWaitTooLong: ReleaseKitError {
    public let until: Date
    public let reason: String
    public let operation: String?
    public let maxWait: Double

    public init(until: Date, reason: String, operation: String?, maxWait: Double) {
        self.until = until
        self.reason = reason
        self.operation = operation
        self.maxWait = maxWait
    }

    public var kind: FailureKind { .operationFailed }

    public var description: String {
        let what = operation.map { "could not \($0): " } ?? ""
        return what + "\(reason), and the server asks for no request before \(GitHubDate.format(until)), more than the \(Int(maxWait / 60)) minutes this tool waits; run it again after that time (the run converges on what is already there)"
    }
}
