/// `--prerelease auto|true|false`: auto follows the tag (parse-tag's rules).
public enum PrereleaseChoice: String, Sendable, CaseIterable {
    case auto, `true`, `false`
}

/// `--latest auto|true|false|legacy`: auto is `false` for prereleases and GitHub's
/// default otherwise.
public enum LatestChoice: String, Sendable, CaseIterable {
    case auto, `true`, `false`, legacy
}
