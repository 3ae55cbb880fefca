import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

@Suite struct WorkflowCommandEscapingTests {
    @Test func escapesDataAsTheToolkitDoes() {
        #expect(WorkflowCommandEscaping.data("50% done\r\nnext") == "50%25 done%0D%0Anext")
    }

    @Test func escapesPropertiesToo() {
        #expect(WorkflowCommandEscaping.property("a:b,c\n") == "a%3Ab%2Cc%0A")
    }

    @Test func breaksLegacyCommandsAndLeadingColons() {
        #expect(!WorkflowCommandEscaping.data("x ##[error]y").contains("##["))
        #expect(!WorkflowCommandEscaping.logLine("::error::x").hasPrefix("::"))
    }
}

@Suite struct LogTests {
    func githubLog(_ sink: BufferSink, verbose: Bool = false, debug: Bool = false) -> Log {
        Log(sink: sink, usesWorkflowCommands: true, verbose: verbose, runnerDebug: debug)
    }

    @Test("untrusted text in an annotation issues exactly one command and reads back verbatim",
          arguments: HostileValues.all)
    func annotationCannotBeForged(message: String) {
        let sink = BufferSink()
        githubLog(sink).error(message, title: "title: with, punctuation")
        let commands = WorkflowCommandScanner.commands(in: sink.text)
        #expect(commands.count == 1)
        #expect(commands.first?.name == "error")
        #expect(commands.first.map { WorkflowCommandScanner.unescapeData($0.data) } == message
            .replacingOccurrences(of: "##[", with: "#%23["))
    }

    @Test("untrusted text in info and debug lines issues no command", arguments: HostileValues.all)
    func plainLinesCannotIssueCommands(message: String) {
        let sink = BufferSink()
        let log = githubLog(sink, verbose: true)
        log.info(message)
        log.debug(message)
        #expect(WorkflowCommandScanner.commands(in: sink.text).isEmpty)
        #expect(sink.text.utf8.filter { $0 == UInt8(ascii: "\n") }.count == 2)
    }

    @Test("a verbatim block shows text exactly and nothing in it acts", arguments: HostileValues.all)
    func verbatimBlockIsInert(text: String) {
        let sink = BufferSink()
        githubLog(sink).verbatim(text + "\n::" + "TOKEN" + "::\n::warning::inside")
        let commands = WorkflowCommandScanner.commands(in: sink.text)
        #expect(commands.map(\.name) == ["stop-commands"])
        let token = commands.first?.data ?? ""
        #expect(!token.isEmpty)
        #expect(sink.text.hasSuffix("\n::\(token)::\n"))
        #expect(sink.text.contains(text + "\n::TOKEN::\n::warning::inside\n"))
    }

    @Test func plainFormatOutsideActions() {
        let sink = BufferSink()
        let log = Log(sink: sink, usesWorkflowCommands: false)
        log.error("bad tag", location: AnnotationLocation(file: "x.yml", line: 3))
        log.warning("careful")
        log.info("::error::not a command here \u{1B}[31m")
        #expect(sink.lines == ["error: x.yml:3: bad tag", "warning: careful", "::error::not a command here \\x1B[31m"])
        #expect(log.errorsLogged == 1)
        #expect(log.warningsLogged == 1)
    }

    @Test func annotationPropertiesAreEscaped() {
        let sink = BufferSink()
        githubLog(sink).warning("m", title: "t:1,2", location: AnnotationLocation(file: "a,b:c.txt", line: 7, column: 2))
        #expect(sink.text == "::warning file=a%2Cb%3Ac.txt,line=7,col=2,title=t%3A1%2C2::m\n")
    }

    @Test func debugLinesFollowVerboseAndRunnerDebug() {
        let quiet = BufferSink()
        githubLog(quiet).debug("hidden")
        #expect(quiet.text.isEmpty)
        let runner = BufferSink()
        githubLog(runner, debug: true).debug("shown")
        #expect(runner.text == "::debug::shown\n")
        let verbose = BufferSink()
        Log(sink: verbose, usesWorkflowCommands: false, verbose: true).debug("shown")
        #expect(verbose.text == "debug: shown\n")
    }

    @Test func groupsWrapTheirBody() {
        let sink = BufferSink()
        let log = githubLog(sink)
        log.group("Phase ::one::") { log.info("inside") }
        #expect(sink.lines == ["::group::Phase ::one::", "inside", "::endgroup::"])
    }
}

@Suite struct MaskingTests {
    static let token = "ghs_CanaryToken1234567890abcdef"

    @Test func maskIsAnnouncedOnceAndTheTokenNeverPrintedElsewhere() {
        let sink = BufferSink()
        let log = Log(sink: sink, usesWorkflowCommands: true, verbose: true)
        log.mask(Self.token)
        log.mask(Self.token)
        log.error("request failed with Authorization: Bearer \(Self.token)")
        log.warning("x", title: Self.token)
        log.info("token=\(Self.token)")
        log.debug(Self.token)
        log.verbatim("notes \(Self.token)")
        #expect(sink.lines.first == "::add-mask::\(Self.token)")
        #expect(sink.text.components(separatedBy: Self.token).count == 2, "only the mask line holds it")
        #expect(sink.text.contains("Bearer ***"))
    }

    @Test func aTokenTheRedactorAlreadyKnowsIsStillAnnouncedOnce() {
        let sink = BufferSink()
        let redactor = SecretRedactor()
        redactor.register(Self.token)
        let log = Log(sink: sink, usesWorkflowCommands: true, redactor: redactor)
        log.mask(Self.token)
        log.mask(Self.token)
        #expect(sink.text == "::add-mask::\(Self.token)\n")
    }

    @Test func plainLogsRedactWithoutAnnouncing() {
        let sink = BufferSink()
        let log = Log(sink: sink, usesWorkflowCommands: false)
        log.mask(Self.token)
        log.error("leaked \(Self.token)?")
        #expect(sink.text == "error: leaked ***?\n")
    }

    @Test func longerSecretsAreRemovedWhole() {
        let redactor = SecretRedactor()
        redactor.register("abcd")
        redactor.register("abcdefgh")
        redactor.register("   ")
        #expect(redactor.redact("x abcdefgh y abcd") == "x *** y ***")
    }
}
