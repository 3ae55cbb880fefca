import Foundation

/// A source location for an annotation, so GitHub can pin it to a file and line.
public struct AnnotationLocation: Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// The tool's diagnostics: errors, warnings, notices, debug lines and groups.
///
/// On GitHub-compatible runners they become workflow commands (annotations, groups,
/// masks); elsewhere plain `error: …` lines. Every message is treated as untrusted:
/// it is redacted of secrets and escaped so it can never issue a workflow command.
/// Diagnostics always go to stderr; stdout belongs to the tool's result (`--json`).
public final class Log: @unchecked Sendable {
    public let usesWorkflowCommands: Bool
    public let verbose: Bool
    /// `RUNNER_DEBUG=1`: the runner shows `::debug::` lines.
    public let runnerDebug: Bool
    public let redactor: SecretRedactor
    private let sink: TextSink
    private let lock = NSLock()
    private var errorCount = 0
    private var warningCount = 0
    /// Secrets already announced with `::add-mask::`. Kept apart from the redactor,
    /// which may know a token before the tool reads it (ToolContext registers the
    /// usual token variables up front) and must not stop the announcement.
    private var announced: Set<String> = []

    public init(sink: TextSink, usesWorkflowCommands: Bool, verbose: Bool = false,
                runnerDebug: Bool = false, redactor: SecretRedactor = SecretRedactor()) {
        self.sink = sink
        self.usesWorkflowCommands = usesWorkflowCommands
        self.verbose = verbose
        self.runnerDebug = runnerDebug
        self.redactor = redactor
    }

    public var errorsLogged: Int { lock.withLock { errorCount } }
    public var warningsLogged: Int { lock.withLock { warningCount } }

    public func error(_ message: String, title: String? = nil, location: AnnotationLocation? = nil) {
        lock.withLock { errorCount += 1 }
        annotate("error", message, title: title, location: location)
    }

    public func warning(_ message: String, title: String? = nil, location: AnnotationLocation? = nil) {
        lock.withLock { warningCount += 1 }
        annotate("warning", message, title: title, location: location)
    }

    public func notice(_ message: String, title: String? = nil, location: AnnotationLocation? = nil) {
        annotate("notice", message, title: title, location: location)
    }

    /// A plain progress line, shown everywhere.
    public func info(_ message: String) {
        emit(usesWorkflowCommands ? WorkflowCommandEscaping.logLine(clean(message)) : plain(message))
    }

    /// Shown with `--verbose` everywhere, and as `::debug::` when the runner's debug
    /// logging is on.
    public func debug(_ message: String) {
        if verbose {
            let text = clean(message)
            emit("debug: " + (usesWorkflowCommands ? WorkflowCommandEscaping.logLine(text) : plain(text)))
        } else if usesWorkflowCommands && runnerDebug {
            emit("::debug::" + WorkflowCommandEscaping.data(clean(message)))
        }
    }

    public var isDebugEnabled: Bool { verbose || (usesWorkflowCommands && runnerDebug) }

    /// Announces a secret to the runner and to our own redactor. Call before anything
    /// else is printed; the mask line is the only place the secret is ever written.
    public func mask(_ secret: String) {
        let value = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { return }
        redactor.register(value)
        guard usesWorkflowCommands, lock.withLock({ announced.insert(value).inserted }) else { return }
        sink.write("::add-mask::" + WorkflowCommandEscaping.data(value) + "\n")
    }

    /// Wraps a long phase in a collapsible group on GitHub.
    public func group<T>(_ title: String, _ body: () throws -> T) rethrows -> T {
        beginGroup(title)
        defer { endGroup() }
        return try body()
    }

    public func group<T>(_ title: String, _ body: () async throws -> T) async rethrows -> T {
        beginGroup(title)
        defer { endGroup() }
        return try await body()
    }

    private func beginGroup(_ title: String) {
        if usesWorkflowCommands {
            emit("::group::" + WorkflowCommandEscaping.data(clean(title)))
        } else if verbose {
            emit("== " + plain(title))
        }
    }

    private func endGroup() {
        if usesWorkflowCommands { emit("::endgroup::") }
    }

    /// Prints a block of untrusted text verbatim (release notes, a diff). On GitHub the
    /// runner is told to stop processing commands for the block, with a token that
    /// does not occur in the text, so the text is shown exactly and cannot act.
    public func verbatim(_ text: String) {
        let body = redactor.redact(text)
        guard usesWorkflowCommands else {
            emit(body.hasSuffix("\n") ? String(body.dropLast()) : body)
            return
        }
        var token = Self.randomToken()
        // Bytes, not Characters: a token followed by a combining mark in the body is
        // still the token to the runner's line reader.
        while Data(body.utf8).range(of: Data(token.utf8)) != nil { token = Self.randomToken() }
        var block = "::stop-commands::\(token)\n" + body
        if !block.hasSuffix("\n") { block += "\n" }
        block += "::\(token)::"
        emit(block)
    }

    static func randomToken() -> String {
        "releasekit-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    private func annotate(_ kind: String, _ message: String, title: String?, location: AnnotationLocation?) {
        let text = clean(message)
        if usesWorkflowCommands {
            var properties: [String] = []
            if let location {
                properties.append("file=" + WorkflowCommandEscaping.property(clean(location.file)))
                if let line = location.line { properties.append("line=\(line)") }
                if let column = location.column { properties.append("col=\(column)") }
            }
            if let title { properties.append("title=" + WorkflowCommandEscaping.property(clean(title))) }
            let props = properties.isEmpty ? "" : " " + properties.joined(separator: ",")
            emit("::\(kind)\(props)::" + WorkflowCommandEscaping.data(text))
        } else {
            var prefix = "\(kind): "
            if let location {
                prefix += location.file
                if let line = location.line { prefix += ":\(line)" }
                prefix += ": "
            }
            emit(prefix + plain(text))
        }
    }

    /// Redaction first, so an escaped form of a secret can never slip past the mask.
    private func clean(_ text: String) -> String { redactor.redact(text) }

    /// Outside workflow-command runners only terminal control sequences are dangerous:
    /// show ESC and other C0 controls visibly instead of letting them drive the terminal.
    private func plain(_ text: String) -> String {
        let redacted = redactor.redact(text)
        guard redacted.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F }) else {
            return redacted
        }
        var result = ""
        for scalar in redacted.unicodeScalars {
            if (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F {
                result += String(format: "\\x%02X", scalar.value)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private func emit(_ line: String) {
        sink.write(line + "\n")
    }
}
