import Testing
@testable import ReleaseKitCore

/// The preflight's pure decisions (issue 17): immutability, the asset count with what
/// the release holds, and what keeps a draft from being published.
@Suite struct CreateReleasePreflightTests {
    typealias Immutability = CreateReleasePreflight.Immutability

    @Test(arguments: [
        // release (nil: none yet), repository setting → immutable output
        (nil, true, Immutability.true), (nil, false, .false), (nil, nil, .unknown),
        (CreateReleaseFacts.Release(id: 1, draft: true), true, .true),
        (.init(id: 1, draft: true), nil, .unknown),
        (.init(id: 1, draft: false), true, .false),    // published before the setting: never becomes immutable
        (.init(id: 1, draft: false, immutable: true), false, .true),  // the setting turned off later: still immutable
        (.init(id: 1, draft: false, immutable: true), nil, .true),
    ] as [(CreateReleaseFacts.Release?, Bool?, Immutability)])
    func immutability(release: CreateReleaseFacts.Release?, setting: Bool?, expected: Immutability) {
        #expect(Immutability.of(release, setting: setting) == expected)
    }

    static func facts(immutable: Bool, existing: [CreateReleaseFacts.Asset], locals: [CreateReleaseFacts.LocalFile],
                      comparisons: [String: CreateReleaseFacts.Comparison] = [:]) -> CreateReleaseFacts {
        CreateReleaseFacts(tag: "v1.2.0", locals: locals, release: .init(id: 7, draft: false, immutable: immutable),
                           existing: existing, comparisons: comparisons)
    }

    @Test(arguments: [
        // what the run would do to a published release → refused when it is immutable
        ("new file", [CreateReleaseFacts.LocalFile(name: "new.zip", size: 1)], [:], true),
        ("same file", [.init(name: "a.zip", size: 1)], ["a.zip": CreateReleaseFacts.Comparison.same(reason: "digest")], false),
        ("changed file", [.init(name: "a.zip", size: 1)], ["a.zip": .different(reason: "digest")], true),
        ("unfinished upload", [.init(name: "a.zip", size: 1)], ["a.zip": .incomplete], true),
        ("nothing", [], [:], false),
    ] as [(String, [CreateReleaseFacts.LocalFile], [String: CreateReleaseFacts.Comparison], Bool)])
    func immutableReleaseRefusesAssetChanges(_ what: String, locals: [CreateReleaseFacts.LocalFile],
                                             comparisons: [String: CreateReleaseFacts.Comparison], refused: Bool) {
        var settings = CreateReleaseSettings()
        settings.overwriteAssets = true
        for immutable in [true, false] {
            let facts = Self.facts(immutable: immutable, existing: [.init(id: 1, name: "a.zip")], locals: locals, comparisons: comparisons)
            let refusal = CreateReleasePreflight.refusal(CreateReleasePlan.plan(facts, settings), facts: facts)
            #expect((refusal != nil) == (refused && immutable), "\(what)")
            if let refusal { #expect(refusal.description.hasPrefix("v1.2.0 is an immutable release; cut a new version.")) }
        }
        #expect(CreateReleasePreflight.recreateRefusal(.init(id: 1, draft: false, immutable: true), tag: "v1.2.0") != nil)
        #expect(CreateReleasePreflight.recreateRefusal(.init(id: 1, draft: false), tag: "v1.2.0") == nil)
    }

    @Test func assetCountCountsWhatIsThereAndWhatComes() throws {
        let existing = (0..<999).map { CreateReleaseFacts.Asset(id: $0, name: "old\($0)") } + [.init(id: 999, name: "releasekit-tmp-x")]
        let facts = Self.facts(immutable: false, existing: existing, locals: [.init(name: "old1", size: 1), .init(name: "new", size: 1)])
        #expect(CreateReleasePreflight.refusal(CreateReleasePlan.plan(facts, .init()), facts: facts) == nil, "999 + 1 new = 1000")
        var more = facts
        more.locals.append(.init(name: "newer", size: 1))
        let refusal = try #require(CreateReleasePreflight.refusal(CreateReleasePlan.plan(more, .init()), facts: more))
        #expect(refusal.description.contains("would hold 1001 assets"))
        // Another forge's instance sets its own limits and answers for them.
        more.hasGitHubLimits = false
        #expect(CreateReleasePreflight.refusal(CreateReleasePlan.plan(more, .init()), facts: more) == nil)
    }

    @Test func missingExpectedAssets() throws {
        let patterns = try ["app-{version}-*.tar.gz", "SHA256SUMS", "app-{version}.msi"].map {
            try ArtifactPattern($0, values: PlaceholderValues(version: "1.2.0"))
        }
        let assets: [CreateReleaseFacts.Asset] = [
            .init(id: 1, name: "app-1.2.0-linux.tar.gz", digest: "sha256:aa"),
            .init(id: 2, name: "app-1.2.0-macos.tar.gz", state: "starter"),
            .init(id: 3, name: "SHA256SUMS"),
        ]
        let missing = CreateReleasePreflight.missing(expected: patterns, assets: assets).map(\.description)
        #expect(missing == ["app-1.2.0-macos.tar.gz: its upload never finished (state starter)",
                            "SHA256SUMS: GitHub gave no digest for it",
                            "app-1.2.0.msi: no asset on the release matches"])
        let refusal = try #require(CreateReleasePreflight.incompleteRefusal(CreateReleasePreflight.missing(expected: patterns, assets: assets), tag: "v1.2.0"))
        #expect(refusal.description.hasPrefix("not publishing v1.2.0: the draft is incomplete (3 expected assets not ready, patterns from --expect-asset)"))
        #expect(CreateReleasePreflight.incompleteRefusal([], tag: "v1.2.0") == nil)
    }

    @Test func publishFlagConflictsAreBadInput() {
        var both = CreateReleaseSettings()
        both.draft = true
        both.publish = true
        #expect(throws: InputError("--draft and --publish both given; build jobs pass --draft, the one final job --publish")) {
            try both.validated()
        }
        var uploads = CreateReleaseSettings()
        uploads.publishOnly = true
        uploads.assets = ["a.zip"]
        #expect(throws: InputError("--publish-only uploads nothing, yet --asset was given; drop --asset, or use --publish to upload and then publish")) {
            try uploads.validated()
        }
    }
}
