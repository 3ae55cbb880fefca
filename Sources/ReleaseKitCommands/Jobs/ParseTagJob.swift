import Git
import ReleaseKitCore
import ReleaseKitRuntime

/// parse-tag's work: find the tag, split and parse it, find the previous release.
public struct ParseTagJob: Sendable {
    public var tag: String?
    public var scheme: VersionSchemeChoice
    public var component: String?

    public init(tag: String?, scheme: VersionSchemeChoice, component: String?) {
        self.tag = tag
        self.scheme = scheme
        self.component = component
    }

    public func run(in context: ToolContext) throws -> ToolResult {
        let repository = context.repository()
        let name: String
        if let tag {
            name = tag
        } else {
            name = try context.locateTag(repository: repository)
        }
        let parsed = try TagName(parsing: name, scheme: scheme)
        if let component, parsed.component != component {
            throw InputError("tag \(parsed.tag) belongs to component \"\(parsed.component)\", not \"\(component)\" (--component); expected a tag of \(component)")
        }
        let previous = try repository.flatMap { try previousTag(of: parsed, in: $0, log: context.log) }

        let version = parsed.version
        try context.summary.append("### parse-tag\n\n" + StepSummary.table(
            header: ["Tag", "Component", "Version", "Prerelease"],
            rows: [[parsed.tag, parsed.component.isEmpty ? "—" : parsed.component, version.normalized,
                    version.isPrerelease ? "yes" : "no"]]))
        return ToolResult(ParseTagOutputs(tag: parsed, previous: previous))
    }

    /// The previous release of the same component, or nil. A shallow clone has no tags
    /// to look at: say so rather than return an empty answer that looks like "none".
    private func previousTag(of tag: TagName, in repository: Repository, log: Log) throws -> TagName? {
        if try repository.isShallow() {
            log.warning("this is a shallow clone, so earlier tags are missing and previous-tag may be empty or wrong; check out with fetch-depth: 0 (actions/checkout) to fetch the history and tags",
                        title: "parse-tag: shallow clone")
        }
        let tags = try repository.tagNames()
        return PreviousTag.find(in: tags, before: tag, scheme: scheme)
    }
}
