import Foundation
import Testing
import Git
import ReleaseKitTestSupport
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// bump-version under the two things a CI machine does to it that a single clean
/// run never shows: another run at the same moment, and kill -9 at any moment.
/// Real binaries, real repositories, bounded counts (two cores).
@Suite(.serialized) struct BumpVersionRaceTests {
    let scratch = ScratchDirectory()

    /// How one run of the built bump-version ended.
    struct Run {
        /// The exit status, or 128 + the signal that ended it.
        let status: Int32
        /// The run's pid, which is also its process group: its git children share it.
        let pid: pid_t
    }

    /// Runs the built bump-version with stdout and stderr in `name`.out and .err, in a
    /// process group of its own, and waits for it. With `killAfter`, SIGKILLs the tool
    /// (only the tool, as a runner's timeout would) once that many nanoseconds pass.
    ///
    /// Through swift-subprocess, not Foundation's `Process`, whose launch path crashed
    /// the test process in CI (see `ChildProcess`).
    func run(_ arguments: [String], in directory: String, name: String, killAfter: UInt64? = nil) async throws -> Run {
        var options = PlatformOptions()
        options.processGroupID = 0
        let stdout = try FileDescriptor.open(FilePath(scratch.path(name + ".out")), .writeOnly,
                                             options: [.create, .truncate], permissions: .ownerReadWrite)
        let stderr = try FileDescriptor.open(FilePath(scratch.path(name + ".err")), .writeOnly,
                                             options: [.create, .truncate], permissions: .ownerReadWrite)
        let result = try await Subprocess.run(
            .path(FilePath(BuiltTool.binDirectory + "/bump-version")), arguments: Arguments(arguments),
            environment: SubprocessRunner.environment(BuiltTool.baseEnvironment.merging(FiveFileRelease.environment) { $1 }),
            workingDirectory: FilePath(directory), platformOptions: options,
            input: .none, output: .fileDescriptor(stdout, closeAfterSpawningProcess: true),
            error: .fileDescriptor(stderr, closeAfterSpawningProcess: true)
        ) { execution in
            if let killAfter {
                try await Task.sleep(nanoseconds: killAfter)
                try? execution.send(signal: .kill)
            }
        }
        return Run(status: SubprocessRunner.exitStatus(result.terminationStatus), pid: result.processIdentifier.value)
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
            let statuses = try await withThrowingTaskGroup(of: (Int, Int32).self) { group in
                for index in 0..<runs {
                    group.addTask {
                        (index, try await run(["--commit", "--tag", "--json"], in: release.repo.path, name: "r\(round)-\(index)").status)
                    }
                }
                var statuses = [Int32](repeating: 0, count: runs)
                for try await (index, status) in group { statuses[index] = status }
                return statuses
            }
            var winners = 0
            for (index, status) in statuses.enumerated() {
                let stderr = scratch.read("r\(round)-\(index).err")
                let stdout = scratch.read("r\(round)-\(index).out")
                let outputs = (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: String]
                switch status {
                case 0 where outputs?["released"] == "true":
                    winners += 1
                case 0:
                    // Ran after the winner finished: nothing left to release.
                    #expect(outputs?["released"] == "false", "round \(round) run \(index): \(stdout)")
                case 1:
                    #expect(stderr.contains("another bump-version is running in this repository (pid "),
                            "round \(round) run \(index): \(stderr)")
                default:
                    Issue.record("round \(round) run \(index) exited \(status): \(stderr)")
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
            // A random moment in the point's 30 ms slot, 0 to 450 ms in all: from
            // start-up through the journal, the renames, the commit and the tag.
            let delay = point * 30_000 + Int.random(in: 0..<30_000)
            let killed = try await run(["--commit", "--tag"], in: release.repo.path, name: "k\(point)",
                                       killAfter: UInt64(delay) * 1_000)
            // git children the kill orphaned finish on their own (a commit started just
            // before the kill still lands); the next run starts after them, as it would
            // on a runner that cleaned up the job.
            try await waitForOrphans(ofGroup: killed.pid, lock: release.repo.path + "/.git/index.lock")

            let debris = try await Shell.run("find . -path ./.git -prune -o -name '*releasekit*' -print", in: release.repo.path).output
            #expect(debris.isEmpty, "kill at \(delay / 1000) ms left \(debris)")
            for file in FiveFileRelease.files {
                let text = release.contents(file.path)
                #expect(text == file.old || text == file.new, "kill at \(delay / 1000) ms: \(file.path) holds \(text)")
            }

            let rerun = try await run(["--commit", "--tag"], in: release.repo.path, name: "k\(point)-again")
            #expect(rerun.status == 0, "kill at \(delay / 1000) ms, re-run: \(scratch.read("k\(point)-again.err"))")
            let problems = try await release.problems()
            #expect(problems.isEmpty, "kill at \(delay / 1000) ms, after the re-run: \(problems)\n\(scratch.read("k\(point)-again.err"))")
        }
    }

    /// Waits (at most 15 s) until no process of the killed run's process group is alive.
    /// `run` starts each tool in a group of its own, which its git children inherit,
    /// so on Linux the group's members are exactly the orphans; an
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
