import Testing
@testable import ReleaseKitCore

/// create-release's decisions from facts alone: each local file against the asset of
/// the same name, the release's fields, and the publishing choices.
@Suite struct CreateReleasePlanTests {
    static let file = CreateReleaseFacts.LocalFile(name: "app.zip", size: 10)

    /// One local file, what the release holds under its name, and what happens to it.
    struct AssetCase: Sendable, CustomTestStringConvertible {
        var name: String
        var asset: CreateReleaseFacts.Asset?
        var comparison: CreateReleaseFacts.Comparison?
        var overwrite = false
        var action: CreateReleasePlan.Action
        var testDescription: String { name }
    }

    static let assetCases: [AssetCase] = [
        AssetCase(name: "no asset of that name: upload", action: .upload),
        AssetCase(name: "same content: skip", asset: .init(id: 7, name: "app.zip"), comparison: .same(reason: "same sha256"),
                  action: .skip(assetID: 7, reason: "same sha256")),
        AssetCase(name: "an unfinished upload: remove and upload again", asset: .init(id: 7, name: "app.zip", state: "starter"),
                  comparison: .incomplete, action: .reupload(assetID: 7, state: "starter")),
        AssetCase(name: "different content: a conflict", asset: .init(id: 7, name: "app.zip"), comparison: .different(reason: "sha256 differs"),
                  action: .conflict(assetID: 7, reason: "sha256 differs")),
        AssetCase(name: "different content with --overwrite-assets: replace", asset: .init(id: 7, name: "app.zip"),
                  comparison: .different(reason: "sha256 differs"), overwrite: true, action: .replace(assetID: 7, reason: "sha256 differs")),
    ]

    @Test(arguments: assetCases)
    func assetAction(_ row: AssetCase) {
        var settings = CreateReleaseSettings()
        settings.overwriteAssets = row.overwrite
        let facts = CreateReleaseFacts(tag: "v1.0.0", locals: [Self.file], existing: row.asset.map { [$0] } ?? [],
                                       comparisons: row.comparison.map { ["app.zip": $0] } ?? [:])
        let plan = CreateReleasePlan.plan(facts, settings)
        #expect(plan.steps == [.init(file: Self.file, action: row.action)])
        let conflicts = plan.conflictError(tag: "v1.0.0")
        if case .conflict = row.action {
            #expect(conflicts?.description == "release v1.0.0 already has an asset with the same name but different content: app.zip (sha256 differs). Nothing was uploaded. Pass --overwrite-assets to replace them (the old file stays until the new one is safely uploaded), or rename the files.")
        } else {
            #expect(conflicts == nil)
        }
    }

    @Test func countsAndLeftoversOfAnInterruptedOverwrite() {
        let files = ["a", "b", "c", "d"].map { CreateReleaseFacts.LocalFile(name: $0, size: 1) }
        let existing: [CreateReleaseFacts.Asset] = [.init(id: 1, name: "b"), .init(id: 2, name: "c"), .init(id: 3, name: "d", state: "open"),
                                                    .init(id: 4, name: "releasekit-tmp-1234abcd-c")]
        var settings = CreateReleaseSettings()
        settings.overwriteAssets = true
        let plan = CreateReleasePlan.plan(.init(tag: "v1", locals: files, existing: existing,
                                                       comparisons: ["b": .same(reason: "same"), "c": .different(reason: "x"), "d": .incomplete]),
                                          settings)
        #expect(plan.steps.map(\.action.word) == ["upload", "skip", "replace", "re-upload"])
        #expect(plan.counts == (uploaded: 2, skipped: 1, replaced: 1))
        #expect(plan.stale.map(\.id) == [4])
    }

    /// `--prerelease` and `--latest` against the tag's own version.
    @Test(arguments: [
        (PrereleaseChoice.auto, LatestChoice.auto, true, true, "false" as String?),
        (.auto, .auto, false, false, nil),
        (.true, .auto, false, true, "false"),
        (.false, .auto, true, false, nil),
        (.auto, .true, true, true, "true"),
        (.auto, .legacy, false, false, "legacy"),
        (.auto, .false, false, false, "false"),
    ])
    func prereleaseAndLatest(prerelease: PrereleaseChoice, latest: LatestChoice, tagIsPrerelease: Bool,
                             expected: Bool, makeLatest: String?) {
        var settings = CreateReleaseSettings()
        settings.prerelease = prerelease
        settings.latest = latest
        let plan = CreateReleasePlan.plan(.init(tag: "v1.0.0", tagIsPrerelease: tagIsPrerelease), settings)
        #expect(plan.prerelease == expected)
        #expect(plan.makeLatest == makeLatest)
    }

    /// A new release gets the tag, title and prerelease flag; an update changes only
    /// what a flag names.
    @Test(arguments: [true, false])
    func releaseFields(creating: Bool) {
        var settings = CreateReleaseSettings()
        settings.target = "main"
        let plan = CreateReleasePlan.plan(.init(tag: "v2.0.0-rc.1", tagIsPrerelease: true), settings)
        let edit = plan.edit(tag: "v2.0.0-rc.1", notes: "Notes", settings: settings, creating: creating)
        if creating {
            #expect(edit == .init(tagName: "v2.0.0-rc.1", name: "v2.0.0-rc.1", prerelease: true, body: "Notes", targetCommitish: "main"))
        } else {
            #expect(edit == .init(body: "Notes", targetCommitish: "main"))
        }
        #expect(plan.edit(tag: "v1", notes: nil, settings: CreateReleaseSettings(), creating: false).isEmpty)
    }

    @Test(arguments: [
        (true, 4, 6, "--notes and --notes-file both given; pass the notes one way"),
        (false, 0, 6, "--concurrency 0: expected 1 or more"),
        (false, 4, 0, "--max-attempts 0: expected 1 or more"),
    ])
    func invalidSettings(bothNotes: Bool, concurrency: Int, maxAttempts: Int, message: String) {
        var settings = CreateReleaseSettings()
        if bothNotes { settings.notes = "a"; settings.notesFile = "b" }
        settings.concurrency = concurrency
        settings.maxAttempts = maxAttempts
        #expect(throws: InputError(message)) { try settings.validated() }
    }

    /// Two files GitHub would store under one name are refused; the same path twice is one file.
    @Test func assetNameCollisions() throws {
        var seen: [String: String] = [:]
        #expect(try CreateReleaseAssetNames.admit(.init(path: "/a/x y.zip", name: "x.y.zip"), seen: &seen))
        #expect(try !CreateReleaseAssetNames.admit(.init(path: "/a/x y.zip", name: "x.y.zip"), seen: &seen))
        #expect(throws: CreateReleaseAssetNames.Collision(name: "x.y.zip", first: "/a/x y.zip", second: "/a/x.y.zip")) {
            try CreateReleaseAssetNames.admit(.init(path: "/a/x.y.zip", name: "x.y.zip"), seen: &seen)
        }
    }

    /// A draft is published last unless `--draft`; a published release is never unpublished.
    @Test(arguments: [
        (true, false, CreateReleasePlan.Finish.publish(makeLatest: "false")),
        (true, true, .leave),
        (false, false, .leave),
        (false, true, .alreadyPublished),
    ])
    func finish(releaseIsDraft: Bool, draftFlag: Bool, expected: CreateReleasePlan.Finish) {
        var settings = CreateReleaseSettings()
        settings.draft = draftFlag
        let plan = CreateReleasePlan.plan(.init(tag: "v1.0.0-rc.1", tagIsPrerelease: true), settings)
        #expect(plan.finish(releaseIsDraft: releaseIsDraft, settings: settings) == expected)
    }

    @Test func outputsInTheirDocumentedOrder() {
        #expect(CreateReleaseOutputs.outputNames.map(\.name) == [
            "id", "url", "upload-url", "tag", "created", "draft", "prerelease", "assets", "uploaded", "skipped", "replaced",
            "immutable",
        ])
    }
}
