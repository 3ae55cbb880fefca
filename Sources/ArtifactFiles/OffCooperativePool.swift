import Foundation

/// Runs blocking, CPU-bound fan-out work (`concurrentPerform` over files) on a Dispatch
/// thread and awaits it, so the awaiting task gives its cooperative thread back. Those
/// threads are as many as cores; one parked in `concurrentPerform` for the seconds a
/// multi-GB hash takes would stall the HTTP client and every other task in the process.
func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
}
