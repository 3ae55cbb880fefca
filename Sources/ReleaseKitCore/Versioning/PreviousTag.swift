/// Picks the tag a release is compared against (for changelogs and diffs),
/// from the repository's tag names alone.
///
/// What a changelog reader expects:
/// - A final release follows the previous *final* release of its component:
///   `v1.3.0` after `v1.2.0`, `v1.3.0-rc.1`, `v1.3.0-rc.2` is compared with
///   `v1.2.0`, so its notes cover everything the release candidates did.
///   Only when no earlier final exists (the first final of a component) does
///   it fall back to the highest earlier prerelease of an *older* release;
///   prereleases of its own release never qualify.
/// - A prerelease follows whatever came just before it, final or not:
///   `v1.3.0-rc.2` after `v1.3.0-rc.1`, and `v1.3.0-rc.1` after `v1.2.0`.
///
/// Candidates must have the same component (compared exactly), parse under
/// the same scheme choice as the current tag, be of the same scheme, and
/// have strictly lower precedence: tags differing only in build metadata or
/// trailing zeros are the same release, not an earlier one. Tags that do not
/// parse are ignored; they are not release tags. Among equal-precedence
/// candidates the smallest tag name wins, so the answer never depends on the
/// order git lists tags in.
public enum PreviousTag {
    /// One pass over `tags`, parsing each once.
    public static func find<Tags: Sequence<String>>(
        in tags: Tags, before current: TagName, scheme: VersionSchemeChoice = .auto
    ) -> TagName? {
        let wantFinal = !current.version.isPrerelease
        var bestFinal: TagName?
        var bestOther: TagName?
        for name in tags {
            guard couldBelong(name, toComponent: current.component),
                  let candidate = try? TagName(parsing: name, scheme: scheme),
                  candidate.component == current.component,
                  ReleaseRank.precedence(of: candidate.version, comparedTo: current.version) == .lower
            else { continue }
            if wantFinal {
                if !candidate.version.isPrerelease {
                    bestFinal = higher(bestFinal, candidate)
                } else if !candidate.version.isPrerelease(ofSameReleaseAs: current.version) {
                    bestOther = higher(bestOther, candidate)
                }
            } else {
                bestOther = higher(bestOther, candidate)
            }
        }
        return bestFinal ?? bestOther
    }

    /// Convenience for callers holding only the current tag's name.
    /// Throws `InputError` when `currentTag` itself is not a release tag.
    public static func find<Tags: Sequence<String>>(
        in tags: Tags, before currentTag: String, scheme: VersionSchemeChoice = .auto
    ) throws -> TagName? {
        find(in: tags, before: try TagName(parsing: currentTag, scheme: scheme), scheme: scheme)
    }

    /// A cheap necessary condition for a tag to have `component`, checked before the
    /// full split: the component is the tag's prefix up to a separator, and a tag with
    /// no component is a version itself (a digit after an optional `v`, or PEP 440's
    /// leading whitespace or second `v`). Tags failing it cannot match, so skipping
    /// them changes no answer.
    static func couldBelong(_ tag: String, toComponent component: String) -> Bool {
        var rest = Substring(GitRef.tagName(tag))
        if component.isEmpty {
            rest = VersionText.strippingV(rest)
            guard let first = rest.unicodeScalars.first else { return false }
            return ("0"..."9").contains(first) || first == "v" || first == "V" || first.properties.isWhitespace
        }
        guard rest.hasPrefix(component) else { return false }
        let after = rest.dropFirst(component.count)
        return after.first.map { TagName.separators.contains($0) } ?? false
    }

    private static func higher(_ best: TagName?, _ candidate: TagName) -> TagName {
        guard let best else { return candidate }
        return ReleaseRank.outranks(candidate, best) ? candidate : best
    }
}
