/// What bump-version's plan refuses, named by concept (the package, its files);
/// the edge adds which flag would resolve it.
public enum BumpVersionPlanError: ReleaseKitError, Equatable {
    /// No release tag, so the version files name the current version, and they do
    /// not agree: `values` are `file:line has VERSION`.
    case versionFilesDisagree(package: String, values: [String])
    /// The packages' manifests pin each other in a circle, so no release order
    /// lets every pin name a released version: the cycle, ending where it starts.
    case dependencyCycle([String])

    public var kind: FailureKind { .invalidInput }

    public var description: String {
        switch self {
        case let .versionFilesDisagree(package, values):
            "there is no release tag for \(package), and its version files disagree on the current version: \(values.joined(separator: ", "))"
        case let .dependencyCycle(cycle):
            "the packages depend on each other in a cycle (\(cycle.joined(separator: " → "))), so no release order puts every dependency first; remove one of these pins"
        }
    }
}
