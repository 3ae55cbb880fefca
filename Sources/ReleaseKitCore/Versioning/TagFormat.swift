/// How a component's release tags are spelled: a template with `{version}` and
/// optionally `{component}` (`v{version}`, `{component}-v{version}`,
/// `{component}@{version}`).
///
/// Matching is the template's text around `{version}`, exactly, so
/// `aetherflow-v{version}` never claims `aetherflow-core-v0.1.0`; the one
/// leniency is the optional `v` that parse-tag also allows, so a `v{version}`
/// format finds `1.2.3` tags too.
public struct TagFormat: Sendable, Hashable, CustomStringConvertible {
    public let template: String

    public static let single = TagFormat(uncheckedTemplate: "v{version}")
    public static let component = TagFormat(uncheckedTemplate: "{component}-v{version}")

    /// The default: `v{version}` without a component, `{component}-v{version}` with one.
    public static func `default`(component: String) -> TagFormat {
        component.isEmpty ? .single : .component
    }

    private init(uncheckedTemplate: String) { template = uncheckedTemplate }

    /// Throws `InputError` unless `template` holds `{version}` exactly once.
    public init(_ template: String) throws {
        let parts = template.components(separatedBy: "{version}")
        guard parts.count == 2 else {
            throw InputError("tag format \(quotedInput(template)) must contain {version} exactly once, e.g. v{version} or {component}-v{version}")
        }
        self.template = template
    }

    public var usesComponent: Bool { template.contains("{component}") }

    /// The tag for `version` of `component`.
    public func tag(component: String, version: String) -> String {
        template.replacingOccurrences(of: "{component}", with: component)
            .replacingOccurrences(of: "{version}", with: version)
    }

    /// The version `tag` names for `component`, or `nil` when the tag is not one of
    /// that component's release tags under `scheme`.
    public func version(in tag: String, component: String, scheme: VersionSchemeChoice) -> Version? {
        let name = GitRef.tagName(tag)
        let parts = template.replacingOccurrences(of: "{component}", with: component).components(separatedBy: "{version}")
        let prefix = parts[0], suffix = parts[1]
        var candidates = [prefix]
        if prefix.hasSuffix("v") { candidates.append(String(prefix.dropLast())) }
        for prefix in candidates where name.hasPrefix(prefix) && name.hasSuffix(suffix)
            && name.utf8.count >= prefix.utf8.count + suffix.utf8.count {
            let middle = name.dropFirst(prefix.count).dropLast(suffix.count)
            guard let first = middle.unicodeScalars.first, ("0"..."9").contains(first) else { continue }
            if let version = Version.parseIfValid(String(middle), scheme: scheme) { return version }
        }
        return nil
    }

    public var description: String { template }
}
