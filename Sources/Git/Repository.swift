import Foundation
import ReleaseKitCore

/// A git repository on disk, driven through the real `git` CLI.
///
/// Every call is one `git` process described as a `CommandLineInvocation`, so tests
/// can check the argument lists and failures carry argv, status and stderr.
public struct Repository: Sendable {
    public let path: String
    public let runner: ProcessRunner
    public let gitExecutable: String

    public init(path: String, runner: ProcessRunner, gitExecutable: String = "git") {
        self.path = path
        self.runner = runner
        self.gitExecutable = gitExecutable
    }

    /// The invocation for `git <arguments>` in this repository. Prompts and pagers are
    /// switched off: a tool in CI must never wait for a terminal.
    public func command(_ arguments: [String]) -> CommandLineInvocation {
        CommandLineInvocation(
            gitExecutable, ["-C", path] + arguments,
            environment: ["GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"]
        )
    }

    /// Runs git and returns its stdout; a non-zero exit is a `GitError`.
    @discardableResult
    public func run(_ arguments: [String]) async throws -> String {
        try await runData(arguments).stdoutText
    }

    public func runData(_ arguments: [String]) async throws -> ProcessResult {
        let invocation = command(arguments)
        let result = try await runner.run(invocation)
        guard result.status == 0 else {
            throw GitError(invocation: invocation, status: result.status, stderr: result.stderrText)
        }
        return result
    }

    /// Finds the repository containing `directory`, or nil when it is not inside one
    /// (or git is not installed, which for our purposes is the same).
    public static func discover(at directory: String, runner: ProcessRunner) async -> Repository? {
        let probe = Repository(path: directory, runner: runner)
        guard let result = try? await runner.run(probe.command(["rev-parse", "--show-toplevel"])),
              result.status == 0 else { return nil }
        let top = result.stdoutText.trimmingCharacters(in: .newlines)
        return top.isEmpty ? nil : Repository(path: top, runner: runner)
    }

    /// Whether this is a shallow clone, as `actions/checkout` makes by default.
    public func isShallow() async throws -> Bool {
        try await run(["rev-parse", "--is-shallow-repository"]).trimmingCharacters(in: .whitespacesAndNewlines) == "true"
    }

    /// Every tag name, in one process however many there are.
    public func tagNames() async throws -> [String] {
        try await run(["for-each-ref", "--format=%(refname:strip=2)", "refs/tags"])
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map(String.init)
    }
}

extension Repository {
    /// Whether `name` is a tag, a branch (local or remote), or neither here.
    public func refKind(of name: String) async -> (isTag: Bool, isBranch: Bool) {
        guard let output = try? await run(["for-each-ref", "--format=%(refname)",
                                     GitRef.tag(name), GitRef.branch(name), "refs/remotes/*/" + name]) else {
            return (false, false)
        }
        let refs = output.split(separator: "\n")
        return (refs.contains { GitRef.tagName(ofRef: String($0)) != nil },
                refs.contains { GitRef.branchName(ofRef: String($0)) != nil || $0.hasPrefix("refs/remotes/") })
    }
}
