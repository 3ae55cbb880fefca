import Testing
@testable import ReleaseKitCore

@Suite struct ReleaseHistoryTests {
    /// History, newest first:
    ///
    ///     m (merge of f into e)   <- HEAD, untagged
    ///     f (side branch off c)
    ///     e                        <- v2 (rank 1)
    ///     d
    ///     c                        <- v1 (rank 0)
    ///     b
    ///     a (root)
    static let commits = [
        HistoryCommit(sha: "m", parents: ["e", "f"], message: "Merge f"),
        HistoryCommit(sha: "f", parents: ["c"], message: "feat: side"),
        HistoryCommit(sha: "e", parents: ["d"], message: "fix: e"),
        HistoryCommit(sha: "d", parents: ["c"], message: "feat: d"),
        HistoryCommit(sha: "c", parents: ["b"], message: "feat: c"),
        HistoryCommit(sha: "b", parents: ["a"], message: "fix: b"),
        HistoryCommit(sha: "a", parents: [], message: "chore: root"),
    ]

    @Test func eachCommitGoesToTheOldestReleaseContainingIt() {
        let history = ReleaseHistory(commits: Self.commits, releaseCommits: ["c", "e"])
        #expect(history.ranks == [ReleaseHistory.unreleased, ReleaseHistory.unreleased, 1, 1, 0, 0, 0])
        #expect(history.positions(after: nil, through: 0).map { Self.commits[$0].sha } == ["c", "b", "a"])
        #expect(history.positions(after: 0, through: 1).map { Self.commits[$0].sha } == ["e", "d"])
        #expect(history.positions(after: 1, through: ReleaseHistory.unreleased).map { Self.commits[$0].sha } == ["m", "f"])
        #expect(history.hasUnreleasedCommits)
    }

    @Test func aReleaseAfterPrereleasesTakesTheirCommitsToo() {
        // v1 (rank 0) at c, rc (rank 1) at d, final (rank 2) at e; the final's
        // previous release is v1, so its window (0, 2] holds d and e.
        let history = ReleaseHistory(commits: Self.commits, releaseCommits: ["c", "d", "e"])
        #expect(history.positions(after: 0, through: 2).map { Self.commits[$0].sha } == ["e", "d"])
        #expect(history.positions(after: 0, through: 1).map { Self.commits[$0].sha } == ["d"])
    }

    @Test func tagsOutOfOrderStillGiveTheOldestRelease() {
        // A higher version tagged on an older commit: commits below it belong to it.
        let history = ReleaseHistory(commits: Self.commits, releaseCommits: ["e", "b"])
        #expect(history.ranks == [ReleaseHistory.unreleased, ReleaseHistory.unreleased, 0, 0, 0, 0, 0])
    }

    @Test func tagsOutsideTheHistoryMarkNothing() {
        let history = ReleaseHistory(commits: Self.commits, releaseCommits: ["zzz"])
        #expect(history.ranks.allSatisfy { $0 == ReleaseHistory.unreleased })
        #expect(history.positions(after: nil, through: 0).isEmpty)
    }

    @Test func twoTagsOnOneCommitGiveItTheLowerRank() {
        let history = ReleaseHistory(commits: Self.commits, releaseCommits: ["e", "e"])
        #expect(history.ranks[2] == 0)
        #expect(history.positions(after: 0, through: 1).isEmpty)
    }

    @Test func linearInTheNumberOfCommits() {
        // 200,000 commits in a chain, a tag every 10: one pass, no quadratic walk.
        let count = 200_000
        let commits = (0..<count).map { index in
            HistoryCommit(sha: "c\(count - index)", parents: index == count - 1 ? [] : ["c\(count - index - 1)"], message: "fix: x")
        }
        let tags = stride(from: 10, through: count, by: 10).map { "c\($0)" }
        let history = ReleaseHistory(commits: commits, releaseCommits: tags)
        #expect(history.positions(after: 0, through: 1).count == 10)
        #expect(history.ranks.last == 0)
    }
}
