import ArtifactFiles
import Foundation
import GitHubAPI
import GitLabAPI
import GitLabServer
import ReleaseKitCore
import ReleaseKitTestSupport
import Testing

/// Upload-then-link against the strict local GitLab: fresh, re-run, changed, overwritten, raced.
@Suite(.serialized) struct GitLabAssetPublisherTests {
    struct World {
        let harness: GitLabHarness
        let client: GitLabClient
        let publisher: GitLabAssetPublisher
        let scratch = ScratchDirectory()

        static func start(_ options: GitLabServerOptions = GitLabServerOptions(tags: ["v1.0.0"])) async throws -> World {
            let harness = try await GitLabHarness.start(options)
            let client = try harness.client()
            _ = try await client.createRelease(GitLabReleaseFields(tagName: "v1.0.0"))
            return World(harness: harness, client: client, publisher: GitLabAssetPublisher(client: client, digests: DigestCache(), log: { _ in }))
        }

        func local(_ name: String, size: Int = 5000, salt: UInt8 = 0) throws -> (LocalAsset, GenericPackageCoordinates) {
            let directory = scratch.path("v\(salt)")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = directory + "/" + name
            try Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7) ^ salt }).write(to: URL(fileURLWithPath: path))
            return (LocalAsset(path: path, name: name, label: nil, size: Int64(size), modified: Date(), contentType: ContentType.forFile(named: name)),
                    try GenericPackageCoordinates(package: "project", version: "1.0.0", fileName: name))
        }

        /// The content the release's link for `name` serves, downloaded through it.
        func served(_ name: String) async throws -> Data {
            let link = try #require(try await client.listLinks(tag: "v1.0.0").first { $0.name == name })
            let destination = scratch.path("served-" + UUID().uuidString)
            try await client.download(URL(string: link.url)!, to: destination, name: name)
            return try Data(contentsOf: URL(fileURLWithPath: destination))
        }

        func stop() { Task { await harness.server.stop() } }
    }

    @Test func aNewFileIsUploadedThenLinkedByItsKind() async throws {
        let world = try await World.start()
        defer { world.stop() }
        let (local, coordinates) = try world.local("app-linux.tar.gz")
        guard case .uploaded(let link) = try await world.publisher.publish(local, at: coordinates, tag: "v1.0.0", replacing: nil) else {
            Issue.record("expected an upload"); return
        }
        #expect(link.name == "app-linux.tar.gz" && link.linkType == "package")
        #expect(link.url.hasSuffix("/projects/group%2Fproject/packages/generic/project/1.0.0/app-linux.tar.gz"))
        #expect(link.directAssetURL?.hasSuffix("/-/releases/v1.0.0/downloads/app-linux.tar.gz") == true)
        #expect(try await world.served("app-linux.tar.gz") == Data(contentsOf: URL(fileURLWithPath: local.path)))
        let routes = await world.harness.server.records().map(\.route).filter(\.isWrite)
        #expect(routes == [.createRelease, .uploadPackage, .createLink])
    }

    @Test(arguments: [(0 as UInt8, 5000, "same"), (1, 5000, "different"), (0, 4000, "different")])
    func anExistingLinkComparesByTheRegistrysDigest(salt: UInt8, size: Int, expected: String) async throws {
        let world = try await World.start()
        defer { world.stop() }
        let (first, coordinates) = try world.local("app.zip")
        _ = try await world.publisher.publish(first, at: coordinates, tag: "v1.0.0", replacing: nil)
        let (again, _) = try world.local("app.zip", size: size, salt: salt)
        let link = try #require(try await world.client.listLinks(tag: "v1.0.0").first)
        let comparison = try await world.publisher.compare(link, with: again, at: coordinates)
        switch (comparison, expected) {
        case (.same, "same"), (.different, "different"): break
        default: Issue.record("\(comparison), expected \(expected)")
        }
    }

    @Test func aLinkPointingElsewhereIsIncompleteAndRepointed() async throws {
        let world = try await World.start()
        defer { world.stop() }
        await world.harness.server.seedRelease(tag: "v1.0.0", links: [("app.zip", "https://example.com/old/app.zip", "/app.zip")])
        let (local, coordinates) = try world.local("app.zip")
        let link = try #require(try await world.client.listLinks(tag: "v1.0.0").first)
        #expect(try await world.publisher.compare(link, with: local, at: coordinates) == .incomplete)
        _ = try await world.publisher.publish(local, at: coordinates, tag: "v1.0.0", replacing: link)
        let links = try await world.client.listLinks(tag: "v1.0.0")
        #expect(links.count == 1 && links.first?.id == link.id && links.first?.url != "https://example.com/old/app.zip")
    }

    @Test func anOverwriteUploadsFirstThenRepointsAndTheNewContentIsServed() async throws {
        let world = try await World.start()
        defer { world.stop() }
        let (old, coordinates) = try world.local("app.zip")
        _ = try await world.publisher.publish(old, at: coordinates, tag: "v1.0.0", replacing: nil)
        let (new, _) = try world.local("app.zip", salt: 9)
        let link = try #require(try await world.client.listLinks(tag: "v1.0.0").first)
        _ = try await world.publisher.publish(new, at: coordinates, tag: "v1.0.0", replacing: link)
        #expect(try await world.served("app.zip") == Data(contentsOf: URL(fileURLWithPath: new.path)))
        #expect(try await world.client.listLinks(tag: "v1.0.0").count == 1)
        let writes = await world.harness.server.records().map(\.route).filter(\.isWrite).suffix(2)
        #expect(Array(writes) == [.uploadPackage, .updateLink])
    }

    @Test func racingJobsWithTheSameFileEndWithOneLink() async throws {
        let world = try await World.start()
        defer { world.stop() }
        let (local, coordinates) = try world.local("app.zip")
        let outcomes = try await withThrowingTaskGroup(of: GitLabAssetPublisher.Outcome.self) { group in
            for _ in 0..<4 { group.addTask { try await world.publisher.publish(local, at: coordinates, tag: "v1.0.0", replacing: nil) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 4)
        #expect(try await world.client.listLinks(tag: "v1.0.0").map(\.name) == ["app.zip"])
    }

    @Test func aRacingJobWithOtherContentIsAConflict() async throws {
        let world = try await World.start()
        defer { world.stop() }
        let (theirs, coordinates) = try world.local("app.zip", salt: 3)
        let (mine, _) = try world.local("app.zip", salt: 4)
        _ = try await world.publisher.publish(theirs, at: coordinates, tag: "v1.0.0", replacing: nil)
        // Ours is uploaded (the registry keeps both), then its link is refused: theirs is
        // there. Ours is removed again, so their link still serves their file.
        await #expect(throws: GitLabAssetPublisher.Conflict.self) {
            _ = try await world.publisher.publish(mine, at: coordinates, tag: "v1.0.0", replacing: nil)
        }
        #expect(try await world.served("app.zip") == Data(contentsOf: URL(fileURLWithPath: theirs.path)))
        #expect(await world.harness.server.packageFiles().count == 1)
    }

    @Test func withDuplicatesRefusedTheSameFileIsAdoptedAndAnotherIsAnError() async throws {
        let world = try await World.start(GitLabServerOptions(allowDuplicates: false, tags: ["v1.0.0"]))
        defer { world.stop() }
        let (local, coordinates) = try world.local("app.zip")
        await world.harness.server.seedPackageFile(package: "project", version: "1.0.0", fileName: "app.zip",
                                                   content: try Data(contentsOf: URL(fileURLWithPath: local.path)))
        guard case .uploaded = try await world.publisher.publish(local, at: coordinates, tag: "v1.0.0", replacing: nil) else {
            Issue.record("expected the link to be attached"); return
        }
        #expect(await world.harness.server.packageFiles().count == 1)
        let (other, _) = try world.local("app.zip", salt: 5)
        let link = try #require(try await world.client.listLinks(tag: "v1.0.0").first)
        await #expect(throws: OperationError.self) { _ = try await world.publisher.publish(other, at: coordinates, tag: "v1.0.0", replacing: link) }
    }
}
