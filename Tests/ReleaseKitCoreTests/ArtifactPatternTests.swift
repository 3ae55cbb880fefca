import Testing
@testable import ReleaseKitCore

@Suite struct ArtifactPatternTests {
    static let values = PlaceholderValues(version: "1.2.3", component: "core", tag: "core-v1.2.3")

    @Test(arguments: [
        // pattern, path, matches
        ("inferflux-{version}-Linux.tar.gz", "inferflux-1.2.3-Linux.tar.gz", true),
        ("inferflux-{version}-Linux.tar.gz", "inferflux-1.2.4-Linux.tar.gz", false),
        ("{component}-{tag}.zip", "core-core-v1.2.3.zip", true),
        ("*.whl", "pkg-1.0-py3-none-any.whl", true),
        ("*.whl", "sub/pkg.whl", false),
        ("*", ".hidden", true),
        ("pkg-?.zip", "pkg-1.zip", true),
        ("pkg-?.zip", "pkg-10.zip", false),
        ("pkg-[0-9].zip", "pkg-7.zip", true),
        ("pkg-[0-9].zip", "pkg-a.zip", false),
        ("pkg-[!0-9].zip", "pkg-a.zip", true),
        ("pkg-[^0-9].zip", "pkg-5.zip", false),
        ("pkg-[]a].zip", "pkg-].zip", true),
        ("**/*.rb", "inferflux.rb", true),
        ("**/*.rb", "homebrew/inferflux.rb", true),
        ("**/*.rb", "a/b/c/inferflux.rb", true),
        ("homebrew/**", "homebrew/a/b.rb", true),
        ("homebrew/**", "winget/a.yaml", false),
        ("a/**/z.txt", "a/z.txt", true),
        ("a/**/z.txt", "a/b/c/z.txt", true),
        ("*-Linux.*", "inferflux-1.2.3-Linux.deb", true),
        ("*a*b*c", "xaxbxc", true),
        ("*a*b*c", "xaxbxcd", false),
        ("\\*.txt", "*.txt", true),
        ("\\*.txt", "a.txt", false),
        ("./dist-*.zip", "dist-1.zip", true),
    ])
    func matches(pattern: String, path: String, expected: Bool) throws {
        let compiled = try ArtifactPattern(pattern, values: Self.values)
        #expect(compiled.matches(path) == expected, "\(pattern) vs \(path)")
    }

    @Test func valuesAreLiteralNeverWildcards() throws {
        let pattern = try ArtifactPattern("pkg-{version}.zip", values: PlaceholderValues(version: "1.[0-9]*"))
        #expect(pattern.matches("pkg-1.[0-9]*.zip"))
        #expect(!pattern.matches("pkg-1.5.zip"))
        #expect(pattern.expanded == "pkg-1.[0-9]*.zip")
    }

    @Test func placeholdersAreListed() {
        #expect(ArtifactPattern.placeholders(in: "a-{version}-{tag}-{x}.zip") == ["version", "tag"])
    }

    @Test(arguments: [
        ("pkg-{version}.zip", "no version is known"),
        ("pkg-{sha}.zip", "unknown placeholder {sha}"),
        ("pkg-[a.zip", "never closed"),
        ("pkg-[z-a].zip", "reversed"),
        ("/abs/*.zip", "relative to --dir"),
    ])
    func invalidPatternsAreInputErrors(pattern: String, message: String) {
        #expect {
            _ = try ArtifactPattern(pattern, values: PlaceholderValues())
        } throws: { error in
            guard let error = error as? ArtifactPatternError else { return false }
            let flag = error.message(origin: ArtifactPatternError.Origin(name: "--expect", base: "--dir"))
            return error.kind == .invalidInput && flag.hasPrefix("--expect \(pattern)") && flag.contains(message)
        }
    }

    /// The core names the pattern, not a flag: the caller says where it came from.
    @Test func patternErrorsNameTheirOrigin() {
        let error = ArtifactPatternError(pattern: "/abs/*.zip", problem: .absolute)
        #expect(error.description == "pattern /abs/*.zip: patterns are relative to the artifact directory; remove the leading /")
        let config = ArtifactPatternError.Origin(name: "artifacts[0] in .releasekit.yml", base: "--dir")
        #expect(error.message(origin: config) == "artifacts[0] in .releasekit.yml /abs/*.zip: patterns are relative to --dir; remove the leading /")
        #expect(ArtifactPatternError(pattern: "", problem: .empty).message(origin: .init(name: "--expect", base: "--dir"))
            == "--expect needs a pattern; got an empty value")
    }

    @Test func selectionReportsMissingUnmatchedAndDirectoryOnlyPatterns() throws {
        let patterns = try ["*.tar.gz", "*.msi", "homebrew"].map { try ArtifactPattern($0, values: Self.values) }
        let selection = ArtifactSelection(files: ["a.tar.gz", "b.txt"], directories: ["homebrew"], patterns: patterns)
        #expect(selection.selected == ["a.tar.gz"])
        #expect(selection.unmatched == ["b.txt"])
        #expect(selection.missing.map(\.pattern) == ["*.msi", "homebrew"])
        #expect(selection.missing[1].reason.contains("only directories"))
        let all = ArtifactSelection(files: ["a", "b"], directories: [], patterns: [])
        #expect(all.selected == ["a", "b"] && all.missing.isEmpty && all.unmatched.isEmpty)
    }
}
