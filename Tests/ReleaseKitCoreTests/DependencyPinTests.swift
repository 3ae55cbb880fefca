import Foundation
import Testing
@testable import ReleaseKitCore

/// Pins on other packages of the repository: found in each manifest kind and moved
/// byte-exact against Tests/Fixtures/dependency-pins/, and each requirement form.
@Suite struct DependencyPinTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/dependency-pins")

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(path)))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let path: String
        let ecosystem: DependencyPin.Ecosystem
        /// Released packages and their new versions.
        let released: [String: String]
        let scheme: VersionSchemeChoice
        let pins: Int
        var testDescription: String { path }
    }

    static let cases = [
        Case(path: "pyproject/pyproject.toml", ecosystem: .python,
             released: ["aetherflow-core": "0.1.0rc2", "aetherflow-scheduler": "0.1.0rc2"], scheme: .pep440, pins: 4),
        Case(path: "pyproject-upper-bound/pyproject.toml", ecosystem: .python,
             released: ["lib": "0.2.0", "other": "0.2.0", "tool": "0.2.0"], scheme: .pep440, pins: 3),
        Case(path: "package-json/package.json", ecosystem: .npm, released: ["@scope/core": "2.0.0", "@scope/util": "2.0.0"],
             scheme: .semver, pins: 5),
        Case(path: "cargo/Cargo.toml", ecosystem: .cargo, released: ["core": "0.2.0", "nopath": "0.2.0"], scheme: .semver, pins: 2),
        Case(path: "cargo-workspace/Cargo.toml", ecosystem: .cargo, released: ["core": "0.2.0"], scheme: .semver, pins: 1),
    ]

    @Test(arguments: cases)
    func movesEveryPinByteExact(row: Case) throws {
        let old = try Self.bytes(row.path)
        let pins = try DependencyPin.locate(in: old, row.ecosystem, names: Set(row.released.keys))
        #expect(pins.count == row.pins, "\(pins.map(\.requirement))")
        var replacements: [(pin: DependencyPin, requirement: String)] = []
        for pin in pins {
            let name = row.released.keys.first { DependencyPin.normalized($0, row.ecosystem) == DependencyPin.normalized(pin.name, row.ecosystem) }!
            let version = try Version.parse(row.released[name]!, scheme: row.scheme)
            if case .rewritten(let text) = try PinRequirement.moved(pin.requirement, row.ecosystem, to: version) {
                replacements.append((pin, text))
            }
        }
        let new = DependencyPin.updated(old, replacements)
        let expected = try Self.bytes(row.path + ".expected")
        #expect(String(decoding: new, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(new == expected)
    }

    @Test(arguments: [
        ("pyproject/pyproject.toml", DependencyPin.Ecosystem.python, "aetherflow"),
        ("package-json/package.json", .npm, "@scope/web"),
        ("cargo/Cargo.toml", .cargo, "app"),
    ])
    func readsTheManifestsOwnName(path: String, ecosystem: DependencyPin.Ecosystem, name: String) throws {
        #expect(DependencyPin.ownName(in: try Self.bytes(path), ecosystem) == name)
    }

    @Test(arguments: [
        // requirement, ecosystem, new version, expected (nil: left alone)
        ("==0.1.0rc1", DependencyPin.Ecosystem.python, "0.1.0rc2", String?.some("==0.1.0rc2")),
        (">=0.1.0rc1,<0.2", .python, "0.1.0rc2", ">=0.1.0rc2,<0.2"),
        (">=0.1.0,<0.2", .python, "0.2.0", ">=0.2.0,<0.3"),
        (">=1.0,<2", .python, "2.1.0", ">=2.1.0,<3"),
        (">0.1", .python, "0.2.0", ">=0.2.0"),
        ("~=0.1.0", .python, "0.1.1", "~=0.1.1"),
        ("<=0.1.9", .python, "0.2.0", "<=0.2.0"),
        ("!=0.1.5,>=0.1", .python, "0.2.0", "!=0.1.5,>=0.2.0"),
        ("==0.1.*", .python, "0.1.4", nil),
        ("^1.2.0", .npm, "1.3.0", "^1.3.0"),
        ("~1.2.0", .npm, "1.2.1", "~1.2.1"),
        ("1.2.0", .npm, "1.3.0-rc.1", "1.3.0-rc.1"),
        (">=1.2.0 <2.0.0", .npm, "2.0.0", ">=2.0.0 <3.0.0"),
        (">= 1.2.0", .npm, "1.3.0", ">= 1.3.0"),
        ("workspace:*", .npm, "1.3.0", nil),
        ("workspace:^1.2.0", .npm, "1.3.0", nil),
        ("file:../core", .npm, "1.3.0", nil),
        ("latest", .npm, "1.3.0", nil),
        ("*", .npm, "1.3.0", nil),
        ("0.1.0", .cargo, "0.1.1", "0.1.1"),
        ("=0.1.0", .cargo, "0.2.0", "=0.2.0"),
        (">=0.1, <0.2", .cargo, "0.1.5", ">=0.1.5, <0.2"),
        (">=0.1, <0.2", .cargo, "0.2.0", ">=0.2.0, <0.3"),
        ("0.1.0", .cargo, "0.1.0", nil),
    ])
    func movesEachForm(requirement: String, ecosystem: DependencyPin.Ecosystem, version: String, expected: String?) throws {
        let new = try Version.parse(version, scheme: ecosystem == .python ? .pep440 : .semver)
        let outcome = try PinRequirement.moved(requirement, ecosystem, to: new)
        if let expected {
            #expect(outcome == .rewritten(expected))
        } else {
            guard case .leftAlone = outcome else { Issue.record("\(outcome)"); return }
        }
    }

    @Test(arguments: [
        ("!=0.2.0", DependencyPin.Ecosystem.python, "0.2.0", "excludes exactly that version"),
        ("==0.1.*", .python, "0.2.0", "does not admit it"),
        ("^1.0.0 || ^2.0.0", .npm, "3.0.0", "|| or hyphen ranges"),
        ("1.0.0 - 2.0.0", .npm, "3.0.0", "|| or hyphen ranges"),
        ("0.1.x", .npm, "0.2.0", "does not admit it"),
        ("==1.0.0", .python, "2.0.0-rc.1", "take PEP 440 versions"),
    ])
    func refusesWhatItCannotMoveFaithfully(requirement: String, ecosystem: DependencyPin.Ecosystem, version: String, message: String) throws {
        let new = try Version.parse(version, scheme: ecosystem == .python && !version.contains("-") ? .pep440 : .semver)
        #expect { try PinRequirement.moved(requirement, ecosystem, to: new) } throws: { error in
            "\(error)".contains(message) && "\(error)".contains(requirement)
        }
    }
}
