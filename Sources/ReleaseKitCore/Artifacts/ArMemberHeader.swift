/// One member header of a Unix `ar` archive (the container of a `.deb`): 60 bytes of
/// fixed-width ASCII fields ending in the two bytes "`\n".
public struct ArMemberHeader: Sendable, Equatable {
    public static let globalMagic = Array("!<arch>\n".utf8)
    public static let size = 60

    /// The member name without padding or the GNU trailing `/`.
    public var name: String
    public var size: UInt64

    public init(bytes: [UInt8], offset: UInt64) throws {
        precondition(bytes.count == Self.size)
        guard bytes[58] == UInt8(ascii: "`"), bytes[59] == UInt8(ascii: "\n") else {
            throw ArchiveDamage(entry: nil, "the ar member header at byte \(offset) does not end in the `\\n marker")
        }
        var name = String(decoding: bytes[0..<16], as: UTF8.self)
        while name.hasSuffix(" ") { name.removeLast() }
        if name.hasSuffix("/") && name != "/" && name != "//" { name.removeLast() }
        self.name = name
        let sizeText = String(decoding: bytes[48..<58], as: UTF8.self).trimmingSpaces
        guard !sizeText.isEmpty, sizeText.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let size = UInt64(sizeText) else {
            throw ArchiveDamage(entry: name.isEmpty ? nil : name, "the ar member size \"\(sizeText)\" at byte \(offset) is not a decimal number")
        }
        self.size = size
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        while text.first == " " { text = text.dropFirst() }
        return String(text)
    }
}
