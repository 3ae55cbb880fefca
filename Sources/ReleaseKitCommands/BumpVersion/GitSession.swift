import Foundation
import Git
import ReleaseKitCore
import ReleaseKitRuntime

/// The git side of a bump: the release-branch checks (seed 001's release.py
/// policy), commits, tags and the push, and putting everything back when any of
/// it fails, so that a failed run leaves the repository as it found it and the
/// remote untouched.
final class GitSession {
    static let remote = "origin"
    static let botName = "github-actions[bot]"
    static let botEmail = "41898282+github-actions[bot]@users.noreply.github.com"

    let repository: Repository
    let options: BumpVersionOptions
    let context: ToolContext
    private let originalBranch: String?
    private let originalSHA: String?

    private var switchedToReleaseBranch = false
    private var releaseBranchBefore: String?
    /// The commit this run reset the release branch to, so putting the branch back
    /// is checked against it (`update-ref` with the old value), never done by name.
    private var releaseBranchSetTo: String?
    private var remoteReleaseBranch: String?
    private var createdTags: [String] = []
    private var restored = false
    /// Files written by this run.
    var written: [PlannedFile] = []
    /// What this run changed, for undoing it by identity; set once files are written.
    var journal: ReleaseJournal?
    /// In a release-branch dry run: the commit the release branch would be reset to.
    private(set) var dryRunBase: String?

    init(repository: Repository, options: BumpVersionOptions, context: ToolContext) async {
        self.repository = repository
        self.options = options
        self.context = context
        originalBranch = await repository.currentBranch()
        originalSHA = await repository.commitSHA("HEAD")
    }

    private var log: Log { context.log }

    // MARK: - Before planning

    /// The checks for an in-place `--commit`/`--tag`/`--push`.
    func prepareInPlace() async throws {
        if !options.dryRun { try await checkCleanTree() }
        if options.push, options.commits, originalBranch == nil, !options.dryRun {
            throw InputError("--push with --commit needs a checked-out branch to push to, and HEAD is detached; use --base-branch B --release-branch R, or check out a branch")
        }
    }

    private func checkCleanTree() async throws {
        guard !options.allowDirty else { return }
        let changes = try await repository.uncommittedChanges()
        guard changes.isEmpty else {
            throw OperationError("the working tree has uncommitted changes (\(changes.prefix(5).joined(separator: ", "))\(changes.count > 5 ? ", …" : "")): commit or stash them, or pass --allow-dirty")
        }
    }

    /// Release-branch mode up to the checkout: fetch, check the base, create or reset
    /// the release branch at origin/BASE. Each failure here is a hard failure with
    /// nothing changed.
    func prepareReleaseBranch() async throws {
        guard let base = options.baseBranch, let release = options.releaseBranch else { return }
        if originalBranch == nil {
            log.warning("HEAD is detached (normal in GitHub Actions); the release branch \(release) is made from origin/\(base) all the same",
                        title: "bump-version: detached HEAD")
        }
        try await checkCleanTree()
        do {
            try await repository.run(["fetch", "--quiet", Self.remote])
        } catch {
            throw OperationError("cannot fetch \(Self.remote): \(error)")
        }
        guard let remoteBase = await repository.commitSHA("refs/remotes/\(Self.remote)/\(base)") else {
            throw OperationError("the remote base branch \(Self.remote)/\(base) does not exist: push \(base) first, or check --base-branch")
        }
        if !options.skipBaseSyncCheck {
            let local = await repository.commitSHA("refs/heads/\(base)")
            let compared = local ?? originalSHA
            guard compared == remoteBase else {
                let what = local == nil ? "HEAD (no local branch \(base))" : "local \(base)"
                throw OperationError("\(what) is at \(short(compared)) but \(Self.remote)/\(base) is at \(short(remoteBase)): the release must be made from exactly what CI tested; update \(base), or pass --skip-base-sync-check")
            }
        }
        releaseBranchBefore = await repository.commitSHA("refs/heads/\(release)")
        remoteReleaseBranch = await repository.commitSHA("refs/remotes/\(Self.remote)/\(release)")
        if options.dryRun {
            dryRunBase = remoteBase
            log.notice("dry run: planning on \(Self.remote)/\(base) (\(short(remoteBase))) in a temporary worktree; \(release) and this checkout stay as they are")
            return
        }
        do {
            try await repository.run(["checkout", "-q", "-B", release, remoteBase])
        } catch {
            throw OperationError("cannot create or reset the release branch \(release) at \(Self.remote)/\(base): \(error)")
        }
        switchedToReleaseBranch = true
        releaseBranchSetTo = remoteBase
        log.info("release branch \(release) reset to \(Self.remote)/\(base) (\(short(remoteBase)))")
    }

    // MARK: - After writing

    /// `-c user.name=… -c user.email=…` for the bot when running in Actions with no
    /// identity configured; the user's own configuration is never changed.
    private func identity() async -> [String] {
        if let cachedIdentity { return cachedIdentity }
        var arguments: [String] = []
        if context.environment["GITHUB_ACTIONS"] == "true",
           await !repository.hasCommitIdentity(environment: context.environment) {
            log.info("no git identity configured: committing as \(Self.botName)")
            arguments = ["-c", "user.name=\(Self.botName)", "-c", "user.email=\(Self.botEmail)"]
        }
        cachedIdentity = arguments
        return arguments
    }

    private var cachedIdentity: [String]?

    /// Each step is written to the journal before it runs and after it is done, so
    /// a kill between the two is still undone by identity (see ReleaseJournal).
    func commitAndTag(_ plans: inout [PackagePlan], template: String?) async throws {
        for index in plans.indices where plans[index].released {
            let plan = plans[index]
            let message = plan.message(template: template)
            let changed = plan.files.filter(\.changes).map(\.ref.gitPath)
            if options.commits {
                if changed.isEmpty {
                    log.notice("\(plan.label): no version file changed, so there is nothing to commit")
                } else {
                    try journal?.committing(message)
                    do {
                        try await repository.run(["add", "--"] + changed)
                        try await repository.run(await identity() + ["commit", "-q", "-m", message, "--"] + changed)
                    } catch {
                        throw OperationError("cannot commit the release of \(plan.label): \(error)")
                    }
                    guard let commit = try await repository.resolveCommit("HEAD") else {
                        throw OperationError("git commit succeeded for \(plan.label) but HEAD names no commit")
                    }
                    plans[index].commit = commit
                    try journal?.committed(commit)
                }
            }
            if options.tags, let tag = plan.tag {
                // The tag names its commit explicitly: the one just made, else HEAD as it was.
                var target = plans[index].commit
                if target == nil { target = try await repository.resolveCommit("HEAD") }
                guard let target else {
                    throw OperationError("cannot create the tag \(tag): HEAD names no commit")
                }
                try journal?.tagging(tag, at: target)
                do {
                    try await repository.run(await identity() + ["tag", "-a", tag, "-m", message, target])
                } catch {
                    throw OperationError("cannot create the tag \(tag): \(error)")
                }
                createdTags.append(tag)
                if let object = await repository.refValue(GitRef.tag(tag)) { try journal?.tagged(tag, object: object) }
            }
        }
    }

    /// Pushes the release branch (or the current branch) and the new tags in one
    /// atomic push, after checking that no remote tag of the same name points
    /// elsewhere. A remote tag already on the same commit is a re-run: kept, not pushed.
    func push(_ plans: [PackagePlan]) async throws {
        var tags: [String] = []
        let remoteTags: [String: String]
        do {
            remoteTags = try await repository.remoteTagCommits(createdTags, remote: Self.remote)
        } catch {
            throw OperationError("cannot read the tags of \(Self.remote): \(error)")
        }
        for tag in createdTags {
            let local = await repository.commitSHA("refs/tags/\(tag)")
            guard let remote = remoteTags[tag] else { tags.append(tag); continue }
            if remote == local {
                log.warning("the tag \(tag) already exists on \(Self.remote) at the same commit \(short(remote)): a re-run, so it is not pushed again",
                            title: "bump-version: tag exists")
            } else {
                throw OperationError("the tag \(tag) already exists on \(Self.remote) at \(short(remote)), not at this release's commit \(short(local)): another run released this version; nothing was pushed")
            }
        }
        var refspecs: [String] = []
        var arguments = ["push", "--atomic", "--quiet"]
        if let release = options.releaseBranch, options.releaseBranchMode {
            arguments.append("--force-with-lease=refs/heads/\(release):\(remoteReleaseBranch ?? "")")
            refspecs.append("refs/heads/\(release):refs/heads/\(release)")
        } else if plans.contains(where: { $0.commit != nil }), let branch = originalBranch {
            refspecs.append("HEAD:refs/heads/\(branch)")
        }
        refspecs += tags.map { "refs/tags/\($0):refs/tags/\($0)" }
        guard !refspecs.isEmpty else { return }
        do {
            try await repository.run(arguments + [Self.remote] + refspecs)
        } catch {
            throw OperationError("cannot push to \(Self.remote) (\(refspecs.joined(separator: " "))); nothing was pushed: \(error)")
        }
        log.info("pushed \(refspecs.map { $0.split(separator: ":").last.map(String.init) ?? $0 }.joined(separator: ", ")) to \(Self.remote)")
    }

    // MARK: - Failure

    /// Undoes this run's local changes: tags, commits, staged and written files
    /// (each only while it still holds what this run made: see ReleaseJournal), and
    /// the switch to the release branch. Safe to call more than once.
    func restore() async {
        guard !restored else { return }
        restored = true
        if let journal {
            _ = await journal.rollBack()
            journal.finish()
        }
        if switchedToReleaseBranch, let release = options.releaseBranch, let ours = releaseBranchSetTo {
            if let branch = originalBranch {
                _ = try? await repository.run(["checkout", "-q", branch])
            } else if let sha = originalSHA {
                _ = try? await repository.run(["checkout", "-q", "--detach", sha])
            }
            let ref = GitRef.branch(release)
            let arguments = releaseBranchBefore.map { ["update-ref", ref, $0, ours] } ?? ["update-ref", "-d", ref, ours]
            if (try? await repository.run(arguments)) == nil {
                log.warning("left the release branch \(release) as it is: it moved after this run reset it")
            }
        }
        if !written.isEmpty || !createdTags.isEmpty || switchedToReleaseBranch {
            log.warning("the run failed, so its local changes were undone: version files restored, release commits and tags removed\(switchedToReleaseBranch ? ", back on the original checkout" : "")")
        }
    }

    // MARK: - Helpers

    private func short(_ sha: String?) -> String { sha.map { String($0.prefix(12)) } ?? "(none)" }
}
