import Testing
@testable import ReleaseKitCore

/// Issue 18, class 13: a template error printed swift-mustache's internal types.
@Suite struct TemplateErrorMessageTests {
    @Test("a broken template is one accurate line naming it", arguments: [
        "{{#releases}}x", "{{#", "{{#a}}{{/a", "{{#a}}{{/b}}", "{{=<% =}}", "{{%FOO}}", "{{^a}}", "a\n{{#b}}\n{{/c}}",
    ])
    func oneLine(text: String) {
        do {
            _ = try ChangelogTemplate(text, source: "notes.mustache")
            Issue.record("accepted \(text)")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("the template notes.mustache is not a valid Mustache template: "))
            #expect(!message.contains("\n"))
            for leaked in ["ParserError", "MustacheParserContext", "Mustache.", "columnNumber:", "error:"] {
                #expect(!message.contains(leaked), "\(message)")
            }
            #expect(message.contains("(line "))
        }
    }
}
