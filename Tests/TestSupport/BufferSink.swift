import Foundation
import ReleaseKitRuntime

/// Collects text in memory, for tests.
public final class BufferSink: TextSink, @unchecked Sendable {
    private let lock = NSLock()
    private var storage = ""

    public init() {}

    public func write(_ text: String) { lock.withLock { storage += text } }

    public var text: String { lock.withLock { storage } }
    public var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
}
