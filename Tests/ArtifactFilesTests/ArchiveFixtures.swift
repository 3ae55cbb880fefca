import Foundation
import ReleaseKitTestSupport
import Testing

/// Builds real archives with the system tools (tar, gzip, zip, ar) in a scratch
/// directory, and damages them in the ways releases get damaged.
final class ArchiveFixtures: @unchecked Sendable {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("releasekit-archives-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/src/pkg/bin", withIntermediateDirectories: true)
        try Data("#!/bin/sh\necho inferflux\n".utf8).write(to: URL(fileURLWithPath: root + "/src/pkg/bin/inferflux"))
        // Incompressible bytes, cheaply: one SplitMix64 step per eight bytes, not one
        // getrandom(2) per byte on a cooperative thread.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var payload = [UInt8]()
        payload.reserveCapacity(300_000)
        while payload.count < 300_000 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            withUnsafeBytes(of: z) { payload.append(contentsOf: $0) }
        }
        try Data(payload).write(to: URL(fileURLWithPath: root + "/src/pkg/model.bin"))
        try Data(String(repeating: "compressible line\n", count: 20_000).utf8).write(to: URL(fileURLWithPath: root + "/src/pkg/README"))
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ name: String) -> String { root + "/" + name }

    /// Runs a shell command in the root; fails the test with its output on error.
    @discardableResult
    func sh(_ command: String) async throws -> String {
        let result = try await Shell.run(command, in: root)
        try #require(result.status == 0, "\(command): \(result.output)")
        return result.output
    }

    static func available(_ tool: String) -> Bool { Shell.isAvailable(tool) }

    // MARK: damage

    func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name)))) }

    func write(_ bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
    }

    /// A copy cut to `fraction` of its length.
    func truncated(_ name: String, to fraction: Double, as copy: String) throws -> String {
        let all = try bytes(name)
        try write(Array(all.prefix(Int(Double(all.count) * fraction))), to: copy)
        return path(copy)
    }

    /// A copy with one byte inverted at `offset` (negative: from the end).
    func flipped(_ name: String, at offset: Int, as copy: String) throws -> String {
        var all = try bytes(name)
        let index = offset >= 0 ? offset : all.count + offset
        all[index] ^= 0xFF
        try write(all, to: copy)
        return path(copy)
    }

    /// Offset of the first occurrence of `needle`.
    func offset(of needle: [UInt8], in name: String, from start: Int = 0) throws -> Int? {
        let all = try bytes(name)
        guard all.count >= needle.count else { return nil }
        for index in start...(all.count - needle.count) where all[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }
}
