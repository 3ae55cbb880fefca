/// Version text as people write it: tags and flags often carry one leading `v`
/// (`v1.2.3`, `--current V2.0`), which is not part of the version.
public enum VersionText {
    /// `text` without one leading `v` or `V`; every place that reads a version a
    /// person typed drops it the same way, so `--set v2.0.0` and tag `v2.0.0` agree.
    public static func strippingV<Text: StringProtocol>(_ text: Text) -> Text.SubSequence {
        text.dropFirst(vPrefix(text).count)
    }

    /// The leading `v` or `V` as written (kept when a version file's value is rewritten,
    /// so `version: v1.2.0` stays `v`-prefixed), or "".
    public static func vPrefix<Text: StringProtocol>(_ text: Text) -> String {
        text.first == "v" || text.first == "V" ? String(text.prefix(1)) : ""
    }
}

extension Version {
    /// Parses a version a person typed, a leading `v`/`V` allowed (`--set v2.0.0`).
    public static func parse(typed text: String, scheme: VersionSchemeChoice) throws -> Version {
        try parse(String(VersionText.strippingV(text)), scheme: scheme)
    }

    /// Like `parse(typed:scheme:)`, nil when the text is no version of either scheme.
    public static func parseIfValid(typed text: String) -> Version? {
        parseIfValid(String(VersionText.strippingV(text)))
    }
}
