/// The version every ReleaseKit tool reports with `--version`. One constant, so the
/// six binaries can never disagree; `scripts/package` checks it against the tag.
public enum ToolkitVersion {
    public static let current = "0.1.0"
}
