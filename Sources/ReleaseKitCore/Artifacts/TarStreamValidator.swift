/// Checks a tar stream as it goes by, in chunks of any size, without keeping entries:
/// every header's checksum, every entry's size against the bytes that follow, and the
/// end-of-archive blocks. Reads ustar, GNU (`L` long names) and pax (`path`, `size`)
/// headers, so entries are reported by their full names and large sizes are right.
public struct TarStreamValidator: Sendable {
    public static let blockSize = 512
    /// Longest pax or GNU long-name payload kept (they are a few hundred bytes).
    static let extensionLimit = 1 << 20

    private enum State: Sendable {
        case header
        case data(remaining: UInt64, padding: Int)
        case padding(Int)
        case ended
    }

    private var state = State.header
    private var block: [UInt8] = []
    private var zeroBlocks = 0
    private var currentName = ""
    private var currentSize: UInt64 = 0
    private var extensionKind: UInt8?
    private var extensionData: [UInt8] = []
    private var nextName: String?
    private var nextSize: UInt64?
    /// Entries seen so far (extension headers not counted).
    public private(set) var entryCount = 0
    /// The last entry whose header was read, for "truncated after …" messages.
    public private(set) var lastEntry: String?

    public init() {
        block.reserveCapacity(Self.blockSize)
    }

    public mutating func consume(_ bytes: UnsafeRawBufferPointer) throws {
        var index = 0
        while index < bytes.count {
            switch state {
            case .ended:
                return
            case .padding(let count):
                let take = min(count, bytes.count - index)
                index += take
                state = count - take == 0 ? .header : .padding(count - take)
            case .data(let remaining, let padding):
                let take = Int(min(remaining, UInt64(bytes.count - index)))
                if extensionKind != nil {
                    guard extensionData.count + take <= Self.extensionLimit else {
                        throw ArchiveDamage(entry: currentName, "an extended header longer than \(Self.extensionLimit) bytes")
                    }
                    extensionData.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + take)]))
                }
                index += take
                let left = remaining - UInt64(take)
                if left == 0 {
                    try finishExtension()
                    state = padding == 0 ? .header : .padding(padding)
                } else {
                    state = .data(remaining: left, padding: padding)
                }
            case .header:
                let take = min(Self.blockSize - block.count, bytes.count - index)
                block.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + take)]))
                index += take
                if block.count == Self.blockSize {
                    try readHeader()
                    block.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    /// Call at the end of the stream: the archive must end between entries, with the
    /// end-of-archive zero blocks.
    public func finish() throws {
        switch state {
        case .ended:
            return
        case .data(let remaining, _):
            throw ArchiveDamage(entry: currentName, "truncated: \(remaining) of its \(currentSize) bytes are missing")
        case .padding:
            throw ArchiveDamage(entry: currentName, "truncated in the padding after the entry")
        case .header:
            if !block.isEmpty {
                throw ArchiveDamage(entry: nil, "truncated: the stream ends \(block.count) bytes into a 512-byte header" + after)
            }
            if zeroBlocks == 0 {
                throw ArchiveDamage(entry: nil, "truncated: no end-of-archive blocks" + after)
            }
        }
    }

    private var after: String { lastEntry.map { " (after entry \($0))" } ?? "" }

    private mutating func readHeader() throws {
        if block.allSatisfy({ $0 == 0 }) {
            zeroBlocks += 1
            if zeroBlocks == 2 { state = .ended }
            return
        }
        if zeroBlocks > 0 {
            throw ArchiveDamage(entry: nil, "a header follows an end-of-archive block" + after)
        }
        let header = try TarHeader(block: block, following: lastEntry)
        let size = nextSize ?? header.size
        let name = nextName ?? header.name
        let isExtension = header.isExtension
        if isExtension {
            extensionKind = header.typeflag
            extensionData.removeAll(keepingCapacity: true)
        } else {
            extensionKind = nil
            nextName = nil
            nextSize = nil
            entryCount += 1
            lastEntry = name
        }
        currentName = isExtension ? (lastEntry.map { "extended header after \($0)" } ?? "first extended header") : name
        currentSize = header.hasData || isExtension ? size : 0
        if currentSize == 0 {
            try finishExtension()
            state = .header
        } else {
            let rest = Int(currentSize % UInt64(Self.blockSize))
            state = .data(remaining: currentSize, padding: rest == 0 ? 0 : Self.blockSize - rest)
        }
    }

    private mutating func finishExtension() throws {
        guard let kind = extensionKind else { return }
        extensionKind = nil
        switch kind {
        case UInt8(ascii: "L"):
            let name = extensionData.prefix { $0 != 0 }
            nextName = String(decoding: name, as: UTF8.self)
        case UInt8(ascii: "x"):
            for (key, value) in try Self.paxRecords(extensionData, entry: currentName) {
                if key == "path" { nextName = value }
                if key == "size" {
                    guard let size = UInt64(value) else {
                        throw ArchiveDamage(entry: currentName, "the pax size \(value) is not a number")
                    }
                    nextSize = size
                }
            }
        default:
            break
        }
    }

    /// Pax records: `LENGTH KEY=VALUE\n`, LENGTH counting the whole record.
    static func paxRecords(_ data: [UInt8], entry: String) throws -> [(String, String)] {
        var records: [(String, String)] = []
        var index = 0
        while index < data.count {
            guard let space = data[index...].firstIndex(of: UInt8(ascii: " ")),
                  let length = Int(String(decoding: data[index..<space], as: UTF8.self)),
                  length > space - index + 1, index + length <= data.count, data[index + length - 1] == UInt8(ascii: "\n")
            else {
                throw ArchiveDamage(entry: entry, "a malformed pax record at byte \(index)")
            }
            let record = data[(space + 1)..<(index + length - 1)]
            if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
                records.append((String(decoding: record[..<equals], as: UTF8.self),
                                String(decoding: record[(equals + 1)...], as: UTF8.self)))
            }
            index += length
        }
        return records
    }
}
