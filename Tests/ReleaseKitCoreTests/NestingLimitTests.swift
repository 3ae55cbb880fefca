import Foundation
import Testing
@testable import ReleaseKitCore

/// Issue 18, class 6: deep nesting overflowed the stack (SIGSEGV) in Yams, the JSON
/// decoder, our JSON locator and swift-mustache. Each parser now refuses a document
/// past `NestingLimit.maximum` with an input error naming the file and the limit, and
/// still reads one just inside it.
@Suite struct NestingLimitTests {
    static let limit = NestingLimit.maximum
    static let deep = [limit + 1, 5_000, 50_000]

    /// YAML shapes that nest: flow lists, flow maps, block mappings, `- - -` lists.
    static func yaml(_ depth: Int, shape: Int) -> String {
        switch shape {
        case 0: return String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        case 1: return String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth)
        case 2: return "\n" + (1...depth).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x"
        default: return "\n" + String(repeating: "- ", count: depth) + "x"
        }
    }

    @Test("a deeply nested .releasekit.yml is a configuration error naming the limit", arguments: deep.prefix(2), 0..<4)
    func configuration(depth: Int, shape: Int) {
        do {
            _ = try ReleaseKitConfig.parse("artifacts: " + Self.yaml(depth, shape: shape), file: "deep.yml")
            Issue.record("accepted")
        } catch let error as ConfigError {
            #expect(error.description.hasPrefix("deep.yml:"))
            #expect(error.description.contains("deeper than \(Self.limit) levels"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("nesting just inside the limit is read", arguments: 0..<4)
    func insideTheLimit(shape: Int) {
        #expect(NestingLimit.checkYAML("artifacts: " + Self.yaml(Self.limit - 2, shape: shape)) == nil)
        #expect(NestingLimit.checkJSON(Array((String(repeating: "[", count: Self.limit) + String(repeating: "]", count: Self.limit)).utf8)) == nil)
        #expect(NestingLimit.checkMustache(String(repeating: "{{#a}}", count: Self.limit) + String(repeating: "{{/a}}", count: Self.limit)) == nil)
    }

    @Test("brackets inside strings and comments do not count")
    func textIsNotNesting() {
        let brackets = String(repeating: "[", count: 1_000)
        #expect(NestingLimit.checkYAML("a: \"\(brackets)\"\nb: '\(brackets)'\n# \(brackets)\n") == nil)
        #expect(NestingLimit.checkJSON(Array("{\"a\": \"\(brackets)\\\"\(brackets)\"}".utf8)) == nil)
    }

    @Test("deep version files are refused naming the file", arguments: deep, ["Chart.yaml", "package.json", "package-lock.json", "values.yaml:a.b", "data.json:a.b"])
    func versionFiles(depth: Int, file: String) throws {
        let isJSON = file.contains("json")
        let bomb = isJSON
            ? "{\"name\": \"x\", \"version\": \"1.0.0\", \"x\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
            : "apiVersion: v2\nversion: 1.0.0\nx: " + Self.yaml(depth, shape: depth % 4)
        let editor = try VersionFile(try VersionFileSpec(parsing: file))
        do {
            _ = try editor.locate(in: Array(bomb.utf8))
            Issue.record("accepted")
        } catch let error as VersionFileError {
            #expect(error.description.hasPrefix("version file \(editor.path):"))
            #expect(error.description.contains("deeper than \(Self.limit) levels"))
        }
    }

    @Test("a deep event payload is an input error naming it", arguments: deep, ["[", "{\"a\":"])
    func payload(depth: Int, opener: String) {
        let closer = opener == "[" ? "]" : "}"
        let text = String(repeating: opener, count: depth) + "1" + String(repeating: closer, count: depth)
        #expect(throws: InputError.self) { try JSONValue.parse(Data(text.utf8), source: "the payload p.json") }
        do { _ = try JSONValue.parse(Data(text.utf8), source: "the payload p.json") } catch {
            #expect("\(error)".contains("the payload p.json nests deeper than \(Self.limit) levels"))
        }
    }

    @Test("a template of deeply nested sections is an input error naming it", arguments: ["{{#a}}", "{{^a}}", "{{$a}}", "{{=<% %>=}}<%#a%>"])
    func template(opener: String) {
        let text = opener + String(repeating: opener.hasPrefix("{{=") ? "<%#a%>" : opener, count: 5_000)
        do {
            _ = try ChangelogTemplate(text, source: "t.mustache")
            Issue.record("accepted")
        } catch {
            #expect("\(error)" == "the template t.mustache nests deeper than \(Self.limit) levels (at line 1); ReleaseKit reads at most \(Self.limit) levels of nesting")
        }
    }
}
