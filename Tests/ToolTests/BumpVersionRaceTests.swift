import Foundation
import Testing
import ReleaseKitTestSupport

/// bump-version under the two things a CI machine does to it that a single clean
/// run never shows: another run at the same moment, and kill -9 at any moment.
/// Real binaries, real repositories, bounded counts (two cores).
@Suite(.serialized) struct BumpVersionRaceTests {
    let scratch = ScratchDirectory()

    /// Starts the built bump-version with stdout and stderr in files.
    func start(_ arguments: [String], in directory: String, name: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltTool.binDirectory + "/bump-version")
        process.arguments = arguments
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                               "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp"]
            .merging(FiveFileRelease.environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        _ = FileManager.default.createFile(atPath: scratch.path(name + ".out"), contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.path(name + ".err"), contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path(name + ".out")))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path(name + ".err")))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Two and four `--commit --tag` runs at once, 20 rounds each: every run exits 0
    /// or 1; a run that exits 1 says another bump-version was running; and the
    /// repository ends with exactly one whole release, whoever won.
    @Test(arguments: [2, 4])
    func concurrentRunsLeaveOneWholeRelease(runs: Int) async throws {
        try await concurrentRuns(runs)
    }

    private func concurrentRuns(_ runs: Int) async throws {
        for round in 0..<20 {
            let release = try await FiveFileRelease()
            let processes = try (0..<runs).map { try start(["--commit", "--tag", "--json"], in: release.repo.path, name: "r\(round)-\($0)") }
            for process in processes { await waitForExit(process) }
            var winners = 0
            for (index, process) in processes.enumerated() {
                let stderr = scratch.read("r\(round)-\(index).err")
                let stdout = scratch.read("r\(round)-\(index).out")
                let outputs = (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: String]
                switch process.terminationStatus {
                case 0 where outputs?["released"] == "true":
                    winners += 1
                case 0:
                    // Ran after the winner finished: nothing left to release.
                    #expect(outputs?["released"] == "false", "round \(round) run \(index): \(stdout)")
                case 1:
                    #expect(stderr.contains("another bump-version is running in this repository (pid "),
                            "round \(round) run \(index): \(stderr)")
                default:
                    Issue.record("round \(round) run \(index) exited \(process.terminationStatus): \(stderr)")
                }
            }
            #expect(winners == 1, "round \(round): \(winners) runs released")
            let problems = try await release.problems()
            #expect(problems.isEmpty, "round \(round) with \(runs) runs: \(problems)")
        }
    }

    /// SIGKILL at 15 points spread over a run: no temporary file in the working
    /// tree and no torn file; then a new run undoes or finds the release and leaves
    /// one whole release.
    @Test func killedRunsAreRecoveredByTheNextRun() async throws {
        try await killedRuns()
    }

    private func killedRuns() async throws {
        for point in 0..<15 {
            let release = try await FiveFileRelease()
            let process = try start(["--commit", "--tag"], in: release.repo.path, name: "k\(point)")
            // A random moment in the point's 30 ms slot, 0 to 450 ms in all: from
            // start-up through the journal, the renames, the commit and the tag.
            let delay = point * 30_000 + Int.random(in: 0..<30_000)
            try await Task.sleep(nanoseconds: UInt64(delay) * 1_000)
            kill(process.processIdentifier, SIGKILL)
            await waitForExit(process)
            // git children the kill orphaned finish on their own (a commit started just
            // before the kill still lands); the next run starts after them, as it would
            // on a runner that cleaned up the job.
            try await waitForOrphans(ofGroup: process.processIdentifier, lock: release.repo.path + "/.git/index.lock")

            let debris = try await Shell.run("find . -path ./.git -prune -o -name '*releasekit*' -print", in: release.repo.path).output
            #expect(debris.isEmpty, "kill at \(delay / 1000) ms left \(debris)")
            for file in FiveFileRelease.files {
                let text = release.contents(file.path)
                #expect(text == file.old || text == file.new, "kill at \(delay / 1000) ms: \(file.path) holds \(text)")
            }

            let rerun = try start(["--commit", "--tag"], in: release.repo.path, name: "k\(point)-again")
            await waitForExit(rerun)
            #expect(rerun.terminationStatus == 0, "kill at \(delay / 1000) ms, re-run: \(scratch.read("k\(point)-again.err"))")
            let problems = try await release.problems()
            #expect(problems.isEmpty, "kill at \(delay / 1000) ms, after the re-run: \(problems)\n\(scratch.read("k\(point)-again.err"))")
        }
    }

    /// Waits (at most 15 s) until no process of the killed run's process group is alive.
    /// Foundation's `Process` starts each child in a group of its own, which its git
    /// children inherit, so on Linux the group's members are exactly the orphans; an
    /// orphan that was forked but had not yet taken the index lock is waited for too.
    /// Zombies (an init that does not reap) do not count. Elsewhere: the index lock.
    private func waitForOrphans(ofGroup group: Int32, lock: String) async throws {
        for _ in 0..<750 {
            #if os(Linux)
            if !Self.groupHasLiveMembers(group) { return }
            #else
            if !FileManager.default.fileExists(atPath: lock) { break }
            #endif
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        try await Task.sleep(nanoseconds: 100_000_000)
    }

    #if os(Linux)
    /// Whether /proc lists a process in `group` that is not a zombie (`/proc/PID/stat`:
    /// `pid (comm) state ppid pgrp …`, with comm in parentheses and possibly spaced).
    private static func groupHasLiveMembers(_ group: Int32) -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries where entry.allSatisfy(\.isNumber) {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 2, fields[0] != "Z", Int32(fields[2]) == group { return true }
        }
        return false
    }
    #endif
}
