/// Builds the links a changelog carries — commits, `#123` references, the compare
/// view — for a repository on GitHub, GitHub Enterprise, GitLab, Gitea or Forgejo.
///
/// The repository comes from the CI environment (`GITHUB_SERVER_URL` +
/// `GITHUB_REPOSITORY`) or from the `origin` remote in any of the forms git
/// accepts (`https://`, `ssh://`, `git://`, scp-like `git@host:owner/repo.git`).
/// Credentials in a remote URL are dropped: they must never reach a changelog.
/// Local and `file://` remotes have no web view, so they give no links.
public struct RepositoryLinks: Sendable, Hashable {
    public enum Forge: String, Sendable, Hashable {
        case github
        case gitlab
        /// Gitea and Forgejo: `/commit/SHA`, `/compare/A...B`, `/issues/N` (which
        /// redirects to a pull request), `/releases/tag/NAME`, as on GitHub.
        case gitea
    }

    /// `https://github.com/owner/repo`, without a trailing slash.
    public let baseURL: String
    public let forge: Forge

    public init(baseURL: String, forge: Forge) {
        self.baseURL = baseURL
        self.forge = forge
    }

    /// From a server URL and an `owner/repo` path. The forge is the caller's when it
    /// says; else GitLab when the host name contains `gitlab`, Gitea when it contains
    /// `gitea`, `forgejo` or `codeberg`, else GitHub.
    public init?(serverURL: String, repository: String, forge: Forge? = nil) {
        var server = serverURL.trimmingSpaces
        while server.hasSuffix("/") { server.removeLast() }
        var path = Substring(repository.trimmingSpaces)
        while path.hasPrefix("/") { path = path.dropFirst() }
        while path.hasSuffix("/") { path = path.dropLast() }
        guard server.hasPrefix("https://") || server.hasPrefix("http://"),
              let host = Self.host(ofWebURL: server), !host.isEmpty,
              path.split(separator: "/").count >= 2 else { return nil }
        baseURL = server + "/" + path
        self.forge = forge ?? Self.forge(ofHost: host)
    }

    /// From a git remote URL, or `nil` when it has no web view (a local path,
    /// `file://`) or is not a URL git would accept.
    public init?(remoteURL: String, forge: Forge? = nil) {
        let url = Substring(remoteURL.trimmingSpaces)
        guard !url.isEmpty, !url.hasPrefix("/"), !url.hasPrefix("."), !url.lowercased().hasPrefix("file:") else { return nil }
        var scheme = "https"
        var rest: Substring
        if let separator = url.range(of: "://") {
            let given = url[..<separator.lowerBound].lowercased()
            rest = url[separator.upperBound...]
            switch given {
            case "https", "http": scheme = given
            case "ssh", "git", "git+ssh", "ssh+git": scheme = "https"
            default: return nil
            }
            // Drop credentials (`user:token@`); the path starts at the first `/`.
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            // An ssh or git port is not the web server's port.
            if scheme == "https" && given != "https", let colon = authority.lastIndex(of: ":") {
                authority = authority[..<colon]
            }
            rest = authority + rest[authorityEnd...]
        } else {
            // scp-like: [user@]host:path — a colon before any slash.
            guard let colon = url.firstIndex(of: ":"),
                  !url[..<colon].contains("/") else { return nil }
            var host = url[..<colon]
            if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
            var path = url[url.index(after: colon)...]
            while path.hasPrefix("/") { path = path.dropFirst() }
            rest = host + "/" + path
        }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        if rest.lowercased().hasSuffix(".git") { rest = rest.dropLast(4) }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let host = rest[..<slash]
        let path = rest[rest.index(after: slash)...]
        guard !host.isEmpty, path.split(separator: "/").count >= 2 else { return nil }
        self.init(serverURL: scheme + "://" + host, repository: String(path), forge: forge)
    }

    public func commit(_ sha: String) -> String {
        baseURL + (forge == .gitlab ? "/-/commit/" : "/commit/") + sha
    }

    /// `#123`: GitHub redirects `/issues/N` to the pull request when N is one.
    public func issue(_ number: String) -> String {
        baseURL + (forge == .gitlab ? "/-/issues/" : "/issues/") + number
    }

    /// The diff between two refs (`v1.2.0...v1.3.0`).
    public func compare(_ from: String, _ to: String) -> String {
        baseURL + (forge == .gitlab ? "/-/compare/" : "/compare/") + from + "..." + to
    }

    /// The page of a tag, for a first release with nothing to compare against.
    public func tag(_ name: String) -> String {
        baseURL + (forge == .gitlab ? "/-/tags/" : "/releases/tag/") + name
    }

    /// A file as it is at a tag (create-release's `--truncate-notes` points at the
    /// full changelog): `/blob/TAG/PATH`, GitLab's `/-/blob/…`, Gitea's `/src/tag/…`.
    public func file(_ path: String, at tag: String) -> String {
        switch forge {
        case .github: baseURL + "/blob/" + tag + "/" + path
        case .gitlab: baseURL + "/-/blob/" + tag + "/" + path
        case .gitea: baseURL + "/src/tag/" + tag + "/" + path
        }
    }

    static func forge(ofHost host: Substring) -> Forge {
        let name = host.lowercased()
        if name.contains("gitlab") { return .gitlab }
        if ["gitea", "forgejo", "codeberg"].contains(where: name.contains) { return .gitea }
        return .github
    }

    private static func host(ofWebURL url: String) -> Substring? {
        guard let separator = url.range(of: "://") else { return nil }
        let rest = url[separator.upperBound...]
        return rest[..<(rest.firstIndex(of: "/") ?? rest.endIndex)]
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
