import Crypto
import Foundation
import ReleaseKitCore
import ZIPFoundation

/// A zip (and `.jar`, `.nupkg`, `.whl`): the central directory must be readable and
/// list as many entries as the end record says; every entry is inflated and its CRC-32
/// and size compared with the central directory. For a wheel, every file is also hashed
/// and compared with its row in `*.dist-info/RECORD`, and RECORD must list every file.
struct ZipInspector {
    let path: String
    var budget: DecompressionBudget
    let checksWheelRecord: Bool

    mutating func inspect() throws -> [ArchiveDamage] {
        let endRecord = try ZipEndRecord(path: path)
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ArchiveDamage(entry: nil, "the zip central directory cannot be read (\(error)); the file is truncated or is not a zip")
        }
        let entries = Array(archive)
        if let expected = endRecord.entryCount, entries.count != expected {
            let after = entries.last.map { " (the last readable one is \($0.path))" } ?? ""
            return [ArchiveDamage(entry: nil, "the central directory lists \(expected) entries but only \(entries.count) can be read\(after)")]
        }
        var damage: [ArchiveDamage] = []
        var record: [String: WheelRecord.Row] = [:]
        if checksWheelRecord {
            do {
                record = try readRecord(archive, entries)
            } catch let found as ArchiveDamage {
                return [found]
            }
        }
        var seen: Set<String> = []
        for entry in entries where entry.type == .file {
            seen.insert(entry.path)
            do {
                try check(entry, in: archive, row: record[entry.path])
            } catch let found as ArchiveDamage {
                damage.append(found)
                if found.reason.hasPrefix("decompresses to more than") { return damage }
            }
        }
        if checksWheelRecord {
            for (name, row) in record.sorted(by: { $0.value.line < $1.value.line }) where !seen.contains(name) {
                damage.append(ArchiveDamage(entry: name, "listed in RECORD (line \(row.line)) but not in the wheel"))
            }
        }
        return damage
    }

    private mutating func check(_ entry: Entry, in archive: Archive, row: WheelRecord.Row?) throws {
        let name = entry.path
        var wheelHash = try row.flatMap { row -> WheelHash? in
            guard let algorithm = row.algorithm else { return nil }
            guard let hash = WheelHash(algorithm) else {
                throw ArchiveDamage(entry: name, "RECORD (line \(row.line)) uses the hash \(algorithm); expected sha256, sha384 or sha512")
            }
            return hash
        }
        if checksWheelRecord, row == nil, !Self.isUnlistedByDesign(name) {
            throw ArchiveDamage(entry: name, "not listed in RECORD")
        }
        var size: UInt64 = 0
        var spent = budget
        let crc: CRC32
        do {
            crc = try archive.extract(entry, bufferSize: 1 << 18, skipCRC32: false) { data in
                size += UInt64(data.count)
                try spent.spend(data.count, entry: name)
                guard size <= entry.uncompressedSize else {
                    throw ArchiveDamage(entry: name, "inflates to more than the \(entry.uncompressedSize) bytes the central directory states")
                }
                wheelHash?.update(data)
            }
        } catch let damage as ArchiveDamage {
            budget = spent
            throw damage
        } catch {
            budget = spent
            throw ArchiveDamage(entry: name, "cannot be read: \(Self.describe(error))")
        }
        budget = spent
        guard crc == entry.checksum else {
            throw ArchiveDamage(entry: name, String(format: "CRC-32 mismatch: stored %08x, computed %08x", entry.checksum, crc))
        }
        guard size == entry.uncompressedSize else {
            throw ArchiveDamage(entry: name, "size mismatch: the central directory states \(entry.uncompressedSize) bytes, the entry holds \(size)")
        }
        if let row, let digest = row.digest, let wheelHash {
            let actual = wheelHash.encoded()
            guard actual == digest else {
                throw ArchiveDamage(entry: name, "RECORD hash mismatch (line \(row.line)): RECORD says \(row.algorithm ?? "")=\(digest), the entry is \(row.algorithm ?? "")=\(actual)")
            }
        }
        if let expected = row?.size, expected != size {
            throw ArchiveDamage(entry: name, "RECORD size mismatch (line \(row?.line ?? 0)): RECORD says \(expected) bytes, the entry holds \(size)")
        }
    }

    /// RECORD and its signatures carry no hash of themselves.
    static func isUnlistedByDesign(_ name: String) -> Bool {
        let parts = name.split(separator: "/")
        guard parts.count == 2, parts[0].hasSuffix(".dist-info") else { return false }
        return ["RECORD", "RECORD.jws", "RECORD.p7s"].contains(String(parts[1]))
    }

    private mutating func readRecord(_ archive: Archive, _ entries: [Entry]) throws -> [String: WheelRecord.Row] {
        let candidates = entries.filter { entry in
            let parts = entry.path.split(separator: "/")
            return parts.count == 2 && parts[0].hasSuffix(".dist-info") && parts[1] == "RECORD"
        }
        guard candidates.count == 1, let entry = candidates.first else {
            throw ArchiveDamage(entry: nil, candidates.isEmpty ? "a wheel must hold NAME-VERSION.dist-info/RECORD; there is none"
                                                             : "the wheel holds \(candidates.count) .dist-info/RECORD files; expected one")
        }
        guard entry.uncompressedSize <= UInt64(ArchiveInspector.recordLimit) else {
            throw ArchiveDamage(entry: entry.path, "RECORD is \(entry.uncompressedSize) bytes; more than \(ArchiveInspector.recordLimit) is not read")
        }
        var text = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: true) { data in
                guard text.count + data.count <= ArchiveInspector.recordLimit else {
                    throw ArchiveDamage(entry: entry.path, "RECORD inflates past \(ArchiveInspector.recordLimit) bytes")
                }
                text.append(data)
            }
        } catch let damage as ArchiveDamage {
            throw damage
        } catch {
            throw ArchiveDamage(entry: entry.path, "cannot be read: \(Self.describe(error))")
        }
        let parsed = try WheelRecord(parsing: String(decoding: text, as: UTF8.self), source: entry.path)
        var rows: [String: WheelRecord.Row] = [:]
        for row in parsed.rows {
            if let first = rows[row.path] {
                throw ArchiveDamage(entry: entry.path, "line \(row.line) lists \(row.path) again (first on line \(first.line))")
            }
            rows[row.path] = row
        }
        return rows
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case Archive.ArchiveError.invalidCompressionMethod: "unsupported compression method"
        case Archive.ArchiveError.invalidLocalHeaderDataOffset: "the local header offset is invalid"
        case Archive.ArchiveError.invalidEntrySize: "the entry size is invalid"
        default:
            // ZIPFoundation's inflate errors are internal types: name them by their case.
            switch String(describing: error) {
            case "corruptedData": "the compressed data is corrupt"
            case "invalidStream": "the compressed stream is invalid"
            case let other: other
            }
        }
    }
}

/// The hash a RECORD row names, fed as the entry inflates.
enum WheelHash {
    case sha256(SHA256)
    case sha384(SHA384)
    case sha512(SHA512)

    init?(_ algorithm: String) {
        switch algorithm {
        case "sha256": self = .sha256(SHA256())
        case "sha384": self = .sha384(SHA384())
        case "sha512": self = .sha512(SHA512())
        default: return nil
        }
    }

    mutating func update(_ data: Data) {
        switch self {
        case .sha256(var hash): hash.update(data: data); self = .sha256(hash)
        case .sha384(var hash): hash.update(data: data); self = .sha384(hash)
        case .sha512(var hash): hash.update(data: data); self = .sha512(hash)
        }
    }

    func encoded() -> String {
        switch self {
        case .sha256(let hash): WheelRecord.encode(hash.finalize())
        case .sha384(let hash): WheelRecord.encode(hash.finalize())
        case .sha512(let hash): WheelRecord.encode(hash.finalize())
        }
    }
}

/// The zip end-of-central-directory record, read directly so an entry the central
/// directory lists but ZIPFoundation's iterator cannot reach is not silently skipped.
struct ZipEndRecord {
    /// Nil for zip64 archives (the count lives in the zip64 record).
    var entryCount: Int?

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ArchiveDamage(entry: nil, "cannot be opened")
        }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let tail = min(size, 22 + 65_535)
        try? handle.seek(toOffset: size - tail)
        let bytes = [UInt8]((try? handle.readToEnd()) ?? Data())
        var index = bytes.count - 22
        while index >= 0 {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x05, bytes[index + 3] == 0x06 {
                let count = Int(bytes[index + 10]) | Int(bytes[index + 11]) << 8
                entryCount = count == 0xFFFF ? nil : count
                return
            }
            index -= 1
        }
        throw ArchiveDamage(entry: nil, "no end-of-central-directory record: the zip is truncated or is not a zip")
    }
}
