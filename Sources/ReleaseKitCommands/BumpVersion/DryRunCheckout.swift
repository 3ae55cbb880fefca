import Foundation
import Git
import ReleaseKitCore
import ReleaseKitRuntime

/// A temporary, detached worktree at the commit a release branch would be reset to,
/// so `--dry-run` in release-branch mode plans on exactly what would be released
/// without touching the user's checkout or branches. It shares the repository's
/// objects and refs (so tags and history are the real ones) and is removed after.
final class DryRunCheckout {
    let repository: Repository
    private let original: Repository

    init(from original: Repository, at commit: String, temporaryDirectory: String) async throws {
        self.original = original
        let path = URL(fileURLWithPath: temporaryDirectory)
            .appendingPathComponent("releasekit-dry-run-\(UUID().uuidString)").path
        do {
            try await original.run(["worktree", "add", "--quiet", "--detach", path, commit])
        } catch {
            throw OperationError("dry run: cannot check out \(commit) in a temporary worktree to plan on it: \(error)")
        }
        repository = Repository(path: path, runner: original.runner, gitExecutable: original.gitExecutable)
    }

    func remove() async {
        _ = try? await original.run(["worktree", "remove", "--force", repository.path])
        _ = try? await original.run(["worktree", "prune"])
    }
}
