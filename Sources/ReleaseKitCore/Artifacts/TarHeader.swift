/// One 512-byte tar header, checked: the checksum over the block must equal the one it
/// stores, and the numeric fields must be numbers.
public struct TarHeader: Sendable, Equatable {
    public var name: String
    public var size: UInt64
    public var typeflag: UInt8

    /// `following` names the previous entry, so a damaged header can be placed.
    public init(block: [UInt8], following: String?) throws {
        precondition(block.count == TarStreamValidator.blockSize)
        let where_ = following.map { " (the header after entry \($0))" } ?? " (the first header)"
        let rawName = Self.text(block[0..<100])
        guard let stored = Self.octal(block[148..<156]) else {
            throw ArchiveDamage(entry: rawName.isEmpty ? nil : rawName, "the header checksum field is not an octal number" + where_)
        }
        var unsigned: UInt64 = 0
        var signed: Int64 = 0
        for (offset, byte) in block.enumerated() {
            let value = (148..<156).contains(offset) ? UInt8(ascii: " ") : byte
            unsigned += UInt64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        guard stored == unsigned || Int64(bitPattern: stored) == signed else {
            throw ArchiveDamage(entry: rawName.isEmpty ? nil : rawName,
                                "header checksum mismatch: stored \(String(stored, radix: 8)), computed \(String(unsigned, radix: 8))" + where_)
        }
        typeflag = block[156]
        let magic = block[257..<262]
        var fullName = rawName
        if magic.elementsEqual("ustar".utf8) {
            let prefix = Self.text(block[345..<500])
            if !prefix.isEmpty { fullName = prefix + "/" + rawName }
        }
        name = fullName
        if block[124] & 0x80 != 0 {
            // GNU base-256: big-endian, the top bit of the first byte is the marker.
            var value: UInt64 = UInt64(block[124] & 0x7F)
            for byte in block[125..<136] {
                guard value >> 56 == 0 else { throw ArchiveDamage(entry: fullName, "the base-256 size is too large") }
                value = value << 8 | UInt64(byte)
            }
            size = value
        } else {
            guard let value = Self.octal(block[124..<136]) else {
                throw ArchiveDamage(entry: fullName, "the size field is not an octal number")
            }
            size = value
        }
    }

    /// Pax (`x`, `g`) and GNU long-name (`L`, `K`) headers describe the next entry.
    public var isExtension: Bool {
        [UInt8(ascii: "x"), UInt8(ascii: "g"), UInt8(ascii: "L"), UInt8(ascii: "K")].contains(typeflag)
    }

    /// Hard and symbolic links, devices, directories and FIFOs have no data blocks.
    public var hasData: Bool {
        !(UInt8(ascii: "1")...UInt8(ascii: "6")).contains(typeflag)
    }

    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal field: optional leading spaces, digits, then NUL/space padding.
    static func octal(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        var digits = 0
        var ended = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "7") where !ended:
                guard value >> 61 == 0 else { return nil }
                value = value * 8 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: " ") where digits == 0 && !ended:
                continue
            case 0, UInt8(ascii: " "):
                ended = true
            default:
                return nil
            }
        }
        return digits > 0 ? value : nil
    }
}
