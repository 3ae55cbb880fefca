/// What kind of failure an error is, so the one place that maps errors to exit
/// statuses can do so without knowing every concrete error type.
public enum FailureKind: Sendable, Equatable {
    /// The input was wrong: a flag, a tag, a payload, a missing variable. Exit status 2.
    case invalidInput
    /// The input was fine but the operation failed: a check did not pass, the API refused. Exit status 1.
    case operationFailed
}

/// Every error the toolkit throws on purpose. The message must tell the user what
/// was wrong and what to do; it is printed as is (after escaping), so it must never
/// hold a secret.
public protocol ReleaseKitError: Error, CustomStringConvertible, Sendable {
    var kind: FailureKind { get }
}

/// A ready-made error for simple cases where a dedicated enum would add nothing.
public struct InputError: ReleaseKitError, Equatable {
    public let description: String
    public var kind: FailureKind { .invalidInput }
    public init(_ message: String) { description = message }
}

/// An operation that ran and failed (exit status 1).
public struct OperationError: ReleaseKitError, Equatable {
    public let description: String
    public var kind: FailureKind { .operationFailed }
    public init(_ message: String) { description = message }
}
