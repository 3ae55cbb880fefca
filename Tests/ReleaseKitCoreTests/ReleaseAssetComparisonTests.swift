import Testing
import ReleaseKitCore

@Suite struct ReleaseAssetComparisonTests {
    typealias Local = ReleaseAssetComparison.Local
    typealias Remote = ReleaseAssetComparison.Remote

    let hexA = String(repeating: "a", count: 64)
    let hexB = String(repeating: "b", count: 64)

    @Test func classifiesEveryCase() {
        let local = [
            Local(name: "same.tar.gz", assetName: "same.tar.gz", size: 10, sha256: hexA),
            Local(name: "my app.zip", assetName: "my.app.zip", size: 5, sha256: hexA),
            Local(name: "resized.bin", assetName: "resized.bin", size: 7, sha256: hexA),
            Local(name: "changed.bin", assetName: "changed.bin", size: 7, sha256: hexA),
            Local(name: "old.bin", assetName: "old.bin", size: 3, sha256: hexA),
            Local(name: "absent.deb", assetName: "absent.deb", size: 1, sha256: hexA),
            Local(name: "broken.msi", assetName: "broken.msi", size: 9, sha256: hexA),
        ]
        let remote = [
            Remote(name: "same.tar.gz", size: 10, digest: "sha256:" + hexA, uploaded: true),
            Remote(name: "my.app.zip", size: 5, digest: "sha256:" + hexA.uppercased(), uploaded: true),
            Remote(name: "resized.bin", size: 8, digest: "sha256:" + hexA, uploaded: true),
            Remote(name: "changed.bin", size: 7, digest: "sha256:" + hexB, uploaded: true),
            Remote(name: "old.bin", size: 3, digest: nil, uploaded: true),
            Remote(name: "broken.msi", size: 4, digest: nil, uploaded: false),
            Remote(name: "extra.rpm", size: 2, digest: nil, uploaded: true),
        ]
        let comparison = ReleaseAssetComparison(local: local, remote: remote)
        #expect(comparison.matching == ["my app.zip", "same.tar.gz"], "renamed assets match by GitHub's name")
        #expect(comparison.differing.map(\.name) == ["changed.bin", "resized.bin"])
        #expect(comparison.notOnRelease == ["absent.deb", "broken.msi"], "an unfinished upload is not the asset")
        #expect(comparison.onlyOnRelease == ["extra.rpm"])
        #expect(comparison.needsDownload.map(\.local.name) == ["old.bin"])
    }

    @Test func downloadedHashSettlesTheUndecided() {
        let file = Local(name: "old.bin", assetName: "old.bin", size: 3, sha256: hexA)
        var same = ReleaseAssetComparison(local: [file], remote: [Remote(name: "old.bin", size: 3, digest: nil, uploaded: true)])
        same.settle(file, downloadedSHA256: hexA)
        #expect(same.matching == ["old.bin"])
        #expect(same.needsDownload.isEmpty)
        var different = ReleaseAssetComparison(local: [file], remote: [Remote(name: "old.bin", size: 3, digest: nil, uploaded: true)])
        different.settle(file, downloadedSHA256: hexB)
        #expect(different.differing.map(\.name) == ["old.bin"])
    }
}
