import Foundation

/// Runs blocking work (a raw socket exchange that waits for the peer to close) on a
/// Dispatch thread instead of one of Swift's cooperative threads. There are only as
/// many of those as cores, two here; a test that blocks one for twenty seconds starves
/// every in-process server the other suites run, and their requests time out.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}
