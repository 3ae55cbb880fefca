import ReleaseKitCore

/// The exit statuses every tool shares.
public enum ExitStatus: Int32, Sendable {
    /// Success, including "decided to skip" for guard-loop.
    case success = 0
    /// The operation ran and failed: a verification failed, the API refused.
    case failure = 1
    /// Bad usage or invalid input: an unknown flag, an unparsable tag, a malformed
    /// payload, a missing required variable.
    case usage = 2

    /// The one mapping from errors to statuses. Errors of the layers above the runtime
    /// (the command-line parser's exit codes) say their own status through
    /// `ExitStatusReporting`.
    public init(for error: Error) {
        switch error {
        case let error as ReleaseKitError:
            self = error.kind == .invalidInput ? .usage : .failure
        case let error as ExitStatusReporting:
            self = error.exitStatus
        default:
            self = .failure
        }
    }
}

/// An error that knows which shared exit status it stands for.
public protocol ExitStatusReporting: Error {
    var exitStatus: ExitStatus { get }
}
