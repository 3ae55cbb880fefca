/// A git tag split into the component it releases and the version it names.
///
/// Monorepos tag each package (`web-vercel-v1.0.0`, `@scope/pkg@1.2.3`,
/// `tools/gopls/v0.16.0`), and single-package repositories tag plain versions
/// (`v1.2.3`). One rule covers both: the version is the **longest** suffix that,
/// after dropping one leading `v`/`V`, is a valid version, provided the text
/// before it is empty or ends with `-`, `_`, `@` or `/`; that separator is then
/// dropped to give the component. Taking the longest suffix keeps every part of
/// a version that the scheme can read (`pkg-1.0-1` names PEP 440 `1.0.post1`,
/// not `1`), which also means a component ending in something version-like is
/// read as part of the version (see the tests for the consequences).
public struct TagName: Sendable, Hashable, CustomStringConvertible {
    /// The tag as given, with a leading `refs/tags/` removed.
    public let tag: String
    /// Empty when the tag is just a version.
    public let component: String
    /// The version as written in the tag, without the one optional leading `v`.
    public let versionText: String
    public let version: Version

    static let separators: Set<Character> = ["-", "_", "@", "/"]

    /// Splits `name` (a tag name or a full `refs/tags/...` ref). Under `auto`
    /// a suffix qualifies when it is valid SemVer or valid PEP 440, and the
    /// version is then read as ``Version/parse(_:scheme:)`` reads it.
    /// Throws `InputError` naming the tag when no suffix qualifies.
    public init(parsing name: String, scheme: VersionSchemeChoice = .auto) throws {
        let tag = GitRef.tagName(name)
        // Split points run from the start, so the first hit is the longest suffix.
        var splitPoint = tag.startIndex
        while true {
            let before = tag[..<splitPoint]
            if before.isEmpty || Self.separators.contains(before.last!) {
                let candidate = VersionText.strippingV(tag[splitPoint...])
                if let version = Version.parseIfValid(String(candidate), scheme: scheme) {
                    self.tag = tag
                    component = before.isEmpty ? "" : String(before.dropLast())
                    versionText = String(candidate)
                    self.version = version
                    return
                }
            }
            guard splitPoint < tag.endIndex else { break }
            splitPoint = tag.index(after: splitPoint)
        }
        let grammar = switch scheme {
        case .auto: "a SemVer 2.0.0 or PEP 440 version"
        case .semver: "a SemVer 2.0.0 version"
        case .pep440: "a PEP 440 version"
        }
        throw InputError("tag \(quotedInput(name)) does not end in a version: expected [COMPONENT{-|_|@|/}][v]VERSION with VERSION \(grammar), e.g. v1.2.3 or my-pkg-v1.2.3")
    }

    public var description: String { tag }
}
