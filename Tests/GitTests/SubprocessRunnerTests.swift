import Foundation
import Testing
import Git

/// The process runner on swift-subprocess: statuses, both streams, large output, no
/// terminal input, and a clear error for a program that is not there.
@Suite struct SubprocessRunnerTests {
    let runner = SubprocessRunner(environment: ProcessInfo.processInfo.environment)

    @Test func exitStatusAndBothStreams() async throws {
        let result = try await runner.run(CommandLineInvocation("sh", ["-c", "printf out; printf err >&2; exit 3"]))
        #expect(result.status == 3)
        #expect(result.stdoutText == "out")
        #expect(result.stderrText == "err")
    }

    @Test func aSignalIsOneHundredTwentyEightPlusItsNumber() async throws {
        let result = try await runner.run(CommandLineInvocation("sh", ["-c", "kill -TERM $$"]))
        #expect(result.status == 128 + SIGTERM)
    }

    @Test func outputLargerThanAPipeBufferArrivesWhole() async throws {
        // 8 MiB on stdout and 1 MiB on stderr at once: a runner reading one stream to its
        // end before the other would deadlock here.
        let result = try await runner.run(CommandLineInvocation("sh", ["-c", "head -c 1048576 /dev/zero >&2; head -c 8388608 /dev/zero"]))
        #expect(result.status == 0)
        #expect(result.stdout.count == 8 << 20)
        #expect(result.stderr.count == 1 << 20)
    }

    @Test func standardInputIsEmptyNotTheTerminal() async throws {
        let result = try await runner.run(CommandLineInvocation("cat", []))
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func theEnvironmentIsTheBaseWithTheInvocationsVariablesOnTop() async throws {
        let runner = SubprocessRunner(environment: ["PATH": "/usr/bin:/bin", "KEEP": "base", "OVERRIDE": "base"])
        let result = try await runner.run(CommandLineInvocation("sh", ["-c", "printf '%s %s %s' \"$KEEP\" \"$OVERRIDE\" \"$ADDED\""],
                                                                environment: ["OVERRIDE": "mine", "ADDED": "new"]))
        #expect(result.stdoutText == "base mine new")
    }

    @Test func theWorkingDirectoryIsUsed() async throws {
        let result = try await runner.run(CommandLineInvocation("pwd", [], workingDirectory: "/tmp"))
        #expect(result.stdoutText.trimmingCharacters(in: .newlines).hasSuffix("tmp"))
    }

    @Test func aMissingProgramIsALaunchErrorNamingIt() async {
        let error = await #expect(throws: ProcessLaunchError.self) {
            try await runner.run(CommandLineInvocation("releasekit-no-such-program", ["x"]))
        }
        #expect(error?.description.contains("releasekit-no-such-program") == true)
    }
}
