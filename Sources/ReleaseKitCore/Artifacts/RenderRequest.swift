/// One `--render TEMPLATE=OUTPUT`.
public struct RenderRequest: Sendable, Equatable {
    public var template: String
    public var output: String

    public init(template: String, output: String) {
        self.template = template
        self.output = output
    }

    /// Splits at the first `=` (template paths rarely hold one; outputs may).
    public init(parsing text: String) throws {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex,
              text.index(after: equals) != text.endIndex else {
            throw InputError("--render \(text): expected TEMPLATE=OUTPUT, for example --render packaging/formula.rb.in=dist/homebrew/inferflux.rb")
        }
        template = String(text[..<equals])
        output = String(text[text.index(after: equals)...])
    }
}
