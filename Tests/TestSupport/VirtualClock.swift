import Foundation
import GitHubAPI

/// Real time plus whatever the sleeper "slept": the server and the client read the
/// same clock, so a client that waits (virtually) for a rate-limit window is outside it
/// when it sends again, and one that does not wait is caught by the server.
public final class VirtualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0
    public init() {}
    public func now() -> Date { lock.withLock { Date().addingTimeInterval(offset) } }
    public func advance(_ seconds: Double) { lock.withLock { offset += max(0, seconds) } }
}

/// Records each wait and moves the virtual clock on by it, instead of waiting.
public final class AdvancingSleeper: Sleeper, @unchecked Sendable {
    public let clock: VirtualClock
    private let lock = NSLock()
    private var recorded: [Double] = []

    public init(clock: VirtualClock) { self.clock = clock }

    public func sleep(seconds: Double) async throws {
        lock.withLock { recorded.append(seconds) }
        clock.advance(seconds)
        await Task.yield()
    }

    public var waits: [Double] { lock.withLock { recorded } }
}

