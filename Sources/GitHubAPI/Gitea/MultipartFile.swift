import Foundation

/// The framing of a `multipart/form-data` body with one file part: the part's
/// headers before the file's bytes and the closing boundary after them. The file
/// itself is streamed between the two (`RequestBody.framedFile`), never loaded.
struct MultipartFile: Sendable {
    let boundary: String
    let prefix: Data
    let suffix: Data

    init(fieldName: String, fileName: String, contentType: String, boundary: String = "releasekit-" + UUID().uuidString) {
        self.boundary = boundary
        // A quote, backslash or line break in a file name would end the header early.
        let quoted = fileName.map { character -> String in
            switch character {
            case "\"": "%22"
            case "\\": "%5C"
            case "\r": "%0D"
            case "\n": "%0A"
            default: String(character)
            }
        }.joined()
        prefix = Data(("--\(boundary)\r\n"
            + "Content-Disposition: form-data; name=\"\(fieldName)\"; filename=\"\(quoted)\"\r\n"
            + "Content-Type: \(contentType)\r\n\r\n").utf8)
        suffix = Data("\r\n--\(boundary)--\r\n".utf8)
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}
