import ReleaseKitCore

/// A Debian binary package: an `ar` archive whose members are, in this order,
/// `debian-binary` ("2.x"), `control.tar[.gz|.xz|.zst]` and `data.tar[.…]`, each
/// member padded to an even offset. Uncompressed and gzip members are read through
/// (tar headers and sizes, gzip CRC); xz, zstd and bzip2 members are checked by
/// their magic bytes only, as no decoder for them ships with the toolkit.
struct DebInspector {
    var budget: DecompressionBudget

    mutating func inspect(_ path: String) throws {
        let reader = try SequentialReader(path: path)
        guard try reader.read(upTo: 8) == ArMemberHeader.globalMagic else {
            throw ArchiveDamage(entry: nil, "not an ar archive: it does not start with !<arch>")
        }
        var names: [String] = []
        while true {
            let headerOffset = reader.offset
            let bytes = try reader.read(upTo: ArMemberHeader.size)
            if bytes.isEmpty { break }
            guard bytes.count == ArMemberHeader.size else {
                throw ArchiveDamage(entry: nil, "truncated: the file ends inside the ar member header at byte \(headerOffset)")
            }
            let header = try ArMemberHeader(bytes: bytes, offset: headerOffset)
            names.append(header.name)
            try inspectMember(header, reader: reader)
            if header.size % 2 == 1 {
                // The pad byte; a final member may lack it.
                let pad = try reader.read(upTo: 1)
                if let byte = pad.first, byte != UInt8(ascii: "\n") {
                    throw ArchiveDamage(entry: header.name, "the ar padding byte after the member is \(byte), not a newline")
                }
            }
        }
        try Self.checkOrder(names)
    }

    private mutating func inspectMember(_ header: ArMemberHeader, reader: SequentialReader) throws {
        let name = header.name
        var prefix: [UInt8] = []
        var tar: TarStreamValidator?
        var gzip: GzipInflater?
        if name.hasSuffix(".tar") {
            tar = TarStreamValidator()
        } else if name.hasSuffix(".tar.gz") {
            tar = TarStreamValidator()
            gzip = try GzipInflater()
        }
        var spent = budget
        let read = try reader.stream(header.size) { chunk in
            if prefix.count < 16 { prefix.append(contentsOf: chunk.prefix(16 - prefix.count)) }
            do {
                if let gzip {
                    try gzip.feed(chunk) { out in
                        try spent.spend(out.count, entry: name)
                        try tar?.consume(out)
                    }
                } else {
                    try tar?.consume(chunk)
                }
            } catch let damage as ArchiveDamage {
                throw Self.inMember(name, damage)
            }
        }
        budget = spent
        guard read == header.size else {
            throw ArchiveDamage(entry: name, "truncated: \(header.size - read) of the member's \(header.size) bytes are missing")
        }
        do {
            try gzip?.finish()
            try tar?.finish()
        } catch let damage as ArchiveDamage {
            throw Self.inMember(name, damage)
        }
        if name == "debian-binary" {
            guard prefix.starts(with: Array("2.".utf8)) else {
                throw ArchiveDamage(entry: name, "expected a format version 2.x; found \(String(decoding: prefix.prefix(8), as: UTF8.self).debugDescription)")
            }
        } else if let magic = Self.magic(forMember: name), !prefix.starts(with: magic.bytes) {
            throw ArchiveDamage(entry: name, "does not start with the \(magic.format) signature")
        }
    }

    static func inMember(_ member: String, _ damage: ArchiveDamage) -> ArchiveDamage {
        ArchiveDamage(entry: damage.entry.map { "\(member): \($0)" } ?? member, damage.reason)
    }

    static func magic(forMember name: String) -> (format: String, bytes: [UInt8])? {
        if name.hasSuffix(".xz") { return ("xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) }
        if name.hasSuffix(".zst") { return ("zstd", [0x28, 0xB5, 0x2F, 0xFD]) }
        if name.hasSuffix(".bz2") { return ("bzip2", Array("BZh".utf8)) }
        return nil
    }

    static func checkOrder(_ names: [String]) throws {
        guard names.first == "debian-binary" else {
            throw ArchiveDamage(entry: nil, "the first member is \(names.first.map { "\"\($0)\"" } ?? "missing"); a .deb starts with debian-binary")
        }
        guard names.count >= 2, names[1].hasPrefix("control.tar") else {
            throw ArchiveDamage(entry: nil, "the second member must be control.tar[.gz|.xz|.zst]; found \(names.count >= 2 ? names[1] : "none")")
        }
        guard names.count >= 3, names[2].hasPrefix("data.tar") else {
            throw ArchiveDamage(entry: nil, "the third member must be data.tar[.gz|.xz|.zst|.bz2]; found \(names.count >= 3 ? names[2] : "none")")
        }
    }
}
