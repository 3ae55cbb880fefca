/// A version file that cannot be read or edited as asked. Always found before
/// anything is written, so the run stops with every file untouched (exit 2).
public struct VersionFileError: ReleaseKitError, Equatable {
    public let path: String
    public let reason: String
    public var kind: FailureKind { .invalidInput }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "version file \(path): \(reason)" }
}
