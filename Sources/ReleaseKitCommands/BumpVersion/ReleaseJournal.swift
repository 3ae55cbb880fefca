import Foundation
import Git
import ReleaseKitCore
import ReleaseKitRuntime

/// What one bump-version run changed in a repository, on disk under
/// `<git dir>/releasekit/` from before the first version file is replaced until
/// its commits and tags are all made, so that a run killed at any point (kill -9
/// included) can be undone by the next one.
///
/// Each file is replaced by a rename, so no file is ever torn; but several files
/// cannot be replaced in one step, and a run killed between two renames leaves some
/// new and some old. The journal holds a copy of each file's old and new bytes and
/// the refs the run moved; the next run (under the repository lock) finds it and
/// rolls it back before it plans. Temporary files live in the same directory, never
/// beside the version files, so a kill leaves no debris in the working tree.
///
/// Every undo checks identity, never a name: a file goes back only while it holds
/// exactly the bytes this run wrote, a tag is deleted only while it holds the tag
/// object this run made, and a branch moves back only from the commit this run made
/// (`git update-ref` with the old value), so nothing another actor did is undone.
final class ReleaseJournal {
    struct File: Codable {
        /// Absolute path of the file written (symlinks resolved).
        let path: String
        /// Its path relative to the repository root, as git names it.
        let gitPath: String
        /// `<backup>.old` and `<backup>.new` in the journal directory.
        let backup: String
        /// The run created the file (nil in journals written before this was kept):
        /// undone by removing it.
        var created: Bool?
    }

    struct Tag: Codable {
        let name: String
        /// The commit it marks.
        let target: String
        /// The tag object once made; nil while `git tag` runs.
        var object: String?
    }

    struct Record: Codable {
        var pid: Int32
        var host: String
        /// The worktree the run worked in: HEAD and the index are per worktree, and
        /// the next run may start in another one.
        var worktree: String?
        var files: [File] = []
        /// HEAD's commit before the run's first commit (nil on an unborn branch).
        var head: String?
        /// The ref the commits move (`refs/heads/B`), nil on a detached HEAD.
        var branch: String?
        /// Commits made, in order.
        var commits: [String] = []
        /// The message of a commit being made, recorded before `git commit` runs.
        var pendingCommit: String?
        var tags: [Tag] = []
        /// `--include` files the commits also hold (nil in older journals).
        var includes: [String]?
    }

    static let journalName = "journal.json"

    let directory: String
    let repository: Repository
    let fileSystem: FileSystem
    let log: Log
    private(set) var record: Record
    /// The backups' bytes, by file name, when this process made them: a push that
    /// fails after `finish` removed the directory is still undone from these.
    private var held: [String: [UInt8]] = [:]

    static func directory(in gitDirectory: String) -> String { gitDirectory + "/releasekit" }

    /// Starts a journal for `files` (their old and new bytes saved first) and the
    /// refs as they are now. Nothing in the working tree has changed yet.
    /// `host` names this machine in the record, for the message of the run that
    /// recovers it.
    init(gitDirectory: String, repository: Repository, files: [PlannedFile], fileSystem: FileSystem,
         host: String, log: Log) async throws {
        directory = Self.directory(in: gitDirectory)
        self.repository = repository
        self.fileSystem = fileSystem
        self.log = log
        record = Record(pid: getpid(), host: host, worktree: repository.path)
        try? fileSystem.remove(directory)
        do {
            try fileSystem.createPrivateDirectory(directory)
        } catch let error as FileError {
            throw OperationError("cannot create \(directory) for the release journal: \(error.reason)")
        }
        for (index, file) in files.enumerated() {
            held["\(index).old"] = file.old
            held["\(index).new"] = file.new ?? file.old
            record.files.append(File(path: file.ref.absolutePath, gitPath: file.ref.gitPath, backup: String(index),
                                     created: file.created ? true : nil))
        }
        try writeBackups()
        record.head = try await repository.resolveCommit("HEAD")
        let symbolic = (try? await repository.run(["symbolic-ref", "-q", "HEAD"]))?.trimmingCharacters(in: .whitespacesAndNewlines)
        record.branch = symbolic?.isEmpty == false ? symbolic : nil
        try save()
    }

    private init(directory: String, repository: Repository, fileSystem: FileSystem, log: Log, record: Record) {
        self.directory = directory
        self.repository = repository
        self.fileSystem = fileSystem
        self.log = log
        self.record = record
    }

    // MARK: - Recording

    /// Replaces each file with its new bytes, one rename each; on a failure the
    /// files already replaced get their old bytes back before the error is thrown.
    func replaceFiles(_ files: [PlannedFile]) async throws -> [PlannedFile] {
        var written: [PlannedFile] = []
        for (index, file) in files.enumerated() {
            do {
                try place(file.new ?? file.old, at: file.ref.absolutePath, temporaryName: "\(index).tmp")
                written.append(file)
            } catch {
                _ = await rollBack()
                finish()
                throw error
            }
        }
        return written
    }

    /// The `--include` files the release commits hold, so a commit killed before
    /// its id was recorded is still recognised as this run's.
    func including(_ paths: [String]) throws {
        guard !paths.isEmpty else { return }
        record.includes = paths
        try save()
    }

    func committing(_ message: String) throws {
        record.pendingCommit = message
        try save()
    }

    func committed(_ sha: String) throws {
        record.pendingCommit = nil
        record.commits.append(sha)
        try save()
    }

    func tagging(_ name: String, at target: String) throws {
        record.tags.append(Tag(name: name, target: target, object: nil))
        try save()
    }

    func tagged(_ name: String, object: String) throws {
        if let index = record.tags.lastIndex(where: { $0.name == name }) { record.tags[index].object = object }
        try save()
    }

    /// The run's changes are complete: nothing to undo any more.
    func finish() {
        try? fileSystem.remove(directory)
    }

    // MARK: - Recovery

    /// Rolls back a run that was killed (its journal is still there) and clears the
    /// journal directory, including any temporary file a kill left in it. Called
    /// under the repository lock, before planning, so the run plans on the state
    /// before the interrupted one. Returns whether there was anything to recover.
    @discardableResult
    static func recover(gitDirectory: String, repository: Repository, fileSystem: FileSystem, log: Log) async throws -> Bool {
        let directory = directory(in: gitDirectory)
        guard fileSystem.exists(directory) else { return false }
        let journalPath = directory + "/" + journalName
        guard let data = try? fileSystem.read(journalPath) else {
            // Killed before the journal was written: nothing was replaced yet.
            try? fileSystem.remove(directory)
            return false
        }
        let record: Record
        do {
            record = try JSONDecoder().decode(Record.self, from: data)
        } catch {
            throw OperationError("the release journal \(journalPath) of an interrupted bump-version cannot be read (it is not the JSON bump-version writes); check the version files, tags and branch by hand, then delete \(directory)")
        }
        log.warning("an earlier bump-version (pid \(record.pid) on \(record.host)) was interrupted; undoing its changes before this run",
                    title: "bump-version: interrupted run")
        let worktree = record.worktree.map { Repository(path: $0, runner: repository.runner, gitExecutable: repository.gitExecutable) }
        let journal = ReleaseJournal(directory: directory, repository: worktree ?? repository, fileSystem: fileSystem,
                                     log: log, record: record)
        let undone = await journal.rollBack()
        journal.finish()
        log.notice(undone.isEmpty ? "the interrupted run had changed nothing that was still in place"
                                  : "undid the interrupted run: \(undone.joined(separator: ", "))")
        return true
    }

    /// Undoes what the record says this run did, newest first, each step only while
    /// the thing still holds what this run put there. Returns what was undone.
    func rollBack() async -> [String] {
        var undone: [String] = []
        if !fileSystem.exists(directory) {
            // Finished, then the push failed: put the backups back for the steps below.
            guard (try? fileSystem.createPrivateDirectory(directory)) != nil, (try? writeBackups()) != nil else {
                log.error("cannot recreate \(directory) to undo this run; restore the version files with git checkout")
                return []
            }
        }
        let ours = Set(record.commits)
        for tag in record.tags.reversed() {
            let ref = GitRef.tag(tag.name)
            guard let current = await repository.refValue(ref) else { continue }
            // A tag still being made is ours only when it marks a commit this run made.
            let mine: Bool
            if let object = tag.object {
                mine = object == current
            } else if ours.contains(tag.target) {
                mine = await repository.commitSHA(ref) == tag.target
            } else {
                mine = false
            }
            if mine, (try? await repository.run(["update-ref", "-d", ref, current])) != nil {
                undone.append("tag \(tag.name)")
            } else {
                log.warning("left the tag \(tag.name) as it is: it is not the one this run made")
            }
        }
        switch await rollBackCommits() {
        case .kept:
            // Our commit stays under someone else's work, so its files stay too:
            // restoring them would leave the tree disagreeing with the branch.
            return undone
        case .undone(let what): undone.append(what)
        case .none: break
        }
        await restoreIndex()
        for file in record.files {
            let old = backup(file, "old"), new = backup(file, "new")
            guard let current = (try? fileSystem.read(file.path)).map(Array.init) else { continue }
            if current == old { continue }
            guard current == new else {
                log.warning("left \(file.gitPath) as it is: it changed after this run wrote it")
                continue
            }
            do {
                if file.created == true {
                    try fileSystem.remove(file.path)
                    undone.append(file.gitPath)
                    continue
                }
                try place(old, at: file.path, temporaryName: "\(file.backup).restore")
                undone.append(file.gitPath)
            } catch {
                log.error("could not restore \(file.gitPath): \(error); restore it with git checkout -- \(file.gitPath)")
            }
        }
        return undone
    }

    private enum CommitRollback { case none, undone(String), kept }

    /// Moves the branch (or a detached HEAD) back to `head`, only from this run's
    /// commit; `kept` when this run committed and the branch has moved on since.
    private func rollBackCommits() async -> CommitRollback {
        let ref = record.branch ?? "HEAD"
        guard let current = await repository.refValue(ref), current != record.head else { return .none }
        var mine = current == record.commits.last
        if !mine { mine = await isPendingCommit(current) }
        guard mine else {
            guard !record.commits.isEmpty else { return .none }
            log.warning("left \(ref) at \(current.prefix(12)) and the version files as they are: the branch moved on after this run's commit")
            return .kept
        }
        let noDeref = record.branch == nil ? ["--no-deref"] : []
        let arguments = record.head.map { ["update-ref"] + noDeref + [ref, $0, current] } ?? ["update-ref", "-d", ref, current]
        guard (try? await repository.run(arguments)) != nil else {
            log.warning("could not move \(ref) back from this run's commit \(current.prefix(12))")
            return .kept
        }
        return .undone("the release commit on \(ref)")
    }

    /// A commit that `git commit` made after the journal said it would and before it
    /// could record the id: on top of the last known commit, with the recorded
    /// message, changing only this run's files.
    private func isPendingCommit(_ sha: String) async -> Bool {
        guard let message = record.pendingCommit,
              let parent = await repository.commitSHA(sha + "^"), parent == (record.commits.last ?? record.head),
              let logged = try? await repository.run(["log", "-1", "--format=%B", sha]),
              logged.trimmingCharacters(in: .whitespacesAndNewlines) == message.trimmingCharacters(in: .whitespacesAndNewlines),
              let changed = try? await repository.run(["diff-tree", "--no-commit-id", "--name-only", "-r", "-z", sha]) else { return false }
        let paths = Set(record.files.map(\.gitPath) + (record.includes ?? []))
        return changed.split(separator: "\0").allSatisfy { paths.contains(String($0)) }
    }

    /// Index entries of this run's files that hold its new bytes (staged by a `git
    /// add` whose commit never happened or was undone) go back to HEAD's.
    private func restoreIndex() async {
        guard !record.files.isEmpty, await repository.commitSHA("HEAD") == record.head, record.head != nil,
              let staged = try? await repository.run(["ls-files", "-s", "-z", "--"] + record.files.map(\.gitPath)) else { return }
        var blobs: [String: String] = [:]
        for entry in staged.split(separator: "\0") {
            // "<mode> <blob> <stage>\t<path>"
            let parts = entry.split(separator: "\t", maxSplits: 1)
            let fields = parts.first?.split(separator: " ") ?? []
            if parts.count == 2, fields.count == 3 { blobs[String(parts[1])] = String(fields[1]) }
        }
        var reset: [File] = []
        for file in record.files {
            guard let blob = blobs[file.gitPath],
                  let new = try? await repository.run(["hash-object", "--path=" + file.gitPath, "--", "\(directory)/\(file.backup).new"]) else { continue }
            if blob == new.trimmingCharacters(in: .whitespacesAndNewlines) { reset.append(file) }
        }
        guard !reset.isEmpty else { return }
        _ = try? await repository.run(["reset", "-q", "--"] + reset.map(\.gitPath))
    }

    // MARK: - Files

    private func backup(_ file: File, _ kind: String) -> [UInt8] {
        held["\(file.backup).\(kind)"]
            ?? (try? fileSystem.read("\(directory)/\(file.backup).\(kind)")).map(Array.init) ?? []
    }

    private func writeBackups() throws {
        for (name, bytes) in held { try fileSystem.writeDurably(Data(bytes), to: directory + "/" + name, permissions: 0o600) }
    }

    private func save() throws {
        let data = try JSONEncoder().encode(record)
        let temporary = directory + "/" + Self.journalName + ".tmp"
        try fileSystem.writeDurably(data, to: temporary, permissions: 0o600)
        do {
            try fileSystem.rename(temporary, to: directory + "/" + Self.journalName)
        } catch {
            throw OperationError("cannot write the release journal in \(directory): \((error as? FileError)?.reason ?? "\(error)")")
        }
        fileSystem.syncDirectory(directory)
    }

    /// Replaces `target` by renaming a temporary file from the journal directory, with
    /// the target's permissions. A target on another file system than the git
    /// directory (a worktree elsewhere) cannot take a rename from there; it gets a
    /// temporary file beside it instead, which a kill can leave behind.
    private func place(_ bytes: [UInt8], at target: String, temporaryName: String) throws {
        let temporary = directory + "/" + temporaryName
        try fileSystem.writeDurably(Data(bytes), to: temporary, permissions: fileSystem.permissions(of: target) ?? 0o644)
        do {
            try fileSystem.rename(temporary, to: target)
            fileSystem.syncDirectory((target as NSString).deletingLastPathComponent)
        } catch is CrossDeviceRename {
            try? fileSystem.remove(temporary)
            try fileSystem.writeAtomically(Data(bytes), to: target)
        } catch {
            try? fileSystem.remove(temporary)
            throw error
        }
    }
}
