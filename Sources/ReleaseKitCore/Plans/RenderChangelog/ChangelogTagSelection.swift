/// The tags render-changelog works with: every tag parsed once, the component
/// decided, and that component's releases in version order.
public struct TagSelection: Sendable {
    public let component: String
    public let order: ReleaseOrder
    private let references: [String: TagReference]
    /// Tags of the component by commit, for "is this commit a release?".
    private let byCommit: [String: [TagName]]

    /// The component: `--component`, else the one of `--tag`, else the one of the
    /// tag the CI run is for, else the one of the tags on the end commit (an error
    /// when they name several: git-cliff #149), else plain version tags (`""`).
    public init(references list: [TagReference], requestedComponent: String?, tag: String?, endCommit: String,
         locatedTag: String?) throws {
        var references: [String: TagReference] = [:]
        var parsed: [(TagName, TagReference)] = []
        for reference in list {
            references[reference.name] = reference
            if let name = try? TagName(parsing: reference.name) { parsed.append((name, reference)) }
        }
        let component: String
        if let requestedComponent {
            component = requestedComponent
            if let tag {
                let named = try TagName(parsing: tag)
                guard named.component == requestedComponent else {
                    throw RenderChangelogPlanError.tagOfAnotherComponent(tag: named.tag, component: named.component,
                                                                         requested: requestedComponent)
                }
            }
        } else if let tag {
            component = try TagName(parsing: tag).component
        } else if let locatedTag, references[locatedTag] != nil, let located = try? TagName(parsing: locatedTag) {
            component = located.component
        } else {
            let here = Set(parsed.filter { $0.1.commit == endCommit }.map(\.0.component))
            guard here.count <= 1 else {
                throw RenderChangelogPlanError.severalComponents(here.sorted())
            }
            component = here.first ?? ""
        }
        self.component = component
        self.references = references
        let mine = parsed.filter { $0.0.component == component }
        order = ReleaseOrder(mine.map(\.0))
        var byCommit: [String: [TagName]] = [:]
        for (name, reference) in mine { byCommit[reference.commit, default: []].append(name) }
        self.byCommit = byCommit
    }

    public var componentDescription: String {
        component.isEmpty ? "the repository (plain version tags)" : "component \"\(component)\""
    }

    public func commit(of tag: TagName) -> String { references[tag.tag]?.commit ?? tag.tag }

    public func date(of name: String) -> String? {
        references[name].map(\.date).flatMap { $0.isEmpty ? nil : $0 }
    }

    public func isTag(_ name: String) -> Bool {
        references[GitRef.tagName(name)] != nil
    }

    /// Parses a tag name given on the command line and checks its component.
    public func parse(_ name: String) throws -> TagName {
        let tag = try TagName(parsing: name)
        guard tag.component == component else {
            throw InputError("tag \(tag.tag) belongs to component \"\(tag.component)\", not \"\(component)\"; expected a tag of \(componentDescription)")
        }
        return tag
    }

    /// The highest-precedence release tag of the component on `commit`, if any.
    public func highestTag(at commit: String) -> TagName? {
        guard let tags = byCommit[commit] else { return nil }
        let kept = Set(order.tags.map(\.tag))
        return order.tags.last { tag in kept.contains(tag.tag) && tags.contains { $0.tag == tag.tag } }
    }
}
