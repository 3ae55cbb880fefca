import Foundation
import Testing
import ReleaseKitCore

/// Every version file kind, bumped byte for byte against the fixtures in
/// Tests/Fixtures/version-files/, and the files that must be refused.
@Suite struct VersionFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/version-files")

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(path)))
    }

    /// Every kind: case directory, file (with key path), new version, scheme.
    static let kinds: [(directory: String, file: String, version: String, scheme: VersionScheme)] = [
        ("package-json", "package.json", "1.3.0-rc.1", VersionScheme.semver),
        ("package-lock", "package-lock.json", "1.3.0-rc.1", .semver),
        ("pyproject-pep621", "pyproject.toml", "1.3.0rc1", .pep440),
        ("pyproject-poetry", "pyproject.toml", "1.3.0rc1", .pep440),
        ("setup-cfg", "setup.cfg", "1.3.0rc1", .pep440),
        ("python-init", "__init__.py", "1.3.0rc1", .pep440),
        ("cargo", "Cargo.toml", "1.3.0-rc.1", .semver),
        ("chart", "Chart.yaml", "1.3.0-rc.1", .semver),
        ("chart-own-app-version", "Chart.yaml", "1.3.0-rc.1", .semver),
        ("version-file", "VERSION", "1.3.0-rc.1", .semver),
        ("version-txt-v", "version.txt", "1.3.0-rc.1", .semver),
        ("yaml-key", "config.yaml:model.version", "1.3.0-rc.1", .semver),
        ("json-key", "app.json:build.version", "1.3.0-rc.1", .semver),
        ("toml-key", "settings.toml:app.version", "1.3.0-rc.1", .semver),
        ("marked-lines", "README.md", "1.3.0-rc.1", .semver),
    ]

    @Test(arguments: kinds)
    func bumpsByteForByte(directory: String, file: String, version: String, scheme: VersionScheme) throws {
        let spec = try VersionFileSpec(parsing: file)
        let editor = try VersionFile(spec)
        let before = try Self.bytes("\(directory)/\(spec.path)")
        let expected = try Self.bytes("\(directory)/\(spec.path).expected")
        let next = try Version.parse(version, scheme: .init(scheme))
        let after = try editor.updated(before, to: next)
        #expect(after == expected, "\(directory): got\n\(String(decoding: after, as: UTF8.self))")
        // Every location held the old version, and bumping again to the same version changes nothing.
        #expect(try editor.locate(in: before).allSatisfy { $0.value.hasSuffix("1.2.0") })
        #expect(try editor.updated(after, to: next) == after)
    }

    @Test(arguments: [
        ("pyproject.toml", "[project]\nname = \"x\"\ndynamic = [\"readme\",\n  \"version\"]\n", "dynamic"),
        ("pyproject.toml", "[project]\nname = \"x\"\n", "neither [project].version nor [tool.poetry].version"),
        ("setup.cfg", "[metadata]\nversion = attr: pkg.__version__\n", "dynamic"),
        ("__init__.py", "__version__ = get_version()\n", "computed"),
        ("Cargo.toml", "[package]\nname = \"x\"\nversion.workspace = true\n", "inherited"),
        ("Cargo.toml", "[package]\nname = \"x\"\nversion = { workspace = true }\n", "inherited"),
        ("Cargo.toml", "[dependencies]\nserde = \"1.0\"\n", "neither [package].version"),
        ("package.json", "{\"name\": \"x\"}", "no top-level \"version\""),
        ("package.json", "{\"version\": 1}", "not a string"),
        ("package.json", "{\"version\": \"1.0.0\",}", "not valid JSON"),
        ("config.yaml:model.version", "model:\n  name: x\n", "no key model.version"),
        ("config.yaml:model", "model:\n  version: 1\n", "not a single value"),
        ("VERSION", "\n\n", "empty"),
        ("VERSION", "1.0.0\n2.0.0\n", "2 non-blank lines"),
        ("notes.txt", "no marker here 1.0.0\n", "no line marked releasekit-version"),
    ])
    func refusesFilesItCannotEdit(file: String, text: String, reason: String) throws {
        let editor = try VersionFile(try VersionFileSpec(parsing: file))
        let error = try #require(throws: VersionFileError.self) { try editor.updated(text, to: try Version.parse("1.1.0")) }
        #expect(error.description.contains(reason), "\(error)")
        #expect(error.kind == .invalidInput)
        #expect(error.description.contains(editor.path))
    }

    @Test(arguments: ["Cargo.toml", "package.json", "Chart.yaml"])
    func semverOnlyFormatsRefusePEP440OnlyVersions(name: String) throws {
        let text = switch name {
        case "Cargo.toml": "[package]\nversion = \"1.2.0\"\n"
        case "package.json": "{\"version\": \"1.2.0\"}"
        default: "version: 1.2.0\n"
        }
        let editor = try VersionFile(VersionFileSpec(path: name))
        let error = try #require(throws: VersionFileError.self) { try editor.updated(text, to: try Version.parse("1.3.0rc1", scheme: .pep440)) }
        #expect(error.description.contains("SemVer"))
        // A PEP 440 version that is also SemVer is fine.
        #expect(try editor.updated(text, to: try Version.parse("1.3.0", scheme: .pep440)).contains("1.3.0"))
    }

    @Test func keyPathNeedsAStructuredFile() {
        #expect(throws: VersionFileError.self) { try VersionFile(try VersionFileSpec(parsing: "README.md:a.b")) }
    }

    @Test(arguments: [
        ("config.yaml:model.version", "config.yaml", ["model", "version"]),
        ("VERSION", "VERSION", nil),
        ("dir/app.json:build.version", "dir/app.json", ["build", "version"]),
    ] as [(String, String, [String]?)])
    func fileSpecs(text: String, path: String, keyPath: [String]?) throws {
        let spec = try VersionFileSpec(parsing: text)
        #expect(spec.path == path)
        #expect(spec.keyPath == keyPath)
        #expect(spec.description == text)
    }

    @Test func unifiedDiffShowsOnlyTheChangedLineWithContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\r\n") + "\r\n"
        let new = old.replacingOccurrences(of: "line 5", with: "line five")
        let diff = UnifiedDiff.diff(old: old, new: new, path: "f.txt")
        #expect(diff.hasPrefix("--- a/f.txt\n+++ b/f.txt\n@@ -2,7 +2,7 @@\n"))
        #expect(diff.contains("-line 5\r\n+line five\r\n"))
        #expect(UnifiedDiff.diff(old: old, new: old, path: "f.txt").isEmpty)
    }
}
