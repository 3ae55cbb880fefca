import ArtifactFiles
import Foundation
import GitHubAPI
import ReleaseKitCore
import ReleaseKitRuntime

/// verify-artifacts' work: select the release files, hash them, hold them against a
/// checksum file and their own archive structure, then (only when all is well) write
/// the checksum file and render the manifests that name them.
public struct VerifyArtifactsJob: Sendable {
    public var directory: String
    public var expect: [String]
    public var values: PlaceholderValues
    public var strict: Bool
    public var checksums: String?
    public var writeChecksums: String?
    public var algorithm: DigestAlgorithm?
    public var checkArchives: Bool
    public var renders: [String]
    public var baseURL: String?
    public var againstRelease: String?
    /// Seconds without a byte sent or received before an API request is retried.
    public var stallTimeout = TransportSettings.defaultStallTimeout
    /// How `--against-release` reaches the API; async-http-client unless a test replaces it.
    public var transport: HTTPTransport?

    public init(directory: String = "dist", expect: [String] = [], values: PlaceholderValues = PlaceholderValues(),
                strict: Bool = false, checksums: String? = nil, writeChecksums: String? = nil,
                algorithm: DigestAlgorithm? = nil, checkArchives: Bool = false, renders: [String] = [],
                baseURL: String? = nil, againstRelease: String? = nil) {
        self.directory = directory
        self.expect = expect
        self.values = values
        self.strict = strict
        self.checksums = checksums
        self.writeChecksums = writeChecksums
        self.algorithm = algorithm
        self.checkArchives = checkArchives
        self.renders = renders
        self.baseURL = baseURL
        self.againstRelease = againstRelease
    }

    /// What became of one artifact, for the summary table.
    enum Status: Equatable {
        case ok
        case mismatch
        case corrupt(String)
        case invalid(String)
        case unlisted
        case release(String)

        var text: String {
            switch self {
            case .ok: "ok"
            case .mismatch: "checksum mismatch"
            case .corrupt(let reason): "corrupt: " + reason
            case .invalid(let reason): "invalid: " + reason
            case .unlisted: "not in the checksum file"
            case .release(let reason): reason
            }
        }
    }

    public func run(in context: ToolContext) async throws -> ToolResult {
        // The API token is read (and masked) before anything else can print a line.
        let release = try againstRelease.map { tag in
            guard !tag.isEmpty else { throw InputError("--against-release needs a tag name; got an empty value") }
            return (tag: tag, target: try GitHubTarget.resolve(repository: nil, apiURL: nil, in: context),
                    token: try GitHubTarget.token(preferring: nil, in: context))
        }
        let log = context.log
        let requests = try renders.map(RenderRequest.init(parsing:))
        let templates = try requests.map { request in
            let data = try context.fileSystem.read(context.path(request.template))
            return ManifestTemplate(text: String(decoding: data, as: UTF8.self), source: request.template)
        }
        let checksumFile = try checksums.map { try readChecksumFile($0, in: context) }
        let primary = algorithm ?? checksumFile?.algorithm ?? .sha256

        // Placeholders: flags first, then the tag, looked up only when something needs it.
        let downloadURL = try templates.contains { $0.references.contains { $0.field == .url } }
            ? DownloadURL(baseURL: baseURL, serverURL: context.environment["GITHUB_SERVER_URL"],
                          repository: context.environment["GITHUB_REPOSITORY"])
            : nil
        let expect = try expectedPatterns(in: context)
        var needed = Set(expect.flatMap(ArtifactPattern.placeholders(in:)))
        for template in templates { needed.formUnion(template.valuesUsed) }
        if downloadURL?.usesTag == true { needed.insert("tag") }
        if downloadURL?.usesVersion == true { needed.insert("version") }
        let values = try resolveValues(needed, in: context)
        let patterns = try expect.map { try ArtifactPattern($0, values: values) }

        // What is in the directory, and which of it is the release.
        let root = try ArtifactDirectory(path: context.path(directory))
        let excluded = Set(([checksums, writeChecksums].compactMap { $0 } + requests.map(\.output))
            .compactMap { Self.realPath(ofPossiblyMissing: context.path($0)) })
        let entries = try root.entries(excluding: excluded)
        let byName = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let files = entries.filter { $0.kind != .directory }.map(\.name)
        let selection = ArtifactSelection(files: files, directories: entries.filter { $0.kind == .directory }.map(\.name),
                                          patterns: patterns)
        var chosen = selection.selected
        if let checksumFile, !patterns.isEmpty {
            // A file the checksum file lists is part of the release even if no pattern names it.
            let already = Set(chosen)
            chosen += checksumFile.entries.map(\.name).filter { byName[$0].map { $0.kind != .directory } ?? false && !already.contains($0) }
        }
        let chosenSet = Set(chosen)
        let unexpected = strict ? selection.unmatched.filter { !chosenSet.contains($0) } : []

        var status: [String: Status] = [:]
        var corrupt: [String] = []
        var artifacts: [ArtifactEntry] = []
        for name in chosen {
            guard let entry = byName[name] else { continue }
            if let problem = entry.problem {
                status[name] = .invalid(problem)
                corrupt.append(name)
                log.error("\(name) \(problem)", title: "verify-artifacts: not a usable artifact")
            } else {
                artifacts.append(entry)
            }
        }
        for missing in selection.missing {
            log.error(missing.reason, title: "verify-artifacts: missing")
        }
        for name in unexpected {
            log.error("\(name) is in \(directory) but no --expect pattern matches it (--strict)", title: "verify-artifacts: unexpected file")
        }

        // Digests: every file read once, one per core.
        var algorithms: Set<DigestAlgorithm> = [primary]
        if release != nil { algorithms.insert(.sha256) }  // what GitHub's digest is
        for template in templates {
            for reference in template.references {
                if reference.field == .sha256 { algorithms.insert(.sha256) }
                if reference.field == .sha512 { algorithms.insert(.sha512) }
            }
        }
        let results = log.group("Hashing \(artifacts.count) files (\(algorithms.map(\.rawValue).sorted().joined(separator: ", ")))") {
            FileDigester(algorithms: algorithms).digests(of: artifacts.map { ($0.path, $0.size ?? 0) })
        }
        var digests: [String: FileDigest] = [:]
        for (entry, result) in zip(artifacts, results) {
            switch result {
            case .success(let digest):
                digests[entry.name] = digest
                status[entry.name] = .ok
            case .failure(let error):
                status[entry.name] = .invalid("cannot be read: \(error.reason)")
                corrupt.append(entry.name)
                log.error("\(entry.name) cannot be read: \(error.reason)", title: "verify-artifacts: unreadable")
            }
        }

        // The checksum file, line by line.
        var missing = selection.missing.map(\.pattern)
        var mismatched: [String] = []
        var unexpectedExtra: [String] = []
        if let checksumFile, let checksums {
            let comparison = ChecksumComparison(file: checksumFile,
                                                digests: digests.compactMapValues { $0.hex[primary] },
                                                present: Set(chosen).subtracting(digests.keys))
            let location = { (line: Int) in AnnotationLocation(file: checksums, line: line) }
            for mismatch in comparison.mismatched {
                mismatched.append(mismatch.name)
                status[mismatch.name] = .mismatch
                log.error("\(mismatch.name): \(checksums) line \(mismatch.line) lists \(primary.rawValue) \(mismatch.listed), the file is \(mismatch.actual)",
                          title: "verify-artifacts: checksum mismatch", location: location(mismatch.line))
            }
            for entry in comparison.missing {
                missing.append(entry.name)
                log.error("\(entry.name) is listed in \(checksums) (line \(entry.line)) but is not in \(directory)",
                          title: "verify-artifacts: missing", location: location(entry.line))
            }
            for name in comparison.unlisted {
                if status[name] == .ok { status[name] = .unlisted }
                if strict {
                    log.error("\(name) is not listed in \(checksums) (--strict)", title: "verify-artifacts: unexpected file")
                } else {
                    log.warning("\(name) is not listed in \(checksums); nothing vouches for its content", title: "verify-artifacts: not in the checksum file")
                }
            }
            log.info("\(checksums): \(comparison.matched.count) match, \(comparison.mismatched.count) differ, \(comparison.missing.count) missing, \(comparison.unlisted.count) not listed")
            if strict { unexpectedExtra += comparison.unlisted }
        }
        var allUnexpected = unexpected + unexpectedExtra

        // Archives, each read to its end.
        if checkArchives {
            let candidates = artifacts.compactMap { entry -> (ArtifactEntry, ArchiveKind)? in
                guard digests[entry.name] != nil, let kind = ArchiveKind(fileName: entry.name) else { return nil }
                return (entry, kind)
            }
            let damage = log.group("Checking \(candidates.count) archives") {
                ArchiveInspector().inspectAll(candidates.map { ($0.0.path, $0.1) })
            }
            for ((entry, kind), problems) in zip(candidates, damage) {
                guard let first = problems.first else {
                    log.debug("\(entry.name): \(kind.rawValue) archive intact")
                    continue
                }
                corrupt.append(entry.name)
                status[entry.name] = .corrupt(first.description + (problems.count > 1 ? " (and \(problems.count - 1) more)" : ""))
                for problem in problems.prefix(Self.damageReportLimit) {
                    log.error("\(entry.name): \(problem)", title: "verify-artifacts: corrupt archive")
                }
                if problems.count > Self.damageReportLimit {
                    log.error("\(entry.name): \(problems.count - Self.damageReportLimit) more broken entries not shown", title: "verify-artifacts: corrupt archive")
                }
            }
        }

        let verified = artifacts.filter { digests[$0.name] != nil }

        // The published release, asset by asset.
        if let release {
            let comparison = try await compare(verified, digests: digests, with: release.tag, target: release.target,
                                               token: release.token, in: context)
            for name in comparison.notOnRelease {
                missing.append(name)
                status[name] = .release("not on release \(release.tag)")
                log.error("\(name) is not on release \(release.tag) (or its upload never finished)", title: "verify-artifacts: missing from the release")
            }
            for name in comparison.onlyOnRelease {
                allUnexpected.append(name)
                log.error("release \(release.tag) has an asset \(name) that is not in \(directory)", title: "verify-artifacts: unexpected release asset")
            }
            for difference in comparison.differing {
                mismatched.append(difference.name)
                status[difference.name] = .release("differs from release \(release.tag)")
                log.error("\(difference.name): \(difference.reason)", title: "verify-artifacts: release asset differs")
            }
            log.info("release \(release.tag): \(comparison.matching.count) match, \(comparison.differing.count) differ, \(comparison.notOnRelease.count) not on the release, \(comparison.onlyOnRelease.count) only on the release")
        }

        let ok = missing.isEmpty && allUnexpected.isEmpty && mismatched.isEmpty && corrupt.isEmpty
        var checksumsOutput = checksums.map { context.path($0) == context.path(writeChecksums ?? "") ? "" : $0 } ?? ""
        var rendered: [String] = []
        if ok {
            // Every target is checked before the first is written, so a refused one
            // (a FIFO, a symlink, a device) leaves none of the others half-done.
            for path in ([writeChecksums].compactMap { $0 } + requests.map(\.output)).map(context.path) {
                try WritableTarget.check(path)
            }
            if let writeChecksums {
                let text = ChecksumFile.format(verified.map { ($0.name, digests[$0.name]!.hex[primary]!) })
                let path = context.path(writeChecksums)
                try Self.makeParentDirectory(of: path)
                try context.fileSystem.writeAtomically(Data(text.utf8), to: path)
                checksumsOutput = writeChecksums
                log.info("wrote \(verified.count) \(primary.rawValue) checksums to \(writeChecksums)")
            }
            for (request, template) in zip(requests, templates) {
                // Values come from the tag, the environment and file names: redacted like any output.
                let text = context.log.redactor.redact(try template.render(values: values) { reference in
                    try resolve(reference, in: template, among: verified, digests: digests, values: values, downloadURL: downloadURL)
                })
                let path = context.path(request.output)
                try Self.makeParentDirectory(of: path)
                try context.fileSystem.writeAtomically(Data(text.utf8), to: path)
                rendered.append(request.output)
                log.info("rendered \(request.template) to \(request.output)")
            }
        } else if writeChecksums != nil || !requests.isEmpty {
            log.notice("verification failed, so nothing was written (--write-checksums, --render)", title: "verify-artifacts")
        }

        let totalBytes = verified.reduce(UInt64(0)) { $0 + (digests[$1.name]?.size ?? 0) }
        var outputs = StepOutputs()
        outputs.set("ok", ok)
        outputs.set("count", verified.count)
        outputs.set("total-bytes", String(totalBytes))
        outputs.set("artifacts", JSONValue.array(verified.map { entry in
            let digest = digests[entry.name]!
            return .object(["name": .string(entry.name), "size": .number(Double(digest.size)),
                            primary.rawValue: .string(digest.hex[primary] ?? "")])
        }))
        outputs.set("checksums-file", checksumsOutput)
        outputs.set("missing", lines: missing)
        outputs.set("unexpected", lines: allUnexpected)
        outputs.set("mismatched", lines: mismatched)
        outputs.set("corrupt", lines: corrupt)
        outputs.set("rendered", lines: rendered)

        if ok {
            log.info("verify-artifacts: \(verified.count) artifacts, \(totalBytes) bytes, all verified")
        }
        try context.summary.append(summary(chosen: chosen, byName: byName, digests: digests, status: status,
                                           missing: missing, unexpected: allUnexpected, algorithm: primary, ok: ok))
        return ToolResult(outputs: outputs, failed: !ok)
    }

    static let damageReportLimit = 20

    /// Compares with the release's assets: names, sizes and digests from the API; an
    /// asset without a digest is downloaded (the client drops `Authorization` when the
    /// download redirects off the API host) and hashed, then deleted.
    private func compare(_ verified: [ArtifactEntry], digests: [String: FileDigest], with tag: String,
                         target: GitHubTarget, token: String, in context: ToolContext) async throws -> ReleaseAssetComparison {
        try await context.withHTTPTransport(transport, stallTimeout: stallTimeout) { transport in
            try await compare(verified, digests: digests, with: tag, target: target, token: token, transport: transport, in: context)
        }
    }

    private func compare(_ verified: [ArtifactEntry], digests: [String: FileDigest], with tag: String,
                         target: GitHubTarget, token: String, transport: HTTPTransport,
                         in context: ToolContext) async throws -> ReleaseAssetComparison {
        let log = context.log
        let client = GitHubClient(apiURL: target.apiURL, repository: target.repository, token: token,
                                  transport: transport, now: context.now,
                                  allowsWrites: false, onRetry: { log.info($0) })
        guard let found = try await ReleaseResolver(client: client, log: { log.debug($0) }).candidates(for: tag).first else {
            throw OperationError("release \(tag) was not found in \(target.repository), published or draft; create it first, or check the tag and GITHUB_REPOSITORY")
        }
        let assets = try await client.listAssets(releaseID: found.id)
        var comparison = ReleaseAssetComparison(
            local: verified.compactMap { entry in
                guard let digest = digests[entry.name], let sha256 = digest.hex[.sha256] else { return nil }
                return .init(name: entry.name, assetName: AssetName.sanitized(entry.name), size: digest.size, sha256: sha256)
            },
            remote: assets.map { .init(name: $0.name, size: UInt64(max(0, $0.size)), digest: $0.digest, uploaded: $0.state == "uploaded") })
        let pending = comparison.needsDownload
        if !pending.isEmpty {
            let directory = context.ci.temporaryDirectory + "/releasekit-download-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            for (local, remote) in pending {
                guard let asset = assets.first(where: { $0.name == remote.name }) else { continue }
                let path = directory + "/" + String(asset.id)
                try await log.group("Downloading \(asset.name) (no digest from the API)") {
                    try await client.downloadAsset(asset, to: path)
                }
                comparison.settle(local, downloadedSHA256: try StreamingSHA256.hexDigest(ofFile: path))
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        return comparison
    }

    // MARK: inputs

    private func readChecksumFile(_ path: String, in context: ToolContext) throws -> ChecksumFile {
        let data = try context.fileSystem.read(context.path(path))
        let file = ChecksumFile(parsing: String(decoding: data, as: UTF8.self), algorithm: algorithm)
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

    /// Fills the placeholders something uses and no flag gave, from the tag.
    /// `--expect`, else `.releasekit.yml`: the `artifacts` of the package named by
    /// `--component` (or the tag's component), else the top-level `artifacts`.
    private func expectedPatterns(in context: ToolContext) throws -> [String] {
        guard expect.isEmpty else { return expect }
        let root = context.repository()?.path ?? context.workingDirectory
        let config = try ConfigurationFile.load(explicit: nil, root: root, context: context)
        let withArtifacts = config.packages.filter { $0.artifacts != nil }
        if !withArtifacts.isEmpty {
            let component = values.component ?? (try? resolveValues(["component"], in: context))?.component
            if let component, let package = config.package(named: component), let patterns = package.artifacts {
                context.log.debug("expected files: package \(package.name)'s artifacts in \(ReleaseKitConfig.fileName)")
                return patterns
            }
        }
        if let patterns = config.artifacts {
            context.log.debug("expected files: artifacts in \(ReleaseKitConfig.fileName)")
            return patterns
        }
        return []
    }

    private func resolveValues(_ needed: Set<String>, in context: ToolContext) throws -> PlaceholderValues {
        var result = values
        let unknown = needed.filter { result.value(of: $0) == nil }
        guard !unknown.isEmpty else { return result }
        let tagText: String
        if let tag = result.tag {
            tagText = tag
        } else {
            let found = try context.locateTag(repository: context.repository())
            tagText = found.hasPrefix(TagName.refPrefix) ? String(found.dropFirst(TagName.refPrefix.count)) : found
            result.tag = tagText
        }
        if result.version == nil || result.component == nil, unknown.contains("version") || unknown.contains("component") {
            let parsed = try TagName(parsing: tagText)
            if result.version == nil { result.version = parsed.versionText }
            if result.component == nil { result.component = parsed.component }
        }
        return result
    }

    // MARK: rendering

    private func resolve(_ reference: ManifestTemplate.Reference, in template: ManifestTemplate, among artifacts: [ArtifactEntry],
                         digests: [String: FileDigest], values: PlaceholderValues, downloadURL: DownloadURL?) throws -> String {
        let place = "\(template.source):\(reference.line): {\(reference.field.rawValue):\(reference.pattern)}"
        let pattern = try ArtifactPattern(reference.pattern, values: values)
        let hits = artifacts.filter { pattern.matches($0.name) }
        guard let hit = hits.first else {
            throw InputError("\(place) matches no verified artifact; expected exactly one (artifacts: \(artifacts.map(\.name).joined(separator: ", ")))")
        }
        guard hits.count == 1 else {
            throw InputError("\(place) is ambiguous: it matches \(hits.map(\.name).joined(separator: ", ")); make the pattern match exactly one file")
        }
        switch reference.field {
        case .name:
            return hit.name
        case .sha256:
            return digests[hit.name]?.hex[.sha256] ?? ""
        case .sha512:
            return digests[hit.name]?.hex[.sha512] ?? ""
        case .url:
            guard let downloadURL else { return "" }
            return try downloadURL.url(for: hit.name, values: values)
        }
    }

    // MARK: reporting

    private func summary(chosen: [String], byName: [String: ArtifactEntry], digests: [String: FileDigest],
                         status: [String: Status], missing: [String], unexpected: [String],
                         algorithm: DigestAlgorithm, ok: Bool) -> String {
        var rows: [[String]] = chosen.map { name in
            let digest = digests[name]
            return [name, digest.map { String($0.size) } ?? "—", digest?.hex[algorithm] ?? "—", (status[name] ?? .ok).text]
        }
        rows += missing.map { [$0, "—", "—", "missing"] }
        rows += unexpected.filter { !chosen.contains($0) }.map { name in
            [name, byName[name]?.size.map(String.init) ?? "—", "—", "unexpected"]
        }
        let verdict = ok ? "All \(digests.count) artifacts verified." : "**Verification failed.**"
        return "### verify-artifacts\n\n\(verdict)\n\n" + StepSummary.table(
            header: ["Name", "Size", algorithm.rawValue.uppercased(), "Status"], rows: rows)
    }

    // MARK: files

    /// The real path of a file that may not exist yet (its directory must).
    static func realPath(ofPossiblyMissing path: String) -> String? {
        if let real = ArtifactDirectory.realpath(path) { return real }
        let url = URL(fileURLWithPath: path)
        guard let parent = ArtifactDirectory.realpath(url.deletingLastPathComponent().path) else { return nil }
        return parent + "/" + url.lastPathComponent
    }

    static func makeParentDirectory(of path: String) throws {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw FileError(path: parent, action: "create the directory", reason: "\(error.localizedDescription)")
        }
    }
}
