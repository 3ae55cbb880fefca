import Mustache

/// A user's Mustache template (`--template FILE`) over the `ChangelogContext`.
///
/// Standard Mustache semantics (swift-mustache): `{{name}}` HTML-escapes, so
/// templates that want commit text verbatim use `{{{name}}}`, or put
/// `{{% CONTENT_TYPE: TEXT}}` first to switch escaping off for the whole file.
/// `null` fields are missing, so `{{#scope}}…{{/scope}}` shows only when set.
public struct ChangelogTemplate: Sendable {
    let template: MustacheTemplate
    public let source: String

    /// Parses `text`; a syntax error is exit 2 naming `source` (the file).
    public init(_ text: String, source: String) throws {
        // swift-mustache parses and renders sections recursively: refuse a bomb first.
        if let violation = NestingLimit.checkMustache(text) {
            throw InputError("the template \(source) \(violation.reason)")
        }
        do {
            template = try MustacheTemplate(string: text)
        } catch {
            throw InputError("the template \(source) is not a valid Mustache template (\(error)); check that every {{#section}} has its {{/section}}")
        }
        self.source = source
    }

    public func render(_ context: ChangelogContext) -> String {
        template.render(Self.mustacheValue(context.json) ?? [String: Any]())
    }

    /// JSON values as the Foundation-free shapes swift-mustache walks:
    /// dictionaries, arrays, strings, integers, booleans; `null` becomes absent.
    static func mustacheValue(_ value: JSONValue) -> Any? {
        switch value {
        case .null: return nil
        case .bool(let flag): return flag
        case .number(let number):
            if number.rounded() == number, abs(number) < 1e15 { return Int(number) }
            return number
        case .string(let text): return text
        case .array(let values): return values.compactMap(mustacheValue)
        case .object(let members):
            var result: [String: Any] = [:]
            for (key, member) in members {
                if let converted = mustacheValue(member) { result[key] = converted }
            }
            return result
        }
    }
}
