import Foundation
import Testing
import ReleaseKitTestSupport
import ReleaseKitCore
import ReleaseKitRuntime

/// The test context fails loudly: every dependency a test did not replace stops the
/// process naming itself, and a replaced one works.
@Suite struct ToolContextTests {
    @Test func anUnreplacedFileSystemTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = ToolContext.failing().fileSystem.exists("/etc/hostname")
        }
    }

    @Test func anUnreplacedClockTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = ToolContext.failing().now()
        }
    }

    @Test func anUnreplacedLogTraps() async {
        await #expect(processExitsWith: .failure) {
            ToolContext.failing().log.warning("nobody listens")
        }
    }

    @Test func anUnreplacedHTTPConnectorTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = try? await ToolContext.failing().withHTTPTransport(stallTimeout: 30) { _ in 1 }
        }
    }

    @Test func replacedPartsAreUsedAndTheLogFollowsTheNewEnvironment() throws {
        let err = BufferSink()
        let instant = Date(timeIntervalSince1970: 1_700_000_000)
        let context = ToolContext.failing(workingDirectory: "/work/repo")
            .replacing(environment: ["GITHUB_ACTIONS": "true", "GITHUB_TOKEN": "ghp_secretsecretsecret"],
                       now: { instant }, stderr: err)
        #expect(context.now() == instant)
        #expect(context.ci.provider.speaksWorkflowCommands)
        context.log.warning("token ghp_secretsecretsecret leaked")
        #expect(err.text.hasPrefix("::warning"))
        #expect(!err.text.contains("ghp_secretsecretsecret"))
        #expect(context.path("../other/./file") == "/work/other/file")
        #expect(context.path("/abs/../x") == "/abs/../x", "an absolute path is used as given")
    }
}
