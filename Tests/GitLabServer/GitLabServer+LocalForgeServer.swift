import Foundation
import GitHubServer
import GitLabAPI

/// The local GitLab as the shared create-release scenario table drives every forge:
/// GitHub's routes mapped to GitLab's endpoints, releases and link-plus-package-file
/// pairs reported as the table's releases and assets.
extension GitLabServer: LocalForgeServer {
    public func releases() async -> [StoredRelease] {
        await state.releasesNewestFirst().map { release in
            StoredRelease(id: GitLabForge.releaseID(forTag: release.tagName), tagName: release.tagName, name: release.name,
                          body: release.description, draft: false, prerelease: release.name?.hasSuffix(" (prerelease)") ?? false,
                          createdAt: release.createdAt, publishedAt: release.releasedAt)
        }
    }

    /// Each link with the registry file it serves (the newest of its name in the package
    /// its url names); a link to anywhere else as an empty asset.
    public func assets(ofRelease id: Int) async -> [StoredAsset] {
        guard let release = await state.releasesNewestFirst().first(where: { GitLabForge.releaseID(forTag: $0.tagName) == id }) else { return [] }
        var assets: [StoredAsset] = []
        for link in release.links {
            let parts = link.url.components(separatedBy: "/packages/generic/").last?.split(separator: "/").map {
                String($0).removingPercentEncoding ?? String($0)
            } ?? []
            let file = parts.count == 3 ? await state.newestFile(package: parts[0], version: parts[1], fileName: parts[2]) : nil
            assets.append(StoredAsset(id: link.id, releaseID: id, name: link.name, size: file?.size ?? 0,
                                      digest: file.map { "sha256:" + $0.sha256 }, content: file?.content, createdAt: file?.createdAt ?? release.createdAt))
        }
        return assets
    }

    public func requests() async -> [RecordedRequest] {
        await records().map { record in
            RecordedRequest.of(host: record.onStorageHost ? .downloads : .api, method: record.method, path: record.path,
                            route: Self.githubRoute(record.route), hadAuthorization: !record.credentialHeaders.isEmpty,
                            status: record.status, arrivedAt: record.arrivedAt, violatedRateLimit: record.violatedRateLimit)
        }
    }

    public func inject(_ fault: Fault, on route: Route?, times: Int) async {
        guard let route else { return await inject(fault, on: GitLabRoute?.none, times: times) }
        if let mapped = Self.gitlabRoute(route) { await inject(fault, on: mapped, times: times) }
    }

    public func schedule(_ fault: Fault, on route: Route, at ordinals: [Int]) async {
        if let mapped = Self.gitlabRoute(route) { await schedule(fault, on: mapped, at: ordinals) }
    }

    public func authorizationReachedDownloadHost() async -> Bool { await credentialReachedStorage() }

    /// Where GitHub's endpoint has a GitLab counterpart: an asset upload is the package
    /// upload (the link follows it), the asset list is the link list.
    static func gitlabRoute(_ route: Route) -> GitLabRoute? {
        switch route {
        case .listReleases: .listReleases
        case .releaseByTag, .getRelease: .getRelease
        case .createRelease: .createRelease
        case .updateRelease: .updateRelease
        case .deleteRelease: .deleteRelease
        case .listAssets: .listLinks
        case .upload: .uploadPackage
        case .updateAsset: .updateLink
        case .deleteAsset: .deleteLink
        case .download: .downloadPackage
        case .gitRef: .getTag
        case .latestRelease, .getAsset, .generateNotes, .immutableReleases, .control, .unknown: nil
        }
    }

    static func githubRoute(_ route: GitLabRoute) -> Route {
        switch route {
        case .getProject, .unknown: .unknown
        case .getTag: .gitRef
        case .listReleases: .listReleases
        case .getRelease: .releaseByTag
        case .createRelease: .createRelease
        case .updateRelease: .updateRelease
        case .deleteRelease: .deleteRelease
        case .listLinks, .getLink, .listPackages, .listPackageFiles: .listAssets
        case .createLink, .uploadPackage: .upload
        case .updateLink: .updateAsset
        case .deleteLink, .deletePackageFile: .deleteAsset
        case .downloadPackage, .storage: .download
        }
    }
}
