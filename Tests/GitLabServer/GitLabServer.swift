import ArtifactFiles
import Foundation
import GitHubAPI
import GitHubServer
import GitLabAPI

/// A local stand-in for GitLab's Releases, release links and generic package registry
/// APIs, on 127.0.0.1, written from GitLab's REST documentation, for tests.
///
/// Two listeners: the API (`…/api/v4`), and a storage host package downloads redirect
/// (302) to, named `localhost` rather than `127.0.0.1` so a client that carries its
/// `PRIVATE-TOKEN`/`JOB-TOKEN` across the redirect is caught (`credentialReachedStorage`).
/// Uploads are read as a stream and hashed as they arrive.
public final class GitLabServer: Sendable {
    /// `http://127.0.0.1:PORT/api/v4`, what `CI_API_V4_URL` holds.
    public let apiURL: URL
    let state: GitLabServerState
    private let listeners: LocalListeners

    private init(apiURL: URL, state: GitLabServerState, listeners: LocalListeners) {
        self.apiURL = apiURL
        self.state = state
        self.listeners = listeners
    }

    public static func start(_ options: GitLabServerOptions = GitLabServerOptions(),
                             clock: @escaping @Sendable () -> Date = Date.init) async throws -> GitLabServer {
        let state = GitLabServerState(options: options, clock: clock)
        let router = GitLabRouter(state: state)
        let listeners = try await LocalListeners.start([.api, .downloads], name: "GitLab") { request, host in
            await router.handle(request, onStorageHost: host == .downloads)
        }
        let api = "http://127.0.0.1:\(listeners.ports[0])/api/v4"
        await state.setURLs(api: api, storage: "http://localhost:\(listeners.ports[1])")
        return GitLabServer(apiURL: URL(string: api)!, state: state, listeners: listeners)
    }

    public func stop() async { await listeners.stop() }

    // MARK: Control

    /// Makes the next `times` requests to `route` (any route when nil) fail with `fault`.
    public func inject(_ fault: Fault, on route: GitLabRoute? = nil, times: Int = 1) async {
        await state.inject(fault, on: route, times: times)
    }

    /// Makes the requests to `route` with these ordinals (1-based) fail with `fault`.
    public func schedule(_ fault: Fault, on route: GitLabRoute, at ordinals: [Int]) async {
        await state.schedule(fault, on: route, at: ordinals)
    }

    public func clearFaults() async { await state.clearFaults() }
    public func setOption(_ change: @Sendable (inout GitLabServerOptions) -> Void) async { await state.change(change) }

    /// Requests sent inside an announced rate-limit window.
    public func rateLimitViolations() async -> [GitLabRequestRecord] { await state.requests.filter(\.violatedRateLimit) }
    public func records() async -> [GitLabRequestRecord] { await state.requests }
    public func gitlabReleases() async -> [GitLabStoredRelease] { await state.releasesNewestFirst() }
    public func release(_ tag: String) async -> GitLabStoredRelease? { await state.releases[tag] }
    public func packageFiles() async -> [GitLabStoredFile] { await state.files.values.sorted { $0.id < $1.id } }
    public func tags() async -> Set<String> { await state.options.tags }

    /// True when any request reached the storage host carrying a credential header.
    public func credentialReachedStorage() async -> Bool {
        await state.requests.contains { $0.onStorageHost && !$0.credentialHeaders.isEmpty }
    }

    /// A file put in the registry directly, as an earlier run or a person would have.
    @discardableResult
    public func seedPackageFile(package: String, version: String, fileName: String, content: Data) async -> Int {
        await state.seed(package: package, version: version, fileName: fileName, content: content)
    }

    /// A registry file and the link to it, as create-release attaches them: the link's
    /// url names the project by its numeric id, as `CI_PROJECT_ID` does.
    public func seedLinkedFile(tag: String, package: String, version: String, fileName: String, content: Data) async {
        await seedPackageFile(package: package, version: version, fileName: fileName, content: content)
        await state.addLink(tag: tag, name: fileName,
                            url: apiURL.absoluteString + "/projects/\(await state.options.projectID)/packages/generic/\(package)/\(version)/\(fileName)")
    }

    /// A release put there directly, with links as given.
    public func seedRelease(tag: String, name: String? = nil, description: String? = nil,
                            links: [(name: String, url: String, path: String?)] = []) async {
        await state.seedRelease(tag: tag, name: name, description: description, links: links)
    }
}

extension GitLabServerState {
    func seed(package: String, version: String, fileName: String, content: Data) -> Int {
        guard case .success(let packageID) = beginUpload(package: package, version: version, fileName: fileName) else { return -1 }
        return finishUpload(packageID: packageID, fileName: fileName, size: Int64(content.count),
                            sha256: StreamingSHA256.hexDigest(of: content), content: content).id
    }

    func addLink(tag: String, name: String, url: String) {
        releases[tag]?.links.append(GitLabStoredLink(id: newID(), name: name, url: url, directAssetPath: "/" + name,
                                                     linkType: GitLabLinkType.forFile(named: name).rawValue))
    }

    func seedRelease(tag: String, name: String?, description: String?, links: [(name: String, url: String, path: String?)]) {
        let now = clock()
        options.tags.insert(tag)
        releases[tag] = GitLabStoredRelease(tagName: tag, name: name ?? tag, description: description, createdAt: now, releasedAt: now,
                                            links: links.map { GitLabStoredLink(id: newID(), name: $0.name, url: $0.url,
                                                                                directAssetPath: $0.path, linkType: "other") })
    }
}
