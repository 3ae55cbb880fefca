import ReleaseKitCore
import ReleaseKitRuntime

extension VerifyArtifactsOptions {
    /// The one place flags, `.releasekit.yml` and defaults meet. Only the expected
    /// patterns have a configuration value: `--expect`, else the `artifacts` of the
    /// package named by `--component` (or the tag's component), else the top-level
    /// `artifacts`, else none (every file is the release).
    func settings(in context: ToolContext) async throws -> VerifyArtifactsSettings {
        if requireImmutable && againstRelease == nil {
            throw InputError("--require-immutable needs --against-release TAG: it checks that release's immutable flag")
        }
        let values = PlaceholderValues(version: version, component: component, tag: tag)
        let renders = try render.map(RenderRequest.init(parsing:))
        let (patterns, source) = try await expectedPatterns(values: values, in: context)
        return VerifyArtifactsSettings(
            directory: dir, expect: patterns, expectSource: source, values: values, strict: strict,
            checksums: checksums, writeChecksums: writeChecksums, algorithm: algorithm, checkArchives: checkArchives,
            renders: renders, baseURL: baseUrl, againstRelease: againstRelease, requireImmutable: requireImmutable,
            stallTimeout: stallTimeout)
    }

    private func expectedPatterns(values: PlaceholderValues, in context: ToolContext) async throws -> ([String], VerifyArtifactsSettings.PatternSource) {
        guard expect.isEmpty else { return (expect, .flag) }
        guard let found = try await ConfiguredArtifacts.patterns(values: values, in: context) else {
            return ([], .flag)
        }
        return (found.patterns, .configuration(key: found.key))
    }
}

extension VerifyArtifactsSettings.PatternSource {
    /// How a bad pattern's message names where it came from: the flag exactly as it
    /// always did, or the configuration key the user can find in the file.
    func origin(ofPattern index: Int) -> ArtifactPatternError.Origin {
        switch self {
        case .flag: .expectFlag
        case .configuration(let key): ArtifactPatternError.Origin(name: "\(key)[\(index)] in \(ReleaseKitConfig.fileName)", base: "--dir")
        }
    }
}

extension ArtifactPatternError.Origin {
    /// `--expect`, whose patterns are relative to `--dir`; also the wording for a
    /// template's `{sha256:…}` pattern, which has always been reported this way.
    static let expectFlag = ArtifactPatternError.Origin(name: "--expect", base: "--dir")
}

/// Fills the placeholders something uses and no flag gave, from the tag (looked up
/// only then, since a run outside a tag build has none).
enum PlaceholderLookup {
    static func complete(_ values: PlaceholderValues, needing needed: Set<String>, in context: ToolContext) async throws -> PlaceholderValues {
        var result = values
        let unknown = needed.filter { result.value(of: $0) == nil }
        guard !unknown.isEmpty else { return result }
        let tagText: String
        if let tag = result.tag {
            tagText = tag
        } else {
            let found = try await context.locateTag(repository: await context.repository())
            tagText = GitRef.tagName(found)
            result.tag = tagText
        }
        if result.version == nil || result.component == nil, unknown.contains("version") || unknown.contains("component") {
            let parsed = try TagName(parsing: tagText)
            if result.version == nil { result.version = parsed.versionText }
            if result.component == nil { result.component = parsed.component }
        }
        return result
    }
}
