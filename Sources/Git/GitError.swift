import ReleaseKitCore

/// A git command that exited non-zero, with everything needed to reproduce it.
public struct GitError: ReleaseKitError {
    public let invocation: CommandLineInvocation
    public let status: Int32
    public let stderr: String
    public var kind: FailureKind { .operationFailed }

    public init(invocation: CommandLineInvocation, status: Int32, stderr: String) {
        self.invocation = invocation
        self.status = status
        self.stderr = stderr
    }

    public var description: String {
        let detail = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        return "`\(invocation)` failed with status \(status)" + (detail.isEmpty ? "" : ": \(detail)")
    }
}
