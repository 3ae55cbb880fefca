import ArtifactFiles
import Foundation
import GitHubAPI
import ReleaseKitCore
import ReleaseKitRuntime

/// The release `--against-release` names and how to reach it, read before anything
/// else so the token is masked before the first line is printed.
struct ReleaseAccess: Sendable {
    var tag: String
    var target: ForgeTarget
    var credential: (variable: String, value: String)

    /// The repository and the token on `forge` for `--against-release TAG`; nil without it.
    static func read(_ tag: String?, forge: (kind: ForgeKind, origin: String) = (.github, "the default"),
                     requireImmutable: Bool = false, in context: ToolContext) throws -> ReleaseAccess? {
        guard let tag else { return nil }
        guard !tag.isEmpty else { throw InputError("--against-release needs a tag name; got an empty value") }
        if requireImmutable && !forge.kind.capabilities.hasImmutableReleases {
            throw InputError("--require-immutable: \(forge.kind.displayName) (forge from \(forge.origin)) has no immutable releases; drop the flag")
        }
        return ReleaseAccess(tag: tag, target: try ForgeTarget.resolve(forge: forge.kind, repository: nil, apiURL: nil, in: context),
                             credential: try ForgeTarget.credential(forge: forge.kind, preferring: nil, in: context))
    }

    /// The same, for the options as given: the forge from `ForgeSelection`.
    static func read(_ options: VerifyArtifactsOptions, in context: ToolContext) async throws -> ReleaseAccess? {
        guard options.againstRelease != nil else { return nil }
        let (kind, origin) = try await ForgeSelection.resolve(flag: options.forge, in: context)
        return try read(options.againstRelease, forge: (kind, origin), requireImmutable: options.requireImmutable, in: context)
    }
}

extension VerifyArtifactsFacts {
    /// Everything the plan needs to know, gathered through the context and the adapters.
    static func gather(_ settings: VerifyArtifactsSettings, access: ReleaseAccess?, in context: ToolContext) async throws -> VerifyArtifactsFacts {
        try await VerifyArtifactsFactGatherer(settings: settings, access: access, context: context).gather()
    }
}

/// Gathers verify-artifacts' facts through the context and the adapters: reads the
/// templates and the checksum file, lists the directory, hashes and inspects the files
/// the selection names, and asks the API about the release. It judges nothing.
struct VerifyArtifactsFactGatherer {
    var settings: VerifyArtifactsSettings
    var access: ReleaseAccess?
    /// Also how `--against-release` reaches the API: the context's HTTP connector.
    var context: ToolContext

    func gather() async throws -> VerifyArtifactsFacts {
        var facts = VerifyArtifactsFacts()
        facts.templates = try settings.renders.map { request in
            let data = try context.fileSystem.read(context.path(request.template))
            return ManifestTemplate(text: String(decoding: data, as: UTF8.self), source: request.template)
        }
        facts.checksumFile = try settings.checksums.map(readChecksumFile)
        facts.downloadURL = try facts.templates.contains { $0.references.contains { $0.field == .url } }
            ? DownloadURL(baseURL: settings.baseURL, serverURL: context.environment["GITHUB_SERVER_URL"],
                          repository: context.environment["GITHUB_REPOSITORY"])
            : nil
        facts.values = try await PlaceholderLookup.complete(settings.values, needing: neededValues(facts), in: context)
        facts.patterns = try settings.expect.enumerated().map { index, text in
            do {
                return try ArtifactPattern(text, values: facts.values)
            } catch let error as ArtifactPatternError {
                throw InputError(error.message(origin: settings.expectSource.origin(ofPattern: index)))
            }
        }
        facts.checksumsIsWriteTarget = settings.checksums.map { context.path($0) == context.path(settings.writeChecksums ?? "") } ?? false

        let listing = try listDirectory()
        facts.entries = listing.map { entry in
            VerifyArtifactsFacts.Entry(name: entry.name, isDirectory: entry.kind == .directory, size: entry.size, problem: entry.problem)
        }
        let byName = Dictionary(listing.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let selection = VerifyArtifactsSelection(entries: facts.entries, patterns: facts.patterns,
                                                 checksumFile: facts.checksumFile, strict: settings.strict)
        let readable = selection.readable.compactMap { byName[$0] }
        await hash(readable, primary: facts.primaryAlgorithm(settings), templates: facts.templates, into: &facts)
        let hashed = readable.filter { facts.digests[$0.name] != nil }
        if settings.checkArchives { facts.archives = await inspectArchives(hashed) }
        if let access {
            let verified = hashed.compactMap { entry in facts.digests[entry.name].map { (name: entry.name, digest: $0) } }
            facts.release = try await releaseFacts(verified, access: access)
        }
        return facts
    }

    /// The placeholders the patterns, templates and download URL use.
    private func neededValues(_ facts: VerifyArtifactsFacts) -> Set<String> {
        var needed = Set(settings.expect.flatMap(ArtifactPattern.placeholders(in:)))
        for template in facts.templates { needed.formUnion(template.valuesUsed) }
        if facts.downloadURL?.usesTag == true { needed.insert("tag") }
        if facts.downloadURL?.usesVersion == true { needed.insert("version") }
        return needed
    }

    private func readChecksumFile(_ path: String) throws -> ChecksumFile {
        let data = try context.fileSystem.read(context.path(path))
        let file = ChecksumFile(parsing: String(decoding: data, as: UTF8.self), algorithm: settings.algorithm)
        guard file.problems.isEmpty else {
            for problem in file.problems {
                context.log.error(problem.reason, title: "verify-artifacts: malformed checksum line",
                                  location: AnnotationLocation(file: path, line: problem.line))
            }
            let lines = file.problems.map { String($0.line) }.joined(separator: ", ")
            throw InputError("\(path) has \(file.problems.count) malformed line\(file.problems.count == 1 ? "" : "s") (\(lines)); expected `hex  name`, `hex *name` or `SHA256 (name) = hex` on every line")
        }
        guard !file.entries.isEmpty else {
            throw InputError("\(path) lists no files; expected checksum lines such as `hex  name`")
        }
        return file
    }

    /// The directory's entries without the tool's own files (compared by real path, so
    /// `./dist/SHA256SUMS` and `dist/SHA256SUMS` are the same file).
    private func listDirectory() throws -> [ArtifactEntry] {
        let root = try ArtifactDirectory(path: context.path(settings.directory))
        let excluded = Set(settings.ownFiles.compactMap { Self.realPath(ofPossiblyMissing: context.path($0)) })
        return try root.entries(excluding: excluded)
    }

    /// Every file read once, one per core, in every algorithm something needs.
    private func hash(_ entries: [ArtifactEntry], primary: DigestAlgorithm, templates: [ManifestTemplate],
                      into facts: inout VerifyArtifactsFacts) async {
        let algorithms = settings.algorithms(primary: primary, templates: templates)
        let results = await context.log.group("Hashing \(entries.count) files (\(algorithms.map(\.rawValue).sorted().joined(separator: ", ")))") {
            await FileDigester(algorithms: algorithms).digests(of: entries.map { ($0.path, $0.size ?? 0) })
        }
        for (entry, result) in zip(entries, results) {
            switch result {
            case .success(let digest): facts.digests[entry.name] = .init(size: digest.size, hex: digest.hex)
            case .failure(let error): facts.unreadable[entry.name] = error.reason
            }
        }
    }

    /// Each archive read to its end.
    private func inspectArchives(_ entries: [ArtifactEntry]) async -> [String: VerifyArtifactsFacts.ArchiveCheck] {
        let candidates = entries.compactMap { entry in ArchiveKind(fileName: entry.name).map { (entry, $0) } }
        let damage = await context.log.group("Checking \(candidates.count) archives") {
            await ArchiveInspector().inspectAll(candidates.map { ($0.0.path, $0.1) })
        }
        var checks: [String: VerifyArtifactsFacts.ArchiveCheck] = [:]
        for ((entry, kind), problems) in zip(candidates, damage) {
            checks[entry.name] = .init(kind: kind.rawValue, damage: problems)
        }
        return checks
    }

    /// The release's assets: names, sizes and digests from the API; an asset without a
    /// digest is downloaded (the client drops `Authorization` when the download
    /// redirects off the API host) and hashed, then deleted.
    private func releaseFacts(_ verified: [(name: String, digest: VerifyArtifactsFacts.Digest)],
                              access: ReleaseAccess) async throws -> VerifyArtifactsFacts.Release {
        try await context.withHTTPTransport(stallTimeout: settings.stallTimeout) { transport in
            let log = context.log
            let client = try ForgeConnection(target: access.target, credential: access.credential, now: context.now,
                                             allowsWrites: false, onRetry: { log.info($0) },
                                             scratchDirectory: context.ci.temporaryDirectory).client(transport: transport)
            guard let found = try await ReleaseResolver(client: client, log: { log.debug($0) }).candidates(for: access.tag).first else {
                throw OperationError("release \(access.tag) was not found in \(access.target.repository), published or draft; create it first, or check the tag and GITHUB_REPOSITORY")
            }
            let assets = try await client.listAssets(releaseID: found.id)
            var release = VerifyArtifactsFacts.Release(
                tag: access.tag,
                assets: assets.map { .init(name: $0.name, size: UInt64(max(0, $0.size)), digest: $0.digest, uploaded: $0.state == "uploaded") },
                assetNames: Dictionary(verified.map { ($0.name, AssetName.sanitized($0.name)) }, uniquingKeysWith: { first, _ in first }),
                immutable: found.immutable, draft: found.draft)
            let pending = ReleaseAssetComparison(local: release.locals(verified), remote: release.assets).needsDownload
            guard !pending.isEmpty else { return release }
            let directory = context.ci.temporaryDirectory + "/releasekit-download-" + UUID().uuidString
            try context.fileSystem.createDirectory(directory)
            defer { try? context.fileSystem.remove(directory) }
            for (local, remote) in pending {
                guard let asset = assets.first(where: { $0.name == remote.name }) else { continue }
                let path = directory + "/" + String(asset.id)
                try await log.group("Downloading \(asset.name) (no digest from the \(client.kind.displayName) API)") {
                    try await client.downloadAsset(asset, to: path)
                }
                release.downloadedSHA256[local.name] = try FileDigester.sha256Hex(ofFile: path)
                try? context.fileSystem.remove(path)
            }
            return release
        }
    }

    /// The real path of a file that may not exist yet (its directory must).
    static func realPath(ofPossiblyMissing path: String) -> String? {
        if let real = ArtifactDirectory.realpath(path) { return real }
        let url = URL(fileURLWithPath: path)
        guard let parent = ArtifactDirectory.realpath(url.deletingLastPathComponent().path) else { return nil }
        return parent + "/" + url.lastPathComponent
    }
}
