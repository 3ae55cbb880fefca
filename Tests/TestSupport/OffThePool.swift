import Foundation

/// Runs blocking work (waiting for child processes, sleeping between kills) on a
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

/// Waits for a child process to exit without holding a cooperative thread.
public func waitForExit(_ process: Process) async {
    let child = UncheckedProcess(process)
    _ = try? await offThePool { child.process.waitUntilExit() }
}

/// `Process` is not `Sendable`; the one thread that waits for it is all that touches it.
private struct UncheckedProcess: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}
