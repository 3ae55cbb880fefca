/// The releases of one component in version order, each with the release it
/// follows, for tools that handle every release at once (render-changelog `--all`).
///
/// `PreviousTag.find` answers for one tag by scanning every tag; asking it for each
/// of 1,000 releases would parse a million tags. `ReleaseOrder` sorts once and
/// walks once, and gives the same answer as `PreviousTag.find` for every tag of a
/// single-scheme list (the tests check that on generated lists).
///
/// Versions of different schemes have no common precedence, so a component's
/// releases are read in one scheme: the one most of its tags use (SemVer on a tie).
/// Tags of the other scheme are returned in `ignored` so the caller can say so.
public struct ReleaseOrder: Sendable {
    /// Oldest first: ascending precedence; equal precedence by tag name (bytes).
    public let tags: [TagName]
    /// For each element of `tags`, the index in `tags` of the release it follows
    /// by the `PreviousTag` rule, or `nil` for the first release.
    public let previous: [Int?]
    /// Tags left out because their scheme is not the component's.
    public let ignored: [TagName]

    /// Orders `tags`, which must all belong to one component.
    public init(_ tags: [TagName]) {
        let semverCount = tags.count { $0.version.scheme == .semver }
        let scheme: VersionScheme = semverCount * 2 >= tags.count ? .semver : .pep440
        var kept: [TagName] = []
        var ignored: [TagName] = []
        for tag in tags {
            if tag.version.scheme == scheme { kept.append(tag) } else { ignored.append(tag) }
        }
        kept.sort { ReleaseRank.precedes($0, $1) }
        self.tags = kept
        self.ignored = ignored
        previous = Self.previousIndices(kept)
    }

    /// One ascending pass. Equal-precedence tags form a group; a group's
    /// representative is its smallest name, which `PreviousTag` picks among ties.
    private static func previousIndices(_ tags: [TagName]) -> [Int?] {
        var result = [Int?](repeating: nil, count: tags.count)
        var groupStart = 0
        var lastAny: Int?   // representative of the highest earlier group
        var lastFinal: Int? // representative of the highest earlier group holding a final
        var index = 0
        while index < tags.count {
            groupStart = index
            var groupEnd = index + 1
            while groupEnd < tags.count,
                  ReleaseRank.precedence(of: tags[groupEnd].version, comparedTo: tags[groupStart].version) == .same {
                groupEnd += 1
            }
            for member in groupStart..<groupEnd {
                let version = tags[member].version
                if version.isPrerelease {
                    result[member] = lastAny
                } else if let lastFinal {
                    result[member] = lastFinal
                } else {
                    result[member] = highestOlderPrerelease(below: groupStart, of: version, in: tags)
                }
            }
            lastAny = groupStart
            if let final = (groupStart..<groupEnd).first(where: { !tags[$0].version.isPrerelease }) {
                lastFinal = final
            }
            index = groupEnd
        }
        return result
    }

    /// For the first final of a component: the highest earlier prerelease that is
    /// not one of its own release's prereleases (the smallest name among ties).
    private static func highestOlderPrerelease(below end: Int, of version: Version, in tags: [TagName]) -> Int? {
        var candidate = end - 1
        while candidate >= 0, tags[candidate].version.isPrerelease(ofSameReleaseAs: version) {
            candidate -= 1
        }
        guard candidate >= 0 else { return nil }
        while candidate > 0, ReleaseRank.precedence(of: tags[candidate - 1].version, comparedTo: tags[candidate].version) == .same {
            candidate -= 1
        }
        return candidate
    }
}
