import Foundation

/// A fresh temporary directory for one test, removed when the value goes away.
public final class ScratchDirectory: Sendable {
    public let root: String

    public init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("releasekit-test-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    public func path(_ name: String) -> String { root + "/" + name }

    /// Writes each file (path relative to the root → text), creating its directories.
    public func write(_ files: [String: String]) throws {
        for (name, text) in files {
            try FileManager.default.createDirectory(atPath: (path(name) as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        }
    }

    /// The file's text, or "" when it does not exist.
    public func read(_ name: String) -> String {
        (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? ""
    }
}
