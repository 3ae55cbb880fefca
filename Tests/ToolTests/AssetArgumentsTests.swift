import Foundation
import Testing
import ReleaseKitCore
import ReleaseKitRuntime
import ReleaseKitTestSupport
@testable import ReleaseKitCommands

/// `--asset` values become files through the context's file system alone: a memory file
/// system and the failing context prove nothing is listed, globbed or stat'ed around it.
@Suite struct AssetArgumentsTests {
    static let files = MemoryFileSystem([
        "/work/dist/app-1.0.0-linux.tar.gz": Data("linux".utf8),
        "/work/dist/app-1.0.0-macos.tar.gz": Data("mac".utf8),
        "/work/dist/notes #1.txt": Data("n".utf8),
        "/work/SHA256SUMS": Data("sums".utf8),
    ])

    var context: ToolContext { ToolContext.failing(workingDirectory: "/work").replacing(fileSystem: Self.files) }

    @Test(arguments: [
        (["dist/*.tar.gz"], ["app-1.0.0-linux.tar.gz", "app-1.0.0-macos.tar.gz"], [nil, nil] as [String?]),
        (["dist/*"], ["app-1.0.0-linux.tar.gz", "app-1.0.0-macos.tar.gz", "notes..1.txt"], [nil, nil, nil]),
        (["SHA256SUMS#Checksums"], ["SHA256SUMS"], ["Checksums"]),
        (["dist/notes #1.txt"], ["notes..1.txt"], [nil]),
    ])
    func valuesBecomeFiles(values: [String], names: [String], labels: [String?]) throws {
        let assets = try AssetArguments.resolve(values, in: context)
        #expect(assets.map(\.name) == names)
        #expect(assets.map(\.label) == labels)
        #expect(assets.allSatisfy { $0.modified == Date(timeIntervalSince1970: 1_767_225_600) })
        #expect(assets.map(\.size) == assets.map { Int64(Self.files.size(of: $0.path)!) })
    }

    @Test(arguments: [
        ("dist/*.zip", "the pattern matched no file"),
        ("dist/missing.tar.gz", "no such file"),
    ])
    func nothingToUploadIsAnInputError(value: String, message: String) {
        #expect {
            _ = try AssetArguments.resolve([value], in: context)
        } throws: { error in
            (error as? InputError)?.description.contains(message) == true
        }
    }
}
