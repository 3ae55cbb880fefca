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
            throw InputError("the template \(source) is not a valid Mustache template: \(Self.describe(error))")
        }
        self.source = source
    }

    /// swift-mustache's errors printed as they are show its internal types (parser
    /// context structs, enum paths); say instead what is wrong and where.
    static func describe(_ error: Error) -> String {
        guard let parserError = error as? MustacheTemplate.ParserError else {
            return "it could not be parsed; check that every {{#section}} has its {{/section}}"
        }
        let reason: String
        switch parserError.error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: reason = "a {{/…}} closes a section other than the one open"
        case .unfinishedName?: reason = "a tag is not finished (a name followed by }})"
        case .expectedSectionEnd?: reason = "a {{#section}} or {{^section}} has no matching {{/section}}"
        case .invalidSetDelimiter?: reason = "a {{=… …=}} delimiter change is malformed"
        case .transformAppliedToInheritanceSection?: reason = "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
            reason = "a {{<parent}} section holds something other than {{$block}} sections"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?:
            reason = "a {{%…}} pragma is not recognised (only {{% CONTENT_TYPE: TEXT}} and HTML are)"
        case nil: reason = "the text ends inside a tag or a section; check that every {{ has its }} and every {{#section}} its {{/section}}"
        }
        return "\(reason) (line \(parserError.context.lineNumber), column \(parserError.context.columnNumber))"
    }

    public func render(_ context: ChangelogContext) -> String {
        var builder = MustacheValueBuilder()
        context.write(to: &builder)
        return template.render(builder.value ?? [String: Any]())
    }
}
