import Testing
@testable import ReleaseKitCore

@Suite struct ManifestTemplateTests {
    static let values = PlaceholderValues(version: "1.2.3", component: "", tag: "v1.2.3")

    func render(_ text: String) throws -> String {
        try ManifestTemplate(text: text, source: "t").render(values: Self.values) { reference in
            "<\(reference.field.rawValue)|\(reference.pattern)|\(reference.line)>"
        }
    }

    @Test func fillsValuesAndArtifactReferences() throws {
        #expect(try render("v{version} {tag}\nsha {sha256:app-{version}.tgz} {url:*.zip}")
                == "v1.2.3 v1.2.3\nsha <sha256|app-{version}.tgz|2> <url|*.zip|2>")
    }

    @Test(arguments: [
        "#{version} stays Ruby",
        "hash = { name: 1 }",
        "{ \"json\": {} }",
        "{unknown} and {name:} and {sha256: spaced}",
        "{url:unclosed\n}",
    ])
    func leavesOtherBracesAlone(text: String) throws {
        #expect(try render(text) == text)
    }

    @Test func listsWhatItUses() {
        let template = ManifestTemplate(text: "{tag} {name:x-{version}.zip} {sha512:y}", source: "t")
        #expect(template.valuesUsed == ["tag", "version"])
        #expect(template.references.map(\.field) == [.name, .sha512])
    }

    @Test func unknownValueIsAnInputError() {
        #expect(throws: InputError.self) {
            try ManifestTemplate(text: "{version}", source: "t").render(values: PlaceholderValues()) { _ in "" }
        }
    }

    @Test func downloadURLs() throws {
        let github = try DownloadURL(baseURL: nil, serverURL: "https://github.com/", repository: "o/r")
        #expect(try github.url(for: "dir/a b+c.tar.gz", values: Self.values)
                == "https://github.com/o/r/releases/download/v1.2.3/a%20b+c.tar.gz")
        let prefix = try DownloadURL(baseURL: "https://cdn.example/rel", serverURL: nil, repository: nil)
        #expect(try prefix.url(for: "x.zip", values: PlaceholderValues()) == "https://cdn.example/rel/x.zip")
        let template = try DownloadURL(baseURL: "https://e.example/{version}/{name}?dl=1", serverURL: nil, repository: nil)
        #expect(try template.url(for: "x.zip", values: Self.values) == "https://e.example/1.2.3/x.zip?dl=1")
        #expect(throws: InputError.self) { try DownloadURL(baseURL: nil, serverURL: nil, repository: nil) }
    }

    @Test func renderRequestSplitsAtTheFirstEquals() throws {
        let request = try RenderRequest(parsing: "a.rb.in=out/a=b.rb")
        #expect(request.template == "a.rb.in" && request.output == "out/a=b.rb")
        #expect(throws: InputError.self) { try RenderRequest(parsing: "no-output=") }
        #expect(throws: InputError.self) { try RenderRequest(parsing: "plain") }
    }
}
