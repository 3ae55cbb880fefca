import Foundation
import Testing
import ArtifactFiles
import ReleaseKitTestSupport

/// SHA-256 as one implementation: known vectors, pieces equal the whole, and a file
/// through FileDigester agrees with sha256sum.
@Suite struct StreamingSHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, hex: String) {
        #expect(StreamingSHA256.hexDigest(of: Data(input.utf8)) == hex)
    }

    @Test func incrementalEqualsWhole() {
        let data = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        var hasher = StreamingSHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 127, 1000, 5000] where offset < data.count {
            let end = min(data.count, offset + size)
            hasher.update(data[offset..<end])
            offset = end
        }
        hasher.update(data[offset...])
        #expect(hasher.finalizeHex() == StreamingSHA256.hexDigest(of: data))
    }

    @Test func agreesWithSha256sum() async throws {
        let scratch = ScratchDirectory()
        let path = scratch.path("blob.bin")
        try Data(String(repeating: "release asset ", count: 20_000).utf8).write(to: URL(fileURLWithPath: path))
        let result = try await ChildProcess.run("/usr/bin/env", ["sha256sum", path])
        let expected = result.stdoutText.split(separator: " ").first.map(String.init)
        #expect(try FileDigester.sha256Hex(ofFile: path) == expected)
    }
}
