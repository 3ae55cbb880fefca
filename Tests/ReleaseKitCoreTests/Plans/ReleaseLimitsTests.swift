import Testing
@testable import ReleaseKitCore

/// GitHub's limits on the local files and notes, at and just over each one.
@Suite struct ReleaseLimitsTests {
    @Test(arguments: [
        (ReleaseLimits.maxAssetBytes - 1, 1, true), (ReleaseLimits.maxAssetBytes, 1, false),
        (1, ReleaseLimits.maxAssets, true), (1, ReleaseLimits.maxAssets + 1, false),
    ] as [(Int64, Int, Bool)])
    func localLimits(size: Int64, count: Int, allowed: Bool) {
        let files = (0..<count).map { CreateReleaseFacts.LocalFile(name: "f\($0)", size: size) }
        let passed = (try? ReleaseLimits.check(files)) != nil
        #expect(passed == allowed)
    }

    @Test func notesAtTheLimitFitAndOverItAreCutOnlyWhenAsked() throws {
        let exact = String(repeating: "é", count: ReleaseLimits.maxNotesCharacters)
        #expect(try ReleaseLimits.notes(exact, truncate: false, fullChangelogURL: "u", source: "--notes") == .fits(exact))
        // Counted as Unicode scalars: 62,501 characters of e + combining accent are 125,002.
        let combining = String(repeating: "e\u{301}", count: 62_501)
        #expect(throws: InputError.self) { try ReleaseLimits.notes(combining, truncate: false, fullChangelogURL: "u", source: "--notes") }
        let long = String(repeating: "line\n", count: 30_000)
        #expect(throws: InputError.self) { try ReleaseLimits.notes(long, truncate: false, fullChangelogURL: "u", source: "--notes") }
        guard case .truncated(let cut, let dropped) = try ReleaseLimits.notes(long, truncate: true, fullChangelogURL: "https://x/CHANGELOG.md", source: "--notes") else {
            Issue.record("expected a cut"); return
        }
        #expect(cut.unicodeScalars.count <= ReleaseLimits.maxNotesCharacters && dropped > 25_000)
        #expect(cut.hasSuffix("The full changelog: https://x/CHANGELOG.md*\n") && cut.contains("line\n\n---\n"))
    }
}
