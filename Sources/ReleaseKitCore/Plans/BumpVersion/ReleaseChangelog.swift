/// The release's section in a package's changelog (`--changelog`), decided with
/// render-changelog's core and its rules, so the file a release commits reads as
/// render-changelog `--tag TAG --prepend FILE` would have written it: the section
/// of the tag being made (from the previous release by the `PreviousTag` rule, the
/// package's paths only), `[Unreleased]` turned into it, the same version replaced
/// rather than repeated on a re-run, a missing file created with the standard header.
public enum ReleaseChangelog {
    /// render-changelog's settings for the release `plan` makes, or nil when it
    /// releases nothing.
    public static func settings(for plan: PackagePlan, changelog: ChangelogSettings) -> RenderChangelogSettings? {
        guard let tag = plan.tag else { return nil }
        return RenderChangelogSettings(tag: tag, mode: .auto, component: plan.component, format: .markdown,
                                       changelog: changelog, paths: plan.directories)
    }

    /// The changelog as a planned file: `existing` (nil when there is no file yet)
    /// with the release's section merged in. `note` is a line under the section's
    /// heading (the dependencies released), `redact` removes secrets from commit text.
    public static func planned(_ ref: VersionFileRef, existing: [UInt8]?, range: ChangelogRange, selection: TagSelection,
                               settings: RenderChangelogSettings, facts: RenderChangelogFacts, note: String? = nil,
                               redact: (String) -> String) throws -> PlannedFile {
        let text: String?
        if let existing {
            guard let decoded = LosslessUTF8.decode(existing) else {
                throw InputError("\(ref.displayPath) holds a character from U+10FF80 to U+10FFFF, which the changelog merge uses to keep bytes that are not UTF-8; remove it, or leave the changelog out of the release")
            }
            text = decoded
        } else {
            text = nil
        }
        let plan = RenderChangelogPlan(range: range, selection: selection, settings: settings, facts: facts)
        let merged = try plan.prepended(to: text, file: ref.displayPath, note: note, redact: redact)
        return PlannedFile(otherFile: ref, old: existing, new: LosslessUTF8.encode(merged))
    }
}
