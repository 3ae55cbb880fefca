import ArgumentParser
import ReleaseKit

/// The exit statuses every tool shares.
public enum ExitStatus: Int32, Sendable {
    /// Success, including "decided to skip" for guard-loop.
    case success = 0
    /// The operation ran and failed: a verification failed, the API refused.
    case failure = 1
    /// Bad usage or invalid input: an unknown flag, an unparsable tag, a malformed
    /// payload, a missing required variable.
    case usage = 2

    /// The one mapping from errors to statuses.
    public init(for error: Error) {
        switch error {
        case let error as ReleaseKitError:
            self = error.kind == .invalidInput ? .usage : .failure
        case let code as ExitCode:
            self = code == .success ? .success : (code.rawValue == 1 ? .failure : .usage)
        default:
            self = .failure
        }
    }
}
