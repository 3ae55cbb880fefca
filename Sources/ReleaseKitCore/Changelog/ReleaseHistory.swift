/// Assigns every commit of a history to the release that first shipped it, in one
/// pass over the commits and their parents.
///
/// A commit belongs to the *oldest* release (lowest rank, in `ReleaseOrder`)
/// whose tagged commit has it as an ancestor. Because `git log --topo-order`
/// lists every commit before its parents, one walk that hands each commit's rank
/// down to its parents computes that minimum for all commits at once: no
/// `git merge-base` per tag, no walk per release. Commits no release tag reaches
/// get `ReleaseHistory.unreleased`.
public struct ReleaseHistory: Sendable {
    /// The rank of commits that no release contains.
    public static let unreleased = Int.max

    /// The history, newest first, children before parents.
    public let commits: [HistoryCommit]
    /// The rank of the release each commit first shipped in.
    public let ranks: [Int]
    /// Commit positions per rank, ascending (newest first).
    private let buckets: [Int: [Int]]

    /// - Parameters:
    ///   - commits: `git log --topo-order` output, newest first.
    ///   - releaseCommits: for each rank (oldest release first), the commit its tag
    ///     marks. Tags whose commit is not in `commits` simply mark nothing.
    public init(commits: [HistoryCommit], releaseCommits: [String]) {
        var position: [String: Int] = [:]
        position.reserveCapacity(commits.count)
        for (index, commit) in commits.enumerated() { position[commit.sha] = index }

        var ranks = [Int](repeating: Self.unreleased, count: commits.count)
        for (rank, sha) in releaseCommits.enumerated() {
            if let index = position[sha], rank < ranks[index] { ranks[index] = rank }
        }
        for index in commits.indices {
            let rank = ranks[index]
            guard rank != Self.unreleased else { continue }
            for parent in commits[index].parents {
                if let parentIndex = position[parent], rank < ranks[parentIndex] {
                    ranks[parentIndex] = rank
                }
            }
        }
        var buckets: [Int: [Int]] = [:]
        for (index, rank) in ranks.enumerated() { buckets[rank, default: []].append(index) }
        self.commits = commits
        self.ranks = ranks
        self.buckets = buckets
    }

    /// Positions (newest first) of the commits whose rank is above `lower` and at
    /// most `upper`: the commits of a release whose previous release has rank
    /// `lower` (`nil`: none) and whose own rank is `upper` (`unreleased` for a
    /// release not tagged yet, which takes every later commit too).
    public func positions(after lower: Int?, through upper: Int) -> [Int] {
        let low = lower.map { $0 + 1 } ?? 0
        guard low <= upper else { return [] }
        let ranks = buckets.keys.filter { $0 >= low && $0 <= upper }
        if ranks.count == 1 { return buckets[ranks[0]]! }
        return ranks.flatMap { buckets[$0]! }.sorted()
    }

    /// Whether any commit is in no release.
    public var hasUnreleasedCommits: Bool { buckets[Self.unreleased] != nil }
}
