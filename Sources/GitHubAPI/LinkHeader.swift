import Foundation

/// RFC 8288 `Link` header as GitHub sends it for pagination:
/// `<https://…&page=2>; rel="next", <https://…&page=5>; rel="last"`.
public struct LinkHeader: Sendable, Equatable {
    public let links: [String: URL]

    public init(_ value: String?) {
        var links: [String: URL] = [:]
        for part in (value ?? "").split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">"),
                  let url = URL(string: String(target.dropFirst().dropLast())) else { continue }
            for parameter in pieces.dropFirst() where parameter.hasPrefix("rel=") {
                let names = parameter.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                for name in names.split(separator: " ") { links[String(name)] = url }
            }
        }
        self.links = links
    }

    public var next: URL? { links["next"] }
}
