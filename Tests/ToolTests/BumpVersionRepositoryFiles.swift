import Foundation
import Git
import ReleaseKitTestSupport

/// The file and remote helpers bump-version's git tests share.
protocol BumpVersionRepositoryFiles {}

/// Seed 001's three packages as `.releasekit.yml` lists them.
let seed001Packages = """
    packages:
      - name: aetherflow
        path: packages/aetherflow
      - name: aetherflow-core
        path: packages/aetherflow-core
      - name: aetherflow-scheduler
        path: packages/aetherflow-scheduler

    """

extension BumpVersionRepositoryFiles {
    func write(_ repo: GitSandbox, _ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: repo.path + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ repo: GitSandbox, _ path: String) -> String {
        (try? String(contentsOfFile: repo.path + "/" + path, encoding: .utf8)) ?? ""
    }

    /// The commit `ref` names in the bare repository `origin`, nil when it names none.
    func remoteRef(_ origin: String, _ ref: String) async -> String? {
        let result = try? await TestProcessRunner.shared.run(CommandLineInvocation("git", ["--git-dir", origin, "rev-parse", "-q", "--verify", ref + "^{commit}"]))
        guard let result, result.status == 0 else { return nil }
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `path` and commits it with `message`.
    func commit(_ repo: GitSandbox, _ path: String, _ text: String, _ message: String) async throws {
        try write(repo, path, text)
        try await repo.git(["add", "."])
        try await repo.commit(message)
    }

    /// A new repository holding `files`, committed with `message` and tagged with `tags`.
    func repository(_ files: [(path: String, text: String)], message: String = "feat: first", tags: [String] = []) async throws -> GitSandbox {
        let repo = try await GitSandbox()
        for file in files { try write(repo, file.path, file.text) }
        try await repo.git(["add", "."])
        try await repo.commit(message, tags: tags)
        return repo
    }
}
