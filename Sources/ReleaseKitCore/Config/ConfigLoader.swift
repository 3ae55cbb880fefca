import Yams

extension ReleaseKitConfig {
    /// The file name tools look for at the repository root.
    public static let fileName = ".releasekit.yml"

    /// Reads the text of a `.releasekit.yml`. Strict on purpose: an unknown key or a
    /// value of the wrong type is a `ConfigError` naming its key path and line, because
    /// a misspelt `tag-fromat` silently ignored would tag a release wrongly.
    /// An empty document is an empty configuration.
    public static func parse(_ text: String, file: String = fileName) throws -> ReleaseKitConfig {
        let root: Node?
        // Yams recurses once per level: refuse a bomb before it overflows the stack.
        if let violation = NestingLimit.checkYAML(text) {
            throw ConfigError(file: file, keyPath: "", line: violation.line, reason: violation.reason)
        }
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigError(file: file, keyPath: "", reason: "not valid YAML: \(error)")
        }
        guard let root, root.tag != .init(.null) else { return ReleaseKitConfig() }
        var reader = ConfigReader(file: file)
        return try reader.config(root)
    }
}

/// Walks the YAML node tree with the key path of each value at hand.
private struct ConfigReader {
    let file: String

    func fail(_ node: Node?, _ path: String, _ reason: String) -> ConfigError {
        ConfigError(file: file, keyPath: path, line: node?.mark?.line, reason: reason)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar):
            switch node.tag {
            case .init(.bool): "the boolean \(scalar.string)"
            case .init(.int), .init(.float): "the number \(scalar.string)"
            case .init(.null): "null"
            default: "the string \(quotedInput(scalar.string))"
            }
        }
    }

    /// The pairs of a mapping with string keys, refusing keys not in `allowed`.
    func mapping(_ node: Node, _ path: String, allowed: [String]) throws -> [(key: String, value: Node, path: String)] {
        guard case .mapping(let mapping) = node else {
            throw fail(node, path, "expected a mapping with keys \(allowed.joined(separator: ", ")), got \(describe(node))")
        }
        var seen = Set<String>()
        return try mapping.map { pair in
            guard case .scalar(let scalar) = pair.key else {
                throw fail(pair.key, path, "expected a string key, got \(describe(pair.key))")
            }
            let key = scalar.string
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard allowed.contains(key) else {
                throw fail(pair.key, keyPath, "unknown key \(quotedInput(key)); expected one of \(allowed.joined(separator: ", "))")
            }
            guard seen.insert(key).inserted else { throw fail(pair.key, keyPath, "key given twice") }
            return (key, pair.value, keyPath)
        }
    }

    func string(_ node: Node, _ path: String) throws -> String {
        guard case .scalar(let scalar) = node, node.tag == .init(.str) else {
            throw fail(node, path, "expected a string, got \(describe(node))")
        }
        return scalar.string
    }

    func bool(_ node: Node, _ path: String) throws -> Bool {
        guard node.tag == .init(.bool), let value = node.bool else {
            throw fail(node, path, "expected true or false, got \(describe(node))")
        }
        return value
    }

    func list(_ node: Node, _ path: String) throws -> [(Node, String)] {
        guard case .sequence(let sequence) = node else {
            throw fail(node, path, "expected a list, got \(describe(node))")
        }
        return sequence.enumerated().map { ($0.element, "\(path)[\($0.offset)]") }
    }

    func scheme(_ node: Node, _ path: String) throws -> VersionSchemeChoice {
        try choice(node, path, "scheme", expected: "auto, semver or pep440")
    }

    /// One of a fixed set of words (`dotted`, `compact`), refused with the ones expected.
    func choice<Value: RawRepresentable>(_ node: Node, _ path: String, _ what: String, expected: String) throws -> Value
        where Value.RawValue == String {
        let text = try string(node, path)
        guard let value = Value(rawValue: text) else {
            throw fail(node, path, "unknown \(what) \(quotedInput(text)); expected \(expected)")
        }
        return value
    }

    func tagFormat(_ node: Node, _ path: String) throws -> TagFormat {
        do { return try TagFormat(try string(node, path)) } catch let error as InputError {
            throw fail(node, path, error.description)
        }
    }

    func versionFiles(_ node: Node, _ path: String) throws -> [VersionFileSpec] {
        try list(node, path).map { item, itemPath in
            if case .mapping = item {
                var spec = VersionFileSpec(path: "")
                for (key, value, keyPath) in try mapping(item, itemPath, allowed: ["path", "key"]) {
                    switch key {
                    case "path": spec.path = try string(value, keyPath)
                    default:
                        let keys = try string(value, keyPath).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                        guard !keys.contains(where: \.isEmpty) else { throw fail(value, keyPath, "expected a key path such as model.version") }
                        spec.keyPath = keys
                    }
                }
                guard !spec.path.isEmpty else { throw fail(item, itemPath + ".path", "missing: every version file needs a path") }
                return spec
            }
            do { return try VersionFileSpec(parsing: try string(item, itemPath)) } catch let error as InputError {
                throw fail(item, itemPath, error.description)
            }
        }
    }

    func bump(_ node: Node, _ path: String) throws -> BumpRules.Options {
        var options = BumpRules.Options()
        for (key, value, keyPath) in try mapping(node, path, allowed: ["breaking-bumps-minor-before-1", "feature-bumps-patch-before-1"]) {
            switch key {
            case "breaking-bumps-minor-before-1": options.breakingBumpsMinorBeforeOne = try bool(value, keyPath)
            default: options.featureBumpsPatchBeforeOne = try bool(value, keyPath)
            }
        }
        return options
    }

    func package(_ node: Node, _ path: String) throws -> PackageConfig {
        var package = PackageConfig(name: "")
        var named = false
        for (key, value, keyPath) in try mapping(node, path, allowed: ["name", "path", "scheme", "tag-format", "version-files", "artifacts", "changelog"]) {
            switch key {
            case "name":
                package.name = try string(value, keyPath)
                guard !package.name.isEmpty else { throw fail(value, keyPath, "expected a non-empty package name") }
                named = true
            case "path": package.path = try string(value, keyPath)
            case "scheme": package.scheme = try scheme(value, keyPath)
            case "tag-format": package.tagFormat = try tagFormat(value, keyPath)
            case "artifacts": package.artifacts = try patterns(value, keyPath)
            case "changelog": package.changelog = try filePath(value, keyPath)
            default: package.versionFiles = try versionFiles(value, keyPath)
            }
        }
        guard named else { throw fail(node, path + ".name", "missing: every package needs a name (its tags' component)") }
        return package
    }

    /// A non-empty file path.
    func filePath(_ node: Node, _ path: String) throws -> String {
        let text = try string(node, path)
        guard !text.isEmpty else { throw fail(node, path, "expected a file path such as CHANGELOG.md") }
        return text
    }

    /// A list of artifact patterns (non-empty strings).
    func patterns(_ node: Node, _ path: String) throws -> [String] {
        try list(node, path).map { item, itemPath in
            let pattern = try string(item, itemPath)
            guard !pattern.isEmpty else { throw fail(item, itemPath, "expected a file pattern such as app-{version}.tar.gz") }
            return pattern
        }
    }

    func int(_ node: Node, _ path: String) throws -> Int {
        guard node.tag == .init(.int), let value = node.int else {
            throw fail(node, path, "expected a whole number, got \(describe(node))")
        }
        return value
    }

    /// The `changelog:` table. `sections` entries are applied on top of the default
    /// sections, type by type, so a configuration names only what it changes.
    func changelog(_ node: Node, _ path: String) throws -> ChangelogSettings {
        var settings = ChangelogSettings()
        let keys = ["sections", "breaking-title", "other", "include-merge-commits", "include-release-commits", "contributors"]
        for (key, value, keyPath) in try mapping(node, path, allowed: keys) {
            switch key {
            case "sections":
                for (item, itemPath) in try list(value, keyPath) {
                    settings.sections.append(try sectionRule(item, itemPath, defaults: settings))
                }
            case "breaking-title":
                settings.breakingTitle = try string(value, keyPath)
                guard !settings.breakingTitle.isEmpty else { throw fail(value, keyPath, "expected a non-empty title") }
            case "other":
                if value.tag == .init(.bool) {
                    guard try bool(value, keyPath) == false else {
                        throw fail(value, keyPath, "expected a section title, or false to leave non-conventional commits out")
                    }
                    settings.otherCommits = .drop
                } else {
                    let title = try string(value, keyPath)
                    guard !title.isEmpty else { throw fail(value, keyPath, "expected a non-empty section title, or false") }
                    settings.otherCommits = .section(title: title)
                }
            case "include-merge-commits": settings.includeMergeCommits = try bool(value, keyPath)
            case "include-release-commits": settings.includeReleaseCommits = try bool(value, keyPath)
            default: settings.showContributors = try bool(value, keyPath)
            }
        }
        return settings
    }

    /// One `{type, title, order, hidden}` entry; title and order default to the
    /// type's current rule (or the type name and after every default section).
    func sectionRule(_ node: Node, _ path: String, defaults: ChangelogSettings) throws -> ChangelogSettings.SectionRule {
        var type: String?
        var title: String?
        var order: Int?
        var hidden = false
        for (key, value, keyPath) in try mapping(node, path, allowed: ["type", "title", "order", "hidden"]) {
            switch key {
            case "type": type = try string(value, keyPath)
            case "title": title = try string(value, keyPath)
            case "order": order = try int(value, keyPath)
            default: hidden = try bool(value, keyPath)
            }
        }
        guard let type, !type.isEmpty else { throw fail(node, path + ".type", "missing: every section needs the commit type it collects, e.g. feat") }
        let existing = defaults.sections.last { $0.type == type.lowercased() }
        let rule = ChangelogSettings.SectionRule(
            type: type, title: title ?? existing?.title ?? type,
            order: order ?? existing?.order ?? ((defaults.sections.map(\.order).max() ?? 0) + 10), hidden: hidden)
        guard !rule.title.isEmpty else { throw fail(node, path + ".title", "expected a non-empty title") }
        return rule
    }

    mutating func config(_ root: Node) throws -> ReleaseKitConfig {
        var config = ReleaseKitConfig()
        let keys = ["scheme", "tag-format", "commit-message", "prerelease-style", "changelog-file", "dependency-bump", "bump", "version-files", "packages", "changelog", "artifacts", "forge"]
        for (key, value, keyPath) in try mapping(root, "", allowed: keys) {
            switch key {
            case "scheme": config.scheme = try scheme(value, keyPath)
            case "tag-format": config.tagFormat = try tagFormat(value, keyPath)
            case "commit-message": config.commitMessage = try string(value, keyPath)
            case "dependency-bump": config.dependencyBump = try choice(value, keyPath, "dependency bump", expected: "patch or none")
            case "changelog-file": config.changelogFile = try filePath(value, keyPath)
            case "prerelease-style":
                config.prereleaseStyle = try choice(value, keyPath, "prerelease style", expected: "dotted (1.3.0-rc.1) or compact (1.3.0-rc1)")
            case "bump": config.bump = try bump(value, keyPath)
            case "version-files": config.versionFiles = try versionFiles(value, keyPath)
            case "changelog": config.changelog = try changelog(value, keyPath)
            case "artifacts": config.artifacts = try patterns(value, keyPath)
            case "forge": config.forge = try choice(value, keyPath, "forge", expected: ForgeKind.choices)
            default:
                config.packages = try list(value, keyPath).map { try package($0, $1) }
                var names = Set<String>()
                for (index, package) in config.packages.enumerated() where !names.insert(package.name).inserted {
                    throw fail(nil, "packages[\(index)].name", "package \(quotedInput(package.name)) is listed twice")
                }
            }
        }
        return config
    }
}
