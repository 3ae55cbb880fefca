import ArtifactFiles
import Foundation

/// Reads a `multipart/form-data` body with one file part as it arrives: the part's
/// headers (which must name `fieldName` and a filename), then the file's bytes,
/// hashed as they pass, holding back only the closing boundary's length so the end
/// is found without keeping the body.
struct MultipartStreamReader {
    struct Malformed: Error { var reason: String }
    struct File { var size: Int64; var sha256: String; var content: Data }

    let boundary: String
    let fieldName: String
    private var head = Data()
    private var inFile = false
    private var tail = Data()
    private var hasher = StreamingSHA256()
    private var size: Int64 = 0
    /// The first bytes, kept for the server's downloads (the state drops large ones).
    private var content = Data()
    private var closing: Data { Data("\r\n--\(boundary)--\r\n".utf8) }

    init(boundary: String, fieldName: String) {
        self.boundary = boundary
        self.fieldName = fieldName
    }

    mutating func feed(_ chunk: Data) throws {
        var bytes = chunk
        if !inFile {
            head.append(bytes)
            guard let end = head.range(of: Data("\r\n\r\n".utf8)) else {
                if head.count > 8192 { throw Malformed(reason: "part headers longer than 8 KiB") }
                return
            }
            let headers = String(decoding: head[..<end.lowerBound], as: UTF8.self)
            guard headers.hasPrefix("--\(boundary)\r\n") else { throw Malformed(reason: "the body does not start with the boundary") }
            guard headers.lowercased().contains("content-disposition: form-data; name=\"\(fieldName)\""), headers.contains("filename=\"") else {
                throw Malformed(reason: "no \(fieldName) file part")
            }
            bytes = Data(head[end.upperBound...])
            head = Data()
            inFile = true
        }
        tail.append(bytes)
        let keep = closing.count
        if tail.count > keep {
            let ready = tail.prefix(tail.count - keep)
            hasher.update(Data(ready))
            size += Int64(ready.count)
            if content.count < 64 << 20 { content.append(ready) }
            tail = Data(tail.suffix(keep))
        }
    }

    mutating func finish() throws -> File {
        guard inFile else { throw Malformed(reason: "the body ended inside the part headers") }
        guard tail == closing else { throw Malformed(reason: "the body does not end with the closing boundary") }
        return File(size: size, sha256: hasher.finalizeHex(), content: content)
    }
}
