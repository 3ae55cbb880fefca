import Foundation
import ReleaseKitCore

/// Where a run's outputs go, decided once from the flags and the environment.
public struct OutputDestinations: Sendable, Equatable {
    /// `--json`: one JSON object on stdout and nothing else there.
    public var jsonOnStdout: Bool
    /// `--output-file PATH --output-format F`.
    public var file: (path: String, format: OutputFormat)?
    /// `GITHUB_OUTPUT` from the environment.
    public var githubOutput: String?

    public init(jsonOnStdout: Bool = false, file: (path: String, format: OutputFormat)? = nil, githubOutput: String? = nil) {
        self.jsonOnStdout = jsonOnStdout
        self.file = file
        self.githubOutput = githubOutput
    }

    public static func == (lhs: OutputDestinations, rhs: OutputDestinations) -> Bool {
        lhs.jsonOnStdout == rhs.jsonOnStdout && lhs.file?.path == rhs.file?.path
            && lhs.file?.format == rhs.file?.format && lhs.githubOutput == rhs.githubOutput
    }

    /// With none of the machine-readable destinations, a person is reading: show
    /// `name: value` lines on stdout.
    public var isInteractive: Bool { !jsonOnStdout && file == nil && githubOutput == nil }
}

/// Writes a run's outputs to every destination that applies. All values pass the
/// secret redactor first, so a token can never leave through an output.
public struct OutputReporter: Sendable {
    public let destinations: OutputDestinations
    public let fileSystem: FileSystem
    public let stdout: TextSink
    public let log: Log
    public let githubEncoder: GitHubOutputEncoder

    public init(destinations: OutputDestinations, fileSystem: FileSystem, stdout: TextSink, log: Log,
                githubEncoder: GitHubOutputEncoder = GitHubOutputEncoder()) {
        self.destinations = destinations
        self.fileSystem = fileSystem
        self.stdout = stdout
        self.log = log
        self.githubEncoder = githubEncoder
    }

    public func report(_ raw: StepOutputs) throws {
        var outputs = StepOutputs()
        for (name, value) in raw.entries { outputs.set(name, log.redactor.redact(value)) }

        // Encode everything before writing anything, so a format error leaves no file half-done.
        var pending: [() throws -> Void] = []
        // Files replaced by this report, checked all before the first is written.
        var replaced: [String] = []
        if let (path, format) = destinations.file {
            replaced.append(path)
            switch format {
            case .github:
                let text = githubEncoder.encode(outputs)
                pending.append { try fileSystem.writeAtomically(Data(text.utf8), to: path) }
            case .json:
                let text = outputs.json.serialized + "\n"
                pending.append { try fileSystem.writeAtomically(Data(text.utf8), to: path) }
            case .dotenv:
                let result = try DotenvEncoder().encode(outputs) { name in path + "." + name }
                for side in result.sideFiles {
                    replaced.append(side.path)
                    pending.append {
                        try fileSystem.writeAtomically(Data(side.value.utf8), to: side.path)
                        log.warning("output \(side.outputName) cannot be written as a dotenv line (it is multi-line or has surrounding blanks); its value is in \(side.path), named by \(side.key)")
                    }
                }
                pending.append { try fileSystem.writeAtomically(Data(result.text.utf8), to: path) }
                if result.text.utf8.count > DotenvEncoder.sizeLimit {
                    pending.append {
                        log.warning("the dotenv report \(path) is \(result.text.utf8.count) bytes; GitLab rejects reports over \(DotenvEncoder.sizeLimit) bytes by default")
                    }
                }
            }
        }
        if let path = destinations.githubOutput {
            let text = githubEncoder.encode(outputs)
            pending.append { try fileSystem.append(Data(text.utf8), to: path) }
        }
        for path in replaced { try WritableTarget.check(path) }
        for write in pending { try write() }

        // The runner reads stdout for workflow commands too: the JSON object escapes
        // `#` and `:` where they would form one (JSON readers decode them unchanged),
        // and on a runner the `name: value` lines get the same rule as log lines.
        if destinations.jsonOnStdout {
            stdout.write(WorkflowCommandEscaping.inert(outputs.json.serialized, spelling: .json) + "\n")
        } else if destinations.isInteractive {
            let text = Self.humanReadable(outputs)
            stdout.write(log.usesWorkflowCommands ? WorkflowCommandEscaping.inert(text) : text)
        } else if log.usesWorkflowCommands, !outputs.entries.isEmpty {
            // In the Actions log, show what was set; verbatim() keeps the values inert.
            log.group("Outputs") { log.verbatim(Self.humanReadable(outputs)) }
        }
    }

    /// `name: value` lines; a multi-line value continues on lines indented by two spaces.
    /// On UTF-8 bytes: the value can be a whole changelog, and walking it by
    /// `Character` (or Foundation's `contains`) cost more than rendering it.
    public static func humanReadable(_ outputs: StepOutputs) -> String {
        var text: [UInt8] = []
        // Sized once: each name and value, `:\n  ` and the last newline, and two spaces
        // per line it continues on.
        text.reserveCapacity(outputs.entries.reduce(0) { total, entry in
            total + entry.name.utf8.count + 5 + entry.value.utf8.reduce(entry.value.utf8.count) { $0 + ($1 == UInt8(ascii: "\n") ? 2 : 0) }
        })
        for (name, value) in outputs.entries {
            text += name.utf8
            let bytes = value.utf8
            if bytes.contains(UInt8(ascii: "\n")) {
                text += ":\n  ".utf8
                var previous: UInt8 = 0
                for byte in bytes {
                    text.append(byte)
                    // `\r\n` is one Character and stays inside its line, as it always has.
                    if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") { text += "  ".utf8 }
                    previous = byte
                }
                text.append(UInt8(ascii: "\n"))
            } else if bytes.isEmpty {
                text += ":\n".utf8
            } else {
                text += ": ".utf8
                text += bytes
                text.append(UInt8(ascii: "\n"))
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
