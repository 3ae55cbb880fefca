import Foundation
import ReleaseKitCore

/// One commit as the log stream gives it: enough to decide a release.
public struct LoggedCommit: Sendable, Hashable {
    public let sha: String
    /// The raw message (`%B`), decoded lossily: invalid UTF-8 is replaced, never fatal.
    public let message: String

    public init(sha: String, message: String) {
        self.sha = sha
        self.message = message
    }
}

extension Repository {
    /// The commits reachable from `head` but not from `since` (all of `head`'s
    /// history when `since` is nil), newest first, without merges, limited to
    /// those touching `paths` (relative to the repository root) when given.
    ///
    /// The same one-process `git log` stream and parser as `history(revisions:)`.
    public func commits(since: String?, head: String = "HEAD", paths: [String] = []) async throws -> [LoggedCommit] {
        let range = since.map { "\($0)..\(head)" } ?? head
        return try await history(revisions: [range], paths: paths, merges: false, order: .date)
            .map { LoggedCommit(sha: $0.sha, message: $0.message) }
    }

    /// The commit `revision` names, or nil when it names none or git cannot read it.
    /// For a question whose wrong answer would be a wrong release (is there a commit
    /// at all?), use `resolveCommit`, which tells the two apart.
    public func commitSHA(_ revision: String) async -> String? {
        (try? await resolveCommit(revision)) ?? nil
    }

    /// The commit `revision` names; nil only when it names nothing (an unborn HEAD,
    /// an unknown name). A name whose object git cannot read (a corrupt or missing
    /// object) is the `GitError`: with `-q --verify` git exits 1 silently for a
    /// missing name and 128 with a `fatal:` line for a broken object, and the
    /// second must never pass for "no commits yet" or "nothing releasable".
    public func resolveCommit(_ revision: String) async throws -> String? {
        let invocation = command(["rev-parse", "-q", "--verify", "--end-of-options", revision + "^{commit}"])
        let result = try await runner.run(invocation)
        let stderr = result.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        if result.status == 0 {
            let sha = result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            return sha.isEmpty ? nil : sha
        }
        guard result.status == 1, stderr.isEmpty else {
            throw GitError(invocation: invocation, status: result.status, stderr: result.stderrText)
        }
        // Also silent: a ref naming an object that is not there at all. The ref
        // itself resolves (refs are read without objects); the object does not.
        guard let named = await refValue(revision) else { return nil }
        let probe = command(["cat-file", "-t", named])
        let type = try await runner.run(probe)
        guard type.status == 0 else {
            throw GitError(invocation: probe, status: type.status,
                           stderr: type.stderrText.isEmpty ? "\(revision) names \(named), which is missing from the object store" : type.stderrText)
        }
        return nil
    }

    /// The object a ref holds right now (an annotated tag's own object, not the
    /// commit), or nil when the ref does not exist: the identity a rollback checks
    /// before it deletes or moves a ref.
    public func refValue(_ ref: String) async -> String? {
        guard let output = try? await run(["rev-parse", "-q", "--verify", "--end-of-options", ref]) else { return nil }
        let sha = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return sha.isEmpty ? nil : sha
    }

    /// The git directory every worktree of this repository shares (where refs and
    /// objects live), as an absolute path.
    public func commonGitDirectory() async throws -> String {
        let output = try await run(["rev-parse", "--path-format=absolute", "--git-common-dir"])
        return output.trimmingCharacters(in: .newlines)
    }

    /// The checked-out branch, or nil on a detached HEAD.
    public func currentBranch() async -> String? {
        guard let output = try? await run(["symbolic-ref", "-q", "--short", "HEAD"]) else { return nil }
        let name = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : name
    }

    /// Paths of tracked files with uncommitted changes (staged or not). Untracked
    /// files do not count: they cannot end up in a release commit by accident.
    public func uncommittedChanges() async throws -> [String] {
        try await run(["status", "--porcelain", "--untracked-files=no"])
            .split(separator: "\n").map { String($0.dropFirst(3)) }
    }

    /// Whether commits made here would have an author without help: the
    /// environment or git config names one.
    public func hasCommitIdentity(environment: [String: String]) async -> Bool {
        var name = environment["GIT_COMMITTER_NAME"]
        if name == nil { name = try? await run(["config", "--get", "user.name"]) }
        var email = environment["GIT_COMMITTER_EMAIL"] ?? environment["EMAIL"]
        if email == nil { email = try? await run(["config", "--get", "user.email"]) }
        return !(name ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            && !(email ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// The commit each of `tags` points at on `remote` (peeled through annotated
    /// tags); tags the remote does not have are absent. One `git ls-remote`.
    public func remoteTagCommits(_ tags: [String], remote: String) async throws -> [String: String] {
        guard !tags.isEmpty else { return [:] }
        // The peeled line (`^{}`) of an annotated tag is only listed when asked for by name.
        let output = try await run(["ls-remote", "--tags", remote] + tags.flatMap { [GitRef.tag($0), GitRef.tag($0) + "^{}"] })
        var direct: [String: String] = [:], peeled: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else { continue }
            var name = Substring(GitRef.tagName(String(fields[1])))
            if name.hasSuffix("^{}") {
                name = name.dropLast(3)
                peeled[String(name)] = String(fields[0])
            } else {
                direct[String(name)] = String(fields[0])
            }
        }
        return direct.merging(peeled) { _, peeled in peeled }.filter { tags.contains($0.key) }
    }
}
