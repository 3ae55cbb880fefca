import Testing
import ReleaseKitCore

@Suite struct TagFormatTests {
    @Test(arguments: [
        ("v{version}", "", "v1.2.3", "1.2.3"),
        ("v{version}", "", "1.2.3", "1.2.3"),
        ("v{version}", "", "v1.3.0rc1", "1.3.0rc1"),
        ("{component}-v{version}", "aetherflow-core", "aetherflow-core-v0.1.0rc1", "0.1.0rc1"),
        ("{component}-v{version}", "aetherflow", "aetherflow-core-v0.1.0rc1", nil),
        ("{component}-v{version}", "aetherflow", "aetherflow-v0.2.0", "0.2.0"),
        ("{component}@{version}", "@scope/pkg", "@scope/pkg@2.0.0", "2.0.0"),
        ("v{version}", "", "nightly-5", nil),
        ("v{version}", "", "core-v1.0.0", nil),
        ("release/{version}/final", "", "release/1.0/final", "1.0"),
    ] as [(String, String, String, String?)])
    func matchesOnlyTheComponentsTags(format: String, component: String, tag: String, version: String?) throws {
        let format = try TagFormat(format)
        #expect(format.version(in: tag, component: component, scheme: .auto)?.normalized == version)
    }

    @Test func rendersTags() throws {
        #expect(TagFormat.default(component: "").tag(component: "", version: "1.2.3") == "v1.2.3")
        #expect(TagFormat.default(component: "core").tag(component: "core", version: "0.1.0rc1") == "core-v0.1.0rc1")
        #expect(throws: InputError.self) { try TagFormat("{component}-latest") }
        #expect(throws: InputError.self) { try TagFormat("{version}-{version}") }
    }
}
