import Foundation

/// Waits between retries. Injected so tests exercise back-off and rate-limit waits
/// without really waiting, and can assert how long the client would have waited.
public protocol Sleeper: Sendable {
    func sleep(seconds: Double) async throws
}

/// The real thing.
public struct TaskSleeper: Sleeper {
    public init() {}
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}
