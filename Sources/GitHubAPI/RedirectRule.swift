import Foundation

/// How a redirect is followed. Our code follows redirects, not the HTTP library, so
/// this one rule decides what the next hop carries.
///
/// - At most `maxHops` hops: a loop is an error, not a hang.
/// - Credentials (`Authorization`, and GitLab's `PRIVATE-TOKEN` and `JOB-TOKEN`) are
///   dropped as soon as a hop's scheme, host or port differs from the original
///   request's, and stay dropped: a pre-signed storage URL must never
///   see the token, and a hop back to the API host after one elsewhere is not trusted.
/// - 303, and 301/302 after anything but GET/HEAD, become a bodiless GET, as browsers
///   and curl do; 307/308 repeat the method and the body.
public struct RedirectRule: Sendable {
    public static let maxHops = 5

    /// The request headers that carry a token, in lower case: never sent to another origin.
    public static let credentialHeaders: Set<String> = ["authorization", "private-token", "job-token"]

    /// Scheme, host and port: what "the same host" means for keeping credentials.
    public struct Origin: Equatable, Sendable {
        public var scheme: String
        public var host: String
        public var port: Int?

        public init(_ url: URL) {
            scheme = (url.scheme ?? "").lowercased()
            host = (url.host ?? "").lowercased()
            port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : nil)
        }
    }

    public static func isRedirect(_ status: Int) -> Bool { [301, 302, 303, 307, 308].contains(status) }

    /// The request to send after `status` with `location`, given the `original`
    /// request's origin; nil when `location` is missing or not an http(s) URL.
    public static func next(after status: Int, location: String?, current: HTTPRequestSpec, original: Origin) -> HTTPRequestSpec? {
        guard let location, let target = URL(string: location, relativeTo: current.url)?.absoluteURL,
              let scheme = target.scheme?.lowercased(), scheme == "http" || scheme == "https", target.host != nil else { return nil }
        var next = current
        next.url = target
        let rewritesToGet = status == 303 || ((status == 301 || status == 302) && current.method != "GET" && current.method != "HEAD")
        if rewritesToGet {
            next.method = "GET"
            next.body = .empty
            next.headers = next.headers.filter { !["content-type", "content-length"].contains($0.key.lowercased()) }
        }
        if Origin(target) != original {
            next.headers = next.headers.filter { !credentialHeaders.contains($0.key.lowercased()) }
        }
        return next
    }
}
