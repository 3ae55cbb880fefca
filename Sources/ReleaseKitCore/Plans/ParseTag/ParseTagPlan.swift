/// parse-tag's answer: the tag split into component and version, and the previous
/// release of that component.
public struct ParseTagPlan: Sendable {
    public var tag: TagName
    public var previous: TagName?
    /// Shown as a warning: earlier tags are missing, so `previous` may be wrong.
    public var warnsShallow: Bool

    /// - Throws: `InputError` when the tag is not a release tag, or belongs to another
    ///   component than the one required.
    public static func plan(_ facts: ParseTagFacts, _ settings: ParseTagSettings) throws -> ParseTagPlan {
        let parsed = try TagName(parsing: facts.tag, scheme: settings.scheme)
        if let component = settings.component, parsed.component != component {
            throw InputError("tag \(parsed.tag) belongs to component \"\(parsed.component)\", not \"\(component)\" (--component); expected a tag of \(component)")
        }
        let previous = facts.tags.flatMap { PreviousTag.find(in: $0, before: parsed, scheme: settings.scheme) }
        return ParseTagPlan(tag: parsed, previous: previous, warnsShallow: facts.tags != nil && facts.isShallow)
    }

    public var outputs: ParseTagOutputs { ParseTagOutputs(tag: tag, previous: previous) }
}
