import Foundation
import Testing
import ReleaseKitCore

/// Every kind of version file keeps the bytes the bump did not mean to change: a
/// UTF-8 byte order mark in front (issue 18 #12) and bytes that are not UTF-8 at all
/// (#10), over the same fixtures as VersionFileTests.
@Suite struct VersionFileBytesTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static let kinds = VersionFileTests.kinds

    static func fixture(_ kind: (directory: String, file: String, version: String, scheme: VersionScheme)) throws
        -> (editor: VersionFile, before: [UInt8], expected: [UInt8], next: Version) {
        let spec = try VersionFileSpec(parsing: kind.file)
        return (try VersionFile(spec),
                try VersionFileTests.bytes("\(kind.directory)/\(spec.path)"),
                try VersionFileTests.bytes("\(kind.directory)/\(spec.path).expected"),
                try Version.parse(kind.version, scheme: .init(kind.scheme)))
    }

    @Test(arguments: kinds.map(\.directory))
    func aByteOrderMarkIsReadPastAndKept(directory: String) throws {
        let (editor, before, expected, next) = try Self.fixture(Self.kinds.first { $0.directory == directory }!)
        let after = try editor.updated(Self.bom + before, to: next)
        #expect(after == Self.bom + expected, "\(directory): \(String(decoding: after, as: UTF8.self))")
        #expect(try editor.locate(in: Self.bom + before).map(\.value) == (try editor.locate(in: before).map(\.value)))
    }

    /// The formats with comments take a comment line holding bytes that are not
    /// UTF-8 (Latin-1 é, a stray 0xFF); the bump changes the version bytes only.
    @Test(arguments: [
        ("pyproject-pep621", "# caf"), ("setup-cfg", "# caf"), ("python-init", "# caf"), ("cargo", "# caf"),
        ("chart", "# caf"), ("yaml-key", "# caf"), ("toml-key", "# caf"), ("marked-lines", "caf"),
    ])
    func bytesThatAreNotUTF8AreKept(directory: String, comment: String) throws {
        let (editor, before, expected, next) = try Self.fixture(Self.kinds.first { $0.directory == directory }!)
        let line = Array(comment.utf8) + [0xE9, 0xFF, 0x0A]
        let after = try editor.updated(before + line, to: next)
        #expect(after == expected + line, "\(directory): \(String(decoding: after, as: UTF8.self))")
    }
}
