import Foundation
import ReleaseKitCore

/// A render-changelog case's world (`steps.json`): the history and tags exactly as git
/// listed them when the case was recorded, and what git would answer about them. The
/// answers come from walking the parents, so a case needs no repository and no process.
struct ChangelogCaseWorld: Decodable {
    struct Tag: Decodable { let name: String, commit: String, date: String }
    struct Commit: Decodable { let sha: String, parents: [String], author: String, email: String, date: String, message: String }

    let env: [String: String]
    let head: String
    let today: String
    let tags: [Tag]
    /// Newest first, in git's topological order.
    let commits: [Commit]

    var references: [TagReference] { tags.map { TagReference(name: $0.name, commit: $0.commit, date: $0.date) } }

    /// What `git rev-parse` gives for a ref: HEAD, a tag, or an object name.
    func resolve(_ ref: String) -> String? {
        if ref == "HEAD" { return head }
        let name = GitRef.tagName(ofRef: ref) ?? ref
        if let tag = tags.first(where: { $0.name == name }) { return tag.commit }
        return commits.first { $0.sha == ref }?.sha
    }

    /// Every commit reachable from `starts`, themselves included: one walk over the parents.
    func ancestors(of starts: [String]) -> Set<String> {
        let parents = Dictionary(commits.map { ($0.sha, $0.parents) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = [], stack = starts
        while let sha = stack.popLast() {
            if seen.insert(sha).inserted { stack.append(contentsOf: parents[sha] ?? []) }
        }
        return seen
    }

    /// `git log REVISIONS`: reachable from the positive ones, not from any `^` one.
    func history(revisions: [String]) -> [HistoryCommit] {
        let excluded = ancestors(of: revisions.filter { $0.hasPrefix("^") }.compactMap { resolve(String($0.dropFirst())) })
        let included = ancestors(of: revisions.filter { !$0.hasPrefix("^") }.compactMap(resolve))
        return commits.filter { included.contains($0.sha) && !excluded.contains($0.sha) }.map {
            HistoryCommit(sha: $0.sha, parents: $0.parents, authorName: $0.author, authorEmail: $0.email, date: $0.date, message: $0.message)
        }
    }

    /// `git tag --merged COMMIT`.
    func tagNames(mergedInto commit: String) -> Set<String> {
        let reachable = ancestors(of: [commit])
        return Set(tags.filter { reachable.contains($0.commit) }.map(\.name))
    }
}
