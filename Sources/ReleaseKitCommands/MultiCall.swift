import Foundation
import ReleaseKitCore
import ReleaseKitRuntime

/// One binary for the six tools: a static Foundation with networking is most of each
/// executable's size, so shipping it once instead of six times is what keeps the release
/// archive small. The binary is installed under every tool's name and runs the tool it
/// was invoked as (`parse-tag v1.2.3`), or the one named first (`releasekit parse-tag v1.2.3`).
public enum MultiCall {
    /// The tools by command name, in the order the README lists them.
    public static var tools: [(name: String, command: any ReleaseTool.Type)] {
        [
            ("guard-loop", GuardLoop.self),
            ("parse-tag", ParseTag.self),
            ("bump-version", BumpVersion.self),
            ("render-changelog", RenderChangelog.self),
            ("verify-artifacts", VerifyArtifacts.self),
            ("create-release", CreateRelease.self),
        ]
    }

    /// Runs the tool `arguments` (argv, program name first) ask for; never returns.
    public static func main(_ arguments: [String]) async -> Never {
        let invokedAs = URL(fileURLWithPath: arguments.first ?? "releasekit").lastPathComponent
        var rest = Array(arguments.dropFirst())
        var name = invokedAs
        if command(named: name) == nil, let first = rest.first, command(named: first) != nil {
            name = first
            rest.removeFirst()
        }
        guard let tool = command(named: name) else {
            let code = usage(invokedAs: invokedAs, arguments: rest)
            exit(code)
        }
        await tool.main(arguments: rest)
        exit(0)
    }

    /// Every tool's outputs, in order: `{"tool": [{"name": …, "summary": …}, …], …}`
    /// with the tools in README order (an array of pairs keeps that order).
    static func describeOutputs() -> JSONValue {
        .array(tools.map { tool in
            let names: [JSONValue] = outputNames(of: tool.command).map {
                .object(["name": .string($0.name), "summary": .string($0.summary)])
            }
            return .object(["tool": .string(tool.name), "outputs": .array(names)])
        })
    }

    private static func outputNames<Tool: ReleaseTool>(of tool: Tool.Type) -> [(name: String, summary: String)] {
        Tool.Outputs.outputNames
    }

    static func command(named name: String) -> (any ReleaseTool.Type)? {
        tools.first { $0.name == name }?.command
    }

    /// `releasekit`, `releasekit --help` and `releasekit --version` answer; anything else
    /// is a usage error (exit 2) naming the tools.
    private static func usage(invokedAs: String, arguments: [String]) -> Int32 {
        let names = tools.map(\.name).joined(separator: ", ")
        switch arguments.first {
        case "--version":
            print(ToolkitVersion.current)
            return 0
        case "--describe-outputs":
            // Not for users: scripts/generate-actions writes each action's outputs and
            // README's output tables from this, so their names exist only in the code.
            print(describeOutputs().serialized)
            return 0
        case nil, "--help", "-h", "help":
            print("""
            USAGE: releasekit <tool> [arguments]   (or run it installed as one of the tool names)

            TOOLS: \(names)

            Each tool answers --help and --version.
            """)
            return 0
        case let unknown?:
            FileHandle.standardError.write(Data("releasekit: unknown tool \(String(reflecting: unknown)) (invoked as \(String(reflecting: invokedAs))); expected one of \(names)\n".utf8))
            return 2
        }
    }
}
