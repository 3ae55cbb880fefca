import Foundation

/// The paging every forge client shares: follow `Link: rel="next"` from the first page,
/// never to another origin (the token goes with every page), and at most 1000 pages
/// (a server that keeps answering "next" must not hold a job forever).
public enum Pagination {
    /// Every item of every page. `page` fetches and decodes one; `offOrigin` is the
    /// forge's error for a "next" link on another host.
    public static func collect<T>(from first: URL, origin: URL, page: (URL) async throws -> (items: [T], result: HTTPResult),
                                  offOrigin: (URL, HTTPResult) -> Error) async throws -> [T] {
        var next: URL? = first
        var items: [T] = []
        var pages = 0
        while let url = next {
            let (found, result) = try await page(url)
            items += found
            pages += 1
            next = LinkHeader(result.header("link")).next
            if let link = next, RedirectRule.Origin(link) != RedirectRule.Origin(origin) { throw offOrigin(link, result) }
            if pages >= 1000 { break }
        }
        return items
    }

    /// An API base URL without trailing slashes, so paths can be appended to it.
    public static func base(_ url: URL) -> URL {
        var text = url.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text) ?? url
    }
}
