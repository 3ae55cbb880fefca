import Foundation

/// A wheel's `*.dist-info/RECORD` (the binary distribution format spec): a CSV of
/// `path,ALGORITHM=urlsafe-base64-digest-without-padding,size`, one row per file, with
/// the hash and size empty for RECORD itself (and for its signatures).
public struct WheelRecord: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var path: String
        /// `sha256`, `sha384`, `sha512`; nil when the row has no hash.
        public var algorithm: String?
        /// The digest as written: urlsafe base64 without `=` padding.
        public var digest: String?
        public var size: UInt64?
        public var line: Int
    }

    public var rows: [Row]

    public init(parsing text: String, source: String) throws {
        rows = []
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            if line.isEmpty { continue }
            let fields = try Self.csvFields(line, source: source, line: number)
            guard fields.count == 3, !fields[0].isEmpty else {
                throw ArchiveDamage(entry: source, "line \(number) has \(fields.count) fields; expected path,hash,size")
            }
            var row = Row(path: fields[0], algorithm: nil, digest: nil, size: nil, line: number)
            if !fields[1].isEmpty {
                guard let equals = fields[1].firstIndex(of: "=") else {
                    throw ArchiveDamage(entry: source, "line \(number): the hash \(fields[1]) is not ALGORITHM=DIGEST")
                }
                row.algorithm = fields[1][..<equals].lowercased()
                row.digest = String(fields[1][fields[1].index(after: equals)...])
            }
            if !fields[2].isEmpty {
                guard let size = UInt64(fields[2]) else {
                    throw ArchiveDamage(entry: source, "line \(number): the size \(fields[2]) is not a number")
                }
                row.size = size
            }
            rows.append(row)
        }
    }

    /// The RECORD spelling of a digest: urlsafe base64 (`-`, `_`) without padding.
    public static func encode(_ digest: some Sequence<UInt8>) -> String {
        Data(digest).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// One CSV line (RFC 4180 quoting, as Python's csv module writes it).
    static func csvFields(_ line: Substring, source: String, line number: Int) throws -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        var atFieldStart = true
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    var lookahead = iterator
                    if lookahead.next() == "\"" {
                        field.append("\"")
                        iterator = lookahead
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "," {
                fields.append(field)
                field = ""
                atFieldStart = true
                continue
            } else if character == "\"" && atFieldStart {
                quoted = true
            } else {
                field.append(character)
            }
            atFieldStart = false
        }
        guard !quoted else { throw ArchiveDamage(entry: source, "line \(number) has an unclosed quote") }
        fields.append(field)
        return fields
    }
}
