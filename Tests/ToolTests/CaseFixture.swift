import Foundation
import Testing
import ReleaseKitCore
import ReleaseKitRuntime
import ReleaseKitTestSupport

/// One whole case under `Tests/Fixtures/cases/<tool>/<case>/` (see the README there):
/// `steps.json` (the world the tool finds), `args` (its command line, one argument per
/// line), and `expected-outputs.json` or `expected-error` (the answer).
struct CaseFixture: CustomTestStringConvertible, Sendable {
    static let root = BuiltTool.fixtures.appendingPathComponent("cases")

    let tool: String
    let name: String
    var directory: URL { Self.root.appendingPathComponent(tool).appendingPathComponent(name) }
    var testDescription: String { "\(tool)/\(name)" }

    /// Every case of `tool`, by directory name.
    static func all(_ tool: String) -> [CaseFixture] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(tool).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { CaseFixture(tool: tool, name: $0) }
    }

    func data(_ file: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(file))
    }

    /// The command line: one argument per line; a missing file is no arguments.
    var arguments: [String] {
        guard let text = try? String(decoding: data("args"), as: UTF8.self) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    var steps: JSONValue {
        get throws { try JSONValue.parse(data("steps.json"), source: "\(testDescription)/steps.json") }
    }

    /// Checks the run's result against the case's expectation: the outputs exactly (as
    /// the strings a workflow reads), or an error whose message holds `expected-error`'s
    /// first line and whose exit status is its second.
    func check(_ run: () async throws -> StepOutputs) async throws {
        let errorFile = directory.appendingPathComponent("expected-error")
        if FileManager.default.fileExists(atPath: errorFile.path) {
            let lines = String(decoding: try data("expected-error"), as: UTF8.self).split(separator: "\n").map(String.init)
            do {
                let outputs = try await run()
                Issue.record("\(testDescription): expected an error, got outputs \(outputs.json.serialized)")
            } catch {
                let message = (error as? ReleaseKitError)?.description ?? "\(error)"
                #expect(message.contains(lines.first ?? ""), "\(testDescription): \(message)")
                if lines.count > 1 { #expect(String(ExitStatus(for: error).rawValue) == lines[1], "\(testDescription): exit status") }
            }
            return
        }
        let expected = try JSONValue.parse(data("expected-outputs.json"), source: "\(testDescription)/expected-outputs.json")
        let outputs = try await run()
        #expect(outputs.json == expected, "\(testDescription)")
    }
}

extension JSONValue {
    var strings: [String]? { arrayValue?.compactMap(\.stringValue) }

    var stringDictionary: [String: String] {
        guard case .object(let object) = self else { return [:] }
        return object.compactMapValues(\.stringValue)
    }
}
