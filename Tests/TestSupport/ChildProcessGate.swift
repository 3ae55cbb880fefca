import Foundation
import Git

/// How many child processes the whole test run keeps alive at once. With the git
/// adapter async, every suite's git commands would otherwise start together: dozens
/// of children on two cores, and the in-process API servers, whose stall windows are
/// two seconds in the fault tests, stop getting the CPU to answer in time. A workflow
/// runs one tool at a time; the suite may run a few, not all.
public actor ChildProcessGate {
    public static let shared = ChildProcessGate(limit: max(4, 2 * ProcessInfo.processInfo.activeProcessorCount))

    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int) { self.limit = limit }

    /// Runs `work` once a slot is free.
    public nonisolated func run<T: Sendable>(_ work: @Sendable () async throws -> T) async rethrows -> T {
        await enter()
        defer { Task { await self.leave() } }
        return try await work()
    }

    private func enter() async {
        if running < limit {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// The process runner every test uses for git: the real one, through the gate.
public struct TestProcessRunner: ProcessRunner {
    public static let shared = TestProcessRunner()
    private let runner = SubprocessRunner(environment: ProcessInfo.processInfo.environment)

    public init() {}

    public func run(_ invocation: CommandLineInvocation) async throws -> ProcessResult {
        try await ChildProcessGate.shared.run { try await runner.run(invocation) }
    }
}
