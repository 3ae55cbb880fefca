import Foundation

/// The faults a local server has been asked to produce, by route: queued ones (the
/// next N requests) and scheduled ones (the Nth request, whatever came before). Shared
/// by every local forge server, each with its own route type.
public struct FaultQueue<Key: Hashable & Sendable>: Sendable {
    private var queued: [(route: Key?, fault: Fault)] = []
    private var scheduled: [Key: [Int: Fault]] = [:]
    private var counts: [Key: Int] = [:]

    public init() {}

    public mutating func inject(_ fault: Fault, on route: Key?, times: Int) {
        for _ in 0..<max(1, times) { queued.append((route, fault)) }
    }

    public mutating func schedule(_ fault: Fault, on route: Key, at ordinals: [Int]) {
        for ordinal in ordinals { scheduled[route, default: [:]][ordinal] = fault }
    }

    /// The next fault for `route`, consumed: one scheduled for this request's ordinal
    /// first, else the next queued one.
    public mutating func take(for route: Key) -> Fault? {
        let ordinal = (counts[route] ?? 0) + 1
        counts[route] = ordinal
        if let fault = scheduled[route]?.removeValue(forKey: ordinal) { return fault }
        guard let index = queued.firstIndex(where: { $0.route == nil || $0.route == route }) else { return nil }
        return queued.remove(at: index).fault
    }

    public mutating func clear() {
        queued.removeAll()
        scheduled.removeAll()
    }
}

/// The rate-limit window a server last announced (`retry-after`, or an exhausted
/// limit until its reset): a request arriving inside it is a violation, what gets
/// integrations blocked.
public struct RateLimitWindow: Sendable {
    private var window: (opened: Date, until: Date)?

    public init() {}

    /// Requests in flight when the window opened cannot have known of it: those whose
    /// head arrives within this long after it opened are not counted as violations.
    public static let inFlightGrace = 0.25

    public mutating func announce(until: Date, now: Date) {
        guard until > now else { return }
        if let window, window.until >= until, window.until > now { return }
        window = (now, until)
    }

    /// The time left in the window when a request arriving now violates it.
    public func violation(at arrival: Date) -> Double? {
        guard let window, arrival < window.until,
              arrival.timeIntervalSince(window.opened) > Self.inFlightGrace else { return nil }
        return window.until.timeIntervalSince(arrival)
    }
}
