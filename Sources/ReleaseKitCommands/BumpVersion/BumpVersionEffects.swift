import ReleaseKitCore
import ReleaseKitRuntime

/// The one stage of bump-version that changes anything: it applies a plan. A dry
/// run and `--check` never get here.
struct BumpVersionEffects {
    /// The git side, when the run is in a repository.
    let session: GitSession?
    /// Set when this run holds the repository lock: then its changes are journaled.
    let gitDirectory: String?
    let push: Bool
    let context: ToolContext

    /// Writes the changed files, then commits, tags and pushes as the session was
    /// told to, recording each release commit in `plan`. On a failure the caller
    /// restores through the session.
    func apply(_ plan: inout BumpVersionPlan, message template: String?) async throws {
        let changed = plan.changedFiles
        guard let session, let gitDirectory, !changed.isEmpty || !plan.released.isEmpty else {
            _ = try VersionFileWriter(fileSystem: context.fileSystem, log: context.log).write(changed)
            return
        }
        // In a repository: journaled, so even kill -9 can be undone by the next run.
        let journal = try await ReleaseJournal(gitDirectory: gitDirectory, repository: session.repository, files: changed,
                                         fileSystem: context.fileSystem, host: context.hostName(), log: context.log)
        session.journal = journal
        session.written = try await journal.replaceFiles(changed)
        try await session.commitAndTag(&plan.packages, template: template)
        // Every local change is made: from here a kill leaves a finished local
        // release, which the journal must not undo; a failed push is undone in
        // this process (restore) from what it holds in memory.
        journal.finish()
        if push { try await session.push(plan.packages) }
    }
}
