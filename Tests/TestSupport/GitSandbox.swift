import Foundation
import Git

/// A real git repository in a temporary directory, driven by the real git CLI with
/// fixed identities and increasing fixed dates, so histories are reproducible.
/// Removed when the value goes away (unless another sandbox owns its directory).
public final class GitSandbox: @unchecked Sendable {
    public let path: String
    private var tick = 0
    /// Another sandbox whose directory holds this one (a clone inside it), kept alive with it.
    private let owner: GitSandbox?

    public init() async throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("releasekit-repo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        owner = nil
        try await git(["init", "-q", "-b", "main"])
    }

    /// Wraps a repository made elsewhere (a clone) inside `owner`'s directory.
    public init(existing path: String, keeping owner: GitSandbox) {
        self.path = path
        self.owner = owner
    }

    deinit { if owner == nil { try? FileManager.default.removeItem(atPath: path) } }

    /// Runs `git -C <directory or the sandbox> arguments`; a failure is a `GitError`
    /// unless `allowFailure`.
    @discardableResult
    public func git(_ arguments: [String], in directory: String? = nil, allowFailure: Bool = false) async throws -> String {
        tick += 1
        let date = "2026-01-01T00:\(String(format: "%02d", tick / 60 % 60)):\(String(format: "%02d", tick % 60))Z"
        let invocation = CommandLineInvocation("git", ["-C", directory ?? path] + arguments, environment: [
            "GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.com",
            "GIT_COMMITTER_NAME": "Test Committer", "GIT_COMMITTER_EMAIL": "committer@example.com",
            "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_NOSYSTEM": "1",
        ])
        let result = try await TestProcessRunner.shared.run(invocation)
        guard result.status == 0 || allowFailure else {
            throw GitError(invocation: invocation, status: result.status, stderr: result.stderrText)
        }
        return result.stdoutText
    }

    /// An empty commit with `message`, then each of `tags` on it.
    public func commit(_ message: String, tags: [String] = []) async throws {
        try await git(["commit", "-q", "--allow-empty", "-m", message])
        for tag in tags { try await git(["tag", tag]) }
    }
}
