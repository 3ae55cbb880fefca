import Foundation
import Testing
@testable import ArtifactFiles
@testable import ReleaseKitCore

/// Every archive kind, intact and damaged, built with the system tools.
@Suite struct ArchiveInspectorTests {
    let fixtures: ArchiveFixtures
    let inspector = ArchiveInspector()

    init() throws {
        fixtures = try ArchiveFixtures()
    }

    func inspect(_ path: String, _ kind: ArchiveKind) -> [ArchiveDamage] {
        inspector.inspect(path: path, kind: kind)
    }

    // MARK: tar and gzip

    @Test func tarGzipIntactAndDamaged() async throws {
        try await fixtures.sh("tar -C src -czf app.tar.gz pkg")
        #expect(await inspect(fixtures.path("app.tar.gz"), .tarGzip).isEmpty)
        let cut = inspect(try fixtures.truncated("app.tar.gz", to: 0.6, as: "cut.tar.gz"), .tarGzip)
        #expect(cut.first?.reason.contains("truncated") == true, "\(cut)")
        // The gzip trailer: CRC-32 (8 bytes from the end), then the length.
        let crc = inspect(try fixtures.flipped("app.tar.gz", at: -8, as: "crc.tar.gz"), .tarGzip)
        #expect(crc.first?.reason.contains("CRC-32 mismatch") == true, "\(crc)")
        let length = inspect(try fixtures.flipped("app.tar.gz", at: -2, as: "len.tar.gz"), .tarGzip)
        #expect(length.first?.reason.contains("length mismatch") == true, "\(length)")
        let middle = inspect(try fixtures.flipped("app.tar.gz", at: 2000, as: "mid.tar.gz"), .tarGzip)
        #expect(!middle.isEmpty)
    }

    @Test func plainTarHeadersAndSizes() async throws {
        try await fixtures.sh("tar -C src -cf app.tar pkg")
        #expect(await inspect(fixtures.path("app.tar"), .tar).isEmpty)
        // A flipped byte in the second header's name breaks its checksum.
        let header = inspect(try fixtures.flipped("app.tar", at: 512 + 3, as: "hdr.tar"), .tar)
        #expect(header.first?.reason.contains("header checksum mismatch") == true, "\(header)")
        let all = try fixtures.bytes("app.tar")
        // Cut inside the data of the big entry: names the entry and the missing bytes.
        try fixtures.write(Array(all.prefix(4 * 512 + 1000)), to: "short.tar")
        let short = inspect(fixtures.path("short.tar"), .tar)
        #expect(short.first?.entry != nil && short.first?.reason.contains("bytes are missing") == true, "\(short)")
        // Cut exactly at an entry boundary (one header, one data block): no end-of-archive blocks.
        try await fixtures.sh("echo one > one.txt && tar -cf one.tar one.txt")
        let one = try fixtures.bytes("one.tar")
        try fixtures.write(Array(one.prefix(1024)), to: "boundary.tar")
        let boundary = inspect(fixtures.path("boundary.tar"), .tar)
        #expect(boundary.first?.reason.contains("no end-of-archive blocks (after entry one.txt)") == true, "\(boundary)")
    }

    @Test func tarEntriesWithLongNamesAreNamedInFull() async throws {
        let long = String(repeating: "d", count: 120)
        try await fixtures.sh("mkdir -p long/\(long) && echo hi > long/\(long)/file.txt && tar --format=pax -cf long.tar long && tar --format=gnu -cf gnu.tar long")
        #expect(await inspect(fixtures.path("long.tar"), .tar).isEmpty)
        #expect(await inspect(fixtures.path("gnu.tar"), .tar).isEmpty)
        var validator = TarStreamValidator()
        try fixtures.bytes("gnu.tar").withUnsafeBytes { try validator.consume($0) }
        #expect(validator.lastEntry == "long/\(long)/file.txt")
    }

    @Test func gzipFiles() async throws {
        try await fixtures.sh("gzip -c src/pkg/README > readme.gz && cat readme.gz readme.gz > twice.gz")
        #expect(await inspect(fixtures.path("readme.gz"), .gzip).isEmpty)
        #expect(await inspect(fixtures.path("twice.gz"), .gzip).isEmpty)
        #expect(await inspect(try fixtures.flipped("readme.gz", at: -5, as: "crc.gz"), .gzip).first?.reason.contains("CRC-32") == true)
        #expect(await inspect(try fixtures.truncated("readme.gz", to: 0.5, as: "cut.gz"), .gzip).first?.reason.contains("truncated") == true)
        try await fixtures.sh("cp readme.gz trailing.gz && printf 'junk' >> trailing.gz")
        #expect(await inspect(fixtures.path("trailing.gz"), .gzip).first?.reason.contains("not gzip") == true)
    }

    @Test func decompressionIsCapped() async throws {
        try await fixtures.sh("head -c 50000000 /dev/zero | gzip -c > zeros.gz && head -c 50000000 /dev/zero > zeros && zip -q zeros.zip zeros && rm zeros")
        let capped = ArchiveInspector(budget: { _ in 10_000_000 })
        let gzip = capped.inspect(path: fixtures.path("zeros.gz"), kind: .gzip)
        #expect(gzip.first?.reason.contains("decompresses to more than 10000000 bytes") == true, "\(gzip)")
        let zip = capped.inspect(path: fixtures.path("zeros.zip"), kind: .zip)
        #expect(zip.first?.reason.contains("decompresses to more than") == true, "\(zip)")
        #expect(DecompressionBudget.limit(forArchiveSize: 1000) == 4 << 30)
        #expect(DecompressionBudget.limit(forArchiveSize: 10 << 30) == (10 << 30) * 1100)
    }

    // MARK: zip

    @Test(arguments: ["app.zip", "app.jar", "app.nupkg"])
    func zipFamilyIntactAndDamaged(name: String) async throws {
        try #require(ArchiveFixtures.available("zip"), "zip is needed (apt-get install zip)")
        try await fixtures.sh("cd src && zip -qr ../\(name) pkg")
        #expect(inspect(fixtures.path(name), .zip).isEmpty)
        #expect(inspect(try fixtures.truncated(name, to: 0.5, as: "cut-\(name)"), .zip).first?.reason.contains("end-of-central-directory") == true)
        // Flip a byte inside the stored-random entry's data: CRC-32 mismatch named by entry.
        let local = try #require(try fixtures.offset(of: Array("pkg/model.bin".utf8), in: name))
        let damaged = inspect(try fixtures.flipped(name, at: local + 13 + 5000, as: "flip-\(name)"), .zip)
        #expect(damaged.contains { $0.entry == "pkg/model.bin" }, "\(damaged)")
    }

    @Test func zipCentralDirectoryCRCMismatch() async throws {
        try #require(ArchiveFixtures.available("zip"), "zip is needed (apt-get install zip)")
        try await fixtures.sh("cd src && zip -qr ../app.zip pkg")
        // The central directory header of pkg/model.bin: its name is at offset 46, the CRC-32 at 16.
        let start = try #require(try fixtures.offset(of: [0x50, 0x4B, 0x01, 0x02], in: "app.zip"))
        let name = try #require(try fixtures.offset(of: Array("pkg/model.bin".utf8), in: "app.zip", from: start))
        let directory = name - 46
        let damaged = inspect(try fixtures.flipped("app.zip", at: directory + 16, as: "badcrc.zip"), .zip)
        #expect(damaged.count == 1)
        #expect(damaged.first?.reason.contains("CRC-32 mismatch") == true, "\(damaged)")
        #expect(damaged.first?.entry == "pkg/model.bin")
    }

    // MARK: wheels

    func makeWheel(_ name: String, record: (String) -> String) async throws {
        try await fixtures.sh("rm -rf wheel && mkdir -p wheel/demo wheel/demo-1.0.dist-info && printf 'print(1)\\n' > wheel/demo/__init__.py && printf 'Wheel-Version: 1.0\\n' > wheel/demo-1.0.dist-info/WHEEL")
        let files = ["demo/__init__.py", "demo-1.0.dist-info/WHEEL"]
        var rows: [String] = []
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: fixtures.path("wheel/" + file)))
            let digest = try await fixtures.sh("python3 -c \"import hashlib,base64,sys;print(base64.urlsafe_b64encode(hashlib.sha256(open('wheel/\(file)','rb').read()).digest()).rstrip(b'=').decode())\"")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            rows.append("\(file),sha256=\(digest),\(data.count)")
        }
        rows.append("demo-1.0.dist-info/RECORD,,")
        try Data(record(rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: fixtures.path("wheel/demo-1.0.dist-info/RECORD")))
        try await fixtures.sh("cd wheel && zip -qr ../\(name) demo demo-1.0.dist-info")
    }

    @Test func wheelRecordHashes() async throws {
        try #require(ArchiveFixtures.available("zip"), "zip is needed (apt-get install zip)")
        try await makeWheel("demo-1.0-py3-none-any.whl") { $0 }
        #expect(await inspect(fixtures.path("demo-1.0-py3-none-any.whl"), .wheel).isEmpty)

        try await makeWheel("bad.whl") { $0.replacingOccurrences(of: "demo/__init__.py,sha256=", with: "demo/__init__.py,sha256=AAAA") }
        let bad = inspect(fixtures.path("bad.whl"), .wheel)
        #expect(bad.count == 1)
        #expect(bad.first?.entry == "demo/__init__.py")
        #expect(bad.first?.reason.contains("RECORD hash mismatch") == true, "\(bad)")

        try await makeWheel("unlisted.whl") { $0.split(separator: "\n").filter { !$0.hasPrefix("demo-1.0.dist-info/WHEEL") }.joined(separator: "\n") + "\n" }
        #expect(await inspect(fixtures.path("unlisted.whl"), .wheel).first?.reason == "not listed in RECORD")

        try await makeWheel("ghost.whl") { $0 + "demo/ghost.py,sha256=abc,3\n" }
        #expect(await inspect(fixtures.path("ghost.whl"), .wheel).first?.reason.contains("not in the wheel") == true)
    }

    @Test func wheelRecordParsing() throws {
        let record = try WheelRecord(parsing: "\"a,b.py\",sha256=xyz,10\nr/RECORD,,\n", source: "RECORD")
        #expect(record.rows.map(\.path) == ["a,b.py", "r/RECORD"])
        #expect(record.rows[0].algorithm == "sha256" && record.rows[0].digest == "xyz" && record.rows[0].size == 10)
        #expect(throws: ArchiveDamage.self) { try WheelRecord(parsing: "a,b\n", source: "RECORD") }
        #expect(WheelRecord.encode([0xFB, 0xFF]) == "-_8")
    }

    // MARK: deb

    func makeDeb(_ name: String) async throws {
        try await fixtures.sh("""
        rm -rf debwork && mkdir -p debwork/control debwork/data/usr/bin && cp src/pkg/bin/inferflux debwork/data/usr/bin/ && \
        printf 'Package: inferflux\\nVersion: 1.2.3\\nArchitecture: amd64\\nMaintainer: x <x@example.com>\\nDescription: test\\n' > debwork/control/control && \
        printf '2.0\\n' > debwork/debian-binary && \
        tar -C debwork/control -czf debwork/control.tar.gz . && tar -C debwork/data -czf debwork/data.tar.gz . && \
        cd debwork && ar rc ../\(name) debian-binary control.tar.gz data.tar.gz
        """)
    }

    @Test func debIntactAndDamaged() async throws {
        try await makeDeb("app.deb")
        #expect(await inspect(fixtures.path("app.deb"), .deb).isEmpty)
        let cut = inspect(try fixtures.truncated("app.deb", to: 0.8, as: "cut.deb"), .deb)
        #expect(cut.first?.reason.contains("truncated") == true, "\(cut)")
        // Damage the data member's gzip CRC: the report names the member.
        let all = try fixtures.bytes("app.deb")
        let crc = inspect(try fixtures.flipped("app.deb", at: all.count - 8 - (all.count % 2), as: "crc.deb"), .deb)
        #expect(crc.first?.entry?.hasPrefix("data.tar.gz") == true, "\(crc)")
        // A broken ar header marker.
        let marker = inspect(try fixtures.flipped("app.deb", at: 8 + 58, as: "hdr.deb"), .deb)
        #expect(marker.first?.reason.contains("marker") == true, "\(marker)")
        try await fixtures.sh("cd debwork && ar rc ../order.deb control.tar.gz debian-binary data.tar.gz")
        #expect(await inspect(fixtures.path("order.deb"), .deb).first?.reason.contains("starts with debian-binary") == true)
    }

    @Test func debBuiltByDpkgDeb() async throws {
        try #require(ArchiveFixtures.available("dpkg-deb"), "dpkg-deb is part of every Debian system")
        try await makeDeb("unused.deb")
        try await fixtures.sh("mkdir -p debwork/data/DEBIAN && cp debwork/control/control debwork/data/DEBIAN/ && dpkg-deb -Zgzip --build debwork/data real.deb >/dev/null && dpkg-deb -Zxz --build debwork/data real-xz.deb >/dev/null")
        #expect(await inspect(fixtures.path("real.deb"), .deb).isEmpty)
        #expect(await inspect(fixtures.path("real-xz.deb"), .deb).isEmpty)
    }

    @Test func kindsFromNames() {
        #expect(ArchiveKind(fileName: "a.TGZ") == .tarGzip)
        #expect(ArchiveKind(fileName: "a.tar.gz") == .tarGzip)
        #expect(ArchiveKind(fileName: "a.gz") == .gzip)
        #expect(ArchiveKind(fileName: "a.nupkg") == .zip)
        #expect(ArchiveKind(fileName: "a.whl") == .wheel)
        #expect(ArchiveKind(fileName: "a.msi") == nil)
    }
}
