/// What bump-version's plan refuses, named by concept (the package, its files);
/// the edge adds which flag would resolve it.
public enum BumpVersionPlanError: ReleaseKitError, Equatable {
    /// No release tag, so the version files name the current version, and they do
    /// not agree: `values` are `file:line has VERSION`.
    case versionFilesDisagree(package: String, values: [String])

    public var kind: FailureKind { .invalidInput }

    public var description: String {
        switch self {
        case let .versionFilesDisagree(package, values):
            "there is no release tag for \(package), and its version files disagree on the current version: \(values.joined(separator: ", "))"
        }
    }
}
