import Foundation
import ReleaseKitCore

/// Reading history for changelogs: one `git log` stream for all commits of a
/// range, one `git for-each-ref` for all tags — never a process per commit or per
/// tag, so 100,000 commits cost two processes.
extension Repository {
    /// The `git log` format: fields separated by NUL, and `-z` ends each record with
    /// a NUL too. git stops printing a message at a NUL byte, so no field can
    /// contain the separator: a message holding `\u{1e}`, `%x00` text or a fake
    /// record cannot shift the fields of the next commit.
    static let logFormat = "--format=%H%x00%P%x00%an%x00%ae%x00%as%x00%B"
    static let logFieldCount = 6

    /// The order `git log` lists commits in.
    public enum LogOrder: Sendable {
        /// Children before parents (`--topo-order`): what a changelog walks.
        case topo
        /// Newest commit date first, git's default.
        case date
    }

    /// The arguments of the history read, exposed so tests can check them. Paths are
    /// relative to the repository root and literal (`:(top,literal)`), never patterns.
    public func historyArguments(revisions: [String], paths: [String] = [], merges: Bool = true,
                                 order: LogOrder = .topo) -> [String] {
        var arguments = ["-c", "log.showSignature=false", "log"]
        if order == .topo { arguments.append("--topo-order") }
        if !merges { arguments.append("--no-merges") }
        arguments += ["-z", "--no-color", Self.logFormat, "--end-of-options"] + revisions + ["--"]
        return arguments + paths.map { ":(top,literal)" + $0 }
    }

    /// Every commit reachable from the positive revisions and not from the
    /// negative ones (`^REF`), newest first (children before parents with `.topo`).
    public func history(revisions: [String], paths: [String] = [], merges: Bool = true,
                        order: LogOrder = .topo) async throws -> [HistoryCommit] {
        let result = try await runData(historyArguments(revisions: revisions, paths: paths, merges: merges, order: order))
        return try Self.parseHistory(result.stdout)
    }

    /// Parses the NUL-separated stream of `historyArguments`. Text is decoded as
    /// UTF-8 with invalid bytes replaced (U+FFFD), never rejected.
    public static func parseHistory(_ data: Data) throws -> [HistoryCommit] {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [HistoryCommit] in
            let bytes = raw.bindMemory(to: UInt8.self)
            var commits: [HistoryCommit] = []
            var fields: [Range<Int>] = []
            fields.reserveCapacity(logFieldCount)
            var start = 0
            var index = 0
            let count = bytes.count
            while index < count {
                guard let base = bytes.baseAddress,
                      let found = memchr(base + index, 0, count - index) else { break }
                let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                fields.append(start..<end)
                start = end + 1
                index = start
                if fields.count == logFieldCount {
                    commits.append(try commit(fields, in: bytes))
                    fields.removeAll(keepingCapacity: true)
                }
            }
            // Anything left but a final newline means the stream was cut short.
            let rest = (start..<count).filter { bytes[$0] != UInt8(ascii: "\n") }
            guard fields.isEmpty, rest.isEmpty else {
                throw OperationError("git log printed an incomplete record (\(fields.count) of \(logFieldCount) fields); the history could not be read")
            }
            return commits
        }
    }

    private static func commit(_ fields: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) throws -> HistoryCommit {
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        var shaRange = fields[0]
        // Records after the first start right after the previous record's NUL;
        // tolerate a newline git may put between records.
        while shaRange.lowerBound < shaRange.upperBound, bytes[shaRange.lowerBound] == UInt8(ascii: "\n") {
            shaRange = (shaRange.lowerBound + 1)..<shaRange.upperBound
        }
        let sha = text(shaRange)
        guard sha.utf8.count >= 40, sha.utf8.allSatisfy(Self.isHex) else {
            throw OperationError("git log printed \(sha.prefix(80).debugDescription) where a commit id was expected; the history could not be read")
        }
        var parents: [String] = []
        var parentStart = fields[1].lowerBound
        for index in fields[1].lowerBound...fields[1].upperBound where index == fields[1].upperBound || bytes[index] == UInt8(ascii: " ") {
            if index > parentStart { parents.append(text(parentStart..<index)) }
            parentStart = index + 1
        }
        return HistoryCommit(sha: sha, parents: parents, authorName: text(fields[2]), authorEmail: text(fields[3]),
                             date: text(fields[4]), message: text(fields[5]))
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
    }

    /// Every tag with the commit it marks (annotated tags peeled) and its date, in
    /// one process.
    public func tagReferences() async throws -> [TagReference] {
        let output = try await run(["for-each-ref",
                              "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)%00%(creatordate:short)",
                              "refs/tags"])
        return output.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            let parts = line.split(separator: "\0", omittingEmptySubsequences: false)
            guard parts.count == 4, !parts[0].isEmpty else { return nil }
            let commit = parts[2].isEmpty ? parts[1] : parts[2]
            return TagReference(name: String(parts[0]), commit: String(commit), date: String(parts[3]))
        }
    }

    /// The names of the tags reachable from `revision`.
    public func tagNames(mergedInto revision: String) async throws -> Set<String> {
        let output = try await run(["for-each-ref", "--format=%(refname:strip=2)", "--merged=" + revision, "refs/tags"])
        return Set(output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init))
    }

    /// The commit `revision` names, or `nil` when it names none (or git cannot
    /// read it; `resolveCommit` tells those apart).
    public func commitID(of revision: String) async -> String? {
        await commitSHA(revision)
    }

    /// The non-merge commits of the revisions that change something under
    /// `paths` (relative to the repository root), in one process. Full history,
    /// so a change on a side branch counts even when the merge did not keep it.
    public func commitsTouching(paths: [String], revisions: [String]) async throws -> Set<String> {
        let output = try await run(["log", "--format=%H", "--full-history", "--no-merges", "--end-of-options"]
                             + revisions + ["--"] + paths)
        return Set(output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init))
    }

    /// The URL of a remote, or `nil` when there is no such remote.
    public func remoteURL(_ name: String = "origin") async -> String? {
        guard let output = try? await run(["config", "--get", "remote.\(name).url"]) else { return nil }
        let url = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return url.isEmpty ? nil : url
    }

    /// In a shallow clone, the commits whose parents were not fetched.
    public func shallowBoundary() async throws -> Set<String> {
        let relative = try await run(["rev-parse", "--git-path", "shallow"]).trimmingCharacters(in: .newlines)
        let path = relative.hasPrefix("/") ? relative : path + "/" + relative
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }
}
