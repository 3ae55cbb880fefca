import Foundation

/// Remembers every secret a tool has read and removes it from all text the tool
/// writes: logs, outputs, the step summary and error messages. GitHub's own masking
/// only works on its log; this one works everywhere, including other CI systems.
public final class SecretRedactor: @unchecked Sendable {
    public static let replacement = "***"
    private let lock = NSLock()
    private var secrets: [String] = []

    public init() {}

    /// Registers a secret. Returns false when it was empty or already known.
    @discardableResult
    public func register(_ secret: String) -> Bool {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return false }
        return lock.withLock {
            guard !secrets.contains(trimmed) else { return false }
            secrets.append(trimmed)
            // Longest first, so a secret that contains another is removed whole.
            secrets.sort { $0.count > $1.count }
            return true
        }
    }

    public var isEmpty: Bool { lock.withLock { secrets.isEmpty } }

    public func redact(_ text: String) -> String {
        let current = lock.withLock { secrets }
        guard !current.isEmpty else { return text }
        var result = text
        for secret in current where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.replacement)
        }
        return result
    }
}
