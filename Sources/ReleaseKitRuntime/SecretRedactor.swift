import Foundation
import ReleaseKitCore

/// Remembers every secret a tool has read and removes it from all text the tool
/// writes: logs, outputs, the step summary and error messages. GitHub's own masking
/// only works on its log; this one works everywhere, including other CI systems.
///
/// Matching is on UTF-8 bytes (see `Redaction`), so no Unicode trick around a token
/// (a combining mark, a joiner) hides it from the redactor.
public final class SecretRedactor: @unchecked Sendable {
    public static let replacement = Redaction.replacement
    /// The variables whose values are redacted from everything any tool writes, even
    /// tools that never use them: a token must not leave through a commit message.
    public static let tokenVariables = ["GITHUB_TOKEN", "GH_TOKEN", "ACTIONS_RUNTIME_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"]

    private let lock = NSLock()
    private var secrets: [[UInt8]] = []

    public init() {}

    /// A redactor that already knows the token variables set in `environment`.
    public convenience init(environment: [String: String]) {
        self.init()
        for name in Self.tokenVariables {
            if let value = environment[name] { register(value) }
        }
    }

    /// Registers a secret. Returns false when it was empty or already known.
    @discardableResult
    public func register(_ secret: String) -> Bool {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return false }
        let bytes = Array(trimmed.utf8)
        return lock.withLock {
            guard !secrets.contains(bytes) else { return false }
            secrets.append(bytes)
            // Longest first, so a secret that contains another is removed whole.
            secrets.sort { $0.count > $1.count }
            return true
        }
    }

    public var isEmpty: Bool { lock.withLock { secrets.isEmpty } }

    public func redact(_ text: String) -> String {
        let current = lock.withLock { secrets }
        guard !current.isEmpty else { return text }
        return Redaction.remove(current, from: text)
    }

    /// Runs `body` with this redactor bound as `Redaction.active`, so code that shortens
    /// untrusted text redacts before it cuts.
    public func scope<T>(_ body: () async throws -> T) async rethrows -> T {
        try await Redaction.$active.withValue({ [self] in redact($0) }, operation: body)
    }

    public func scope<T>(_ body: () throws -> T) rethrows -> T {
        try Redaction.$active.withValue({ [self] in redact($0) }, operation: body)
    }
}
