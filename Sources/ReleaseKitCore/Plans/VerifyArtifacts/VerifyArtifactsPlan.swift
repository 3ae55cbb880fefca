/// verify-artifacts' verdict, decided from facts alone: what each file is (ok, corrupt,
/// mismatched …), what is missing or unexpected, what to say about it in what order,
/// and — only when everything is verified — the checksum file and manifests to write.
/// Writing them is the executor's job; nothing here touches the world.
public struct VerifyArtifactsPlan: Sendable {
    /// What became of one artifact, for the summary table.
    public enum Status: Sendable, Equatable {
        case ok
        case mismatch
        case corrupt(String)
        case invalid(String)
        case unlisted
        case release(String)

        public var text: String {
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

    /// One line for the log, in the order the checks ran.
    public struct Message: Sendable, Equatable {
        public enum Level: Sendable, Equatable { case error, warning, notice, info, debug }
        public var level: Level
        public var text: String
        public var title: String?
        /// The file (and line) an annotation points at: the checksum file.
        public var file: String?
        public var line: Int?

        public init(_ level: Level, _ text: String, title: String? = nil, file: String? = nil, line: Int? = nil) {
            self.level = level
            self.text = text
            self.title = title
            self.file = file
            self.line = line
        }
    }

    /// A file that was read and hashed.
    public struct Verified: Sendable, Equatable {
        public var name: String
        public var digest: VerifyArtifactsFacts.Digest
    }

    /// The checksum file to write.
    public struct ChecksumWrite: Sendable, Equatable {
        public var path: String
        public var text: String
        public var count: Int
    }

    /// A manifest to write: its text, or why it cannot be rendered. A failure is kept
    /// rather than thrown so that files before it are still written, as they always were.
    public struct Render: Sendable {
        public var template: String
        public var output: String
        public var text: Result<String, any Error>
    }

    /// More broken entries of one archive than this are counted, not listed.
    public static let damageReportLimit = 20

    public var algorithm: DigestAlgorithm
    public var chosen: [String]
    public var status: [String: Status] = [:]
    public var missing: [String] = []
    public var unexpected: [String] = []
    public var mismatched: [String] = []
    public var corrupt: [String] = []
    /// Every file that was hashed (a corrupt archive too: its digest is still a fact).
    public var verified: [Verified] = []
    public var messages: [Message] = []
    /// Sizes of the directory's usable files, for files reported as unexpected.
    public var sizes: [String: UInt64]
    /// nil unless verification passed and `--write-checksums` was given.
    public var checksumWrite: ChecksumWrite?
    /// Empty unless verification passed.
    public var renders: [Render] = []
    /// The read checksum file to report when none is written; empty when none.
    public var checksumsRead: String

    /// The release's `immutable` flag (`true`/`false`); empty without `--against-release`.
    public var immutable = ""
    /// `--require-immutable` on a release that is not immutable.
    public var notImmutable = false

    public var ok: Bool { missing.isEmpty && unexpected.isEmpty && mismatched.isEmpty && corrupt.isEmpty && !notImmutable }
    public var totalBytes: UInt64 { verified.reduce(0) { $0 + $1.digest.size } }

    /// Judges the files. Pure: the same facts and settings give the same plan.
    public static func plan(_ facts: VerifyArtifactsFacts, _ settings: VerifyArtifactsSettings) -> VerifyArtifactsPlan {
        var plan = VerifyArtifactsPlan(facts: facts, settings: settings)
        let selection = VerifyArtifactsSelection(entries: facts.entries, patterns: facts.patterns,
                                                 checksumFile: facts.checksumFile, strict: settings.strict)
        plan.select(selection, settings: settings)
        plan.hash(selection.readable, facts: facts)
        if let file = facts.checksumFile, let path = settings.checksums {
            plan.compare(with: file, at: path, settings: settings)
        }
        if settings.checkArchives { plan.judgeArchives(facts.archives) }
        if let release = facts.release { plan.compare(with: release, settings: settings) }
        plan.decideWrites(facts: facts, settings: settings)
        return plan
    }

    private init(facts: VerifyArtifactsFacts, settings: VerifyArtifactsSettings) {
        algorithm = facts.primaryAlgorithm(settings)
        chosen = []
        sizes = Dictionary(facts.entries.compactMap { entry in entry.size.map { (entry.name, $0) } },
                           uniquingKeysWith: { first, _ in first })
        checksumsRead = settings.checksums.map { facts.checksumsIsWriteTarget ? "" : $0 } ?? ""
    }

    private mutating func select(_ selection: VerifyArtifactsSelection, settings: VerifyArtifactsSettings) {
        chosen = selection.chosen
        for entry in selection.invalid {
            status[entry.name] = .invalid(entry.problem)
            corrupt.append(entry.name)
            messages.append(Message(.error, "\(entry.name) \(entry.problem)", title: "verify-artifacts: not a usable artifact"))
        }
        for pattern in selection.missing {
            messages.append(Message(.error, pattern.reason(subject: settings.subject(ofPattern: pattern.pattern)), title: "verify-artifacts: missing"))
        }
        for name in selection.unexpected {
            messages.append(Message(.error, "\(name) is in \(settings.directory) but \(settings.patternsSubject) matches it (--strict)",
                                    title: "verify-artifacts: unexpected file"))
        }
        missing = selection.missing.map(\.pattern)
        unexpected = selection.unexpected
    }

    private mutating func hash(_ readable: [String], facts: VerifyArtifactsFacts) {
        for name in readable {
            if let digest = facts.digests[name] {
                verified.append(Verified(name: name, digest: digest))
                status[name] = .ok
            } else if let reason = facts.unreadable[name] {
                status[name] = .invalid("cannot be read: \(reason)")
                corrupt.append(name)
                messages.append(Message(.error, "\(name) cannot be read: \(reason)", title: "verify-artifacts: unreadable"))
            }
        }
    }

    private mutating func compare(with file: ChecksumFile, at path: String, settings: VerifyArtifactsSettings) {
        let hashed = Set(verified.map(\.name))
        let comparison = ChecksumComparison(
            file: file,
            digests: Dictionary(verified.compactMap { file in file.digest.hex[algorithm].map { (file.name, $0) } },
                                uniquingKeysWith: { first, _ in first }),
            present: Set(chosen).subtracting(hashed))
        for mismatch in comparison.mismatched {
            mismatched.append(mismatch.name)
            status[mismatch.name] = .mismatch
            messages.append(Message(.error, "\(mismatch.name): \(path) line \(mismatch.line) lists \(algorithm.rawValue) \(mismatch.listed), the file is \(mismatch.actual)",
                                    title: "verify-artifacts: checksum mismatch", file: path, line: mismatch.line))
        }
        for entry in comparison.missing {
            missing.append(entry.name)
            messages.append(Message(.error, "\(entry.name) is listed in \(path) (line \(entry.line)) but is not in \(settings.directory)",
                                    title: "verify-artifacts: missing", file: path, line: entry.line))
        }
        for name in comparison.unlisted {
            if status[name] == .ok { status[name] = .unlisted }
            if settings.strict {
                messages.append(Message(.error, "\(name) is not listed in \(path) (--strict)", title: "verify-artifacts: unexpected file"))
            } else {
                messages.append(Message(.warning, "\(name) is not listed in \(path); nothing vouches for its content",
                                        title: "verify-artifacts: not in the checksum file"))
            }
        }
        messages.append(Message(.info, "\(path): \(comparison.matched.count) match, \(comparison.mismatched.count) differ, \(comparison.missing.count) missing, \(comparison.unlisted.count) not listed"))
        if settings.strict { unexpected += comparison.unlisted }
    }

    private mutating func judgeArchives(_ archives: [String: VerifyArtifactsFacts.ArchiveCheck]) {
        for file in verified {
            guard let check = archives[file.name] else { continue }
            guard let first = check.damage.first else {
                messages.append(Message(.debug, "\(file.name): \(check.kind) archive intact"))
                continue
            }
            let problems = check.damage
            corrupt.append(file.name)
            status[file.name] = .corrupt(first.description + (problems.count > 1 ? " (and \(problems.count - 1) more)" : ""))
            for problem in problems.prefix(Self.damageReportLimit) {
                messages.append(Message(.error, "\(file.name): \(problem)", title: "verify-artifacts: corrupt archive"))
            }
            if problems.count > Self.damageReportLimit {
                messages.append(Message(.error, "\(file.name): \(problems.count - Self.damageReportLimit) more broken entries not shown",
                                        title: "verify-artifacts: corrupt archive"))
            }
        }
    }

    private mutating func compare(with release: VerifyArtifactsFacts.Release, settings: VerifyArtifactsSettings) {
        let tag = release.tag
        var comparison = ReleaseAssetComparison(local: release.locals(verified.map { ($0.name, $0.digest) }), remote: release.assets)
        for (local, _) in comparison.needsDownload {
            if let downloaded = release.downloadedSHA256[local.name] { comparison.settle(local, downloadedSHA256: downloaded) }
        }
        for name in comparison.notOnRelease {
            missing.append(name)
            status[name] = .release("not on release \(tag)")
            messages.append(Message(.error, "\(name) is not on release \(tag) (or its upload never finished)", title: "verify-artifacts: missing from the release"))
        }
        for name in comparison.onlyOnRelease {
            unexpected.append(name)
            messages.append(Message(.error, "release \(tag) has an asset \(name) that is not in \(settings.directory)", title: "verify-artifacts: unexpected release asset"))
        }
        for difference in comparison.differing {
            mismatched.append(difference.name)
            status[difference.name] = .release("differs from release \(tag)")
            messages.append(Message(.error, "\(difference.name): \(difference.reason)", title: "verify-artifacts: release asset differs"))
        }
        messages.append(Message(.info, "release \(tag): \(comparison.matching.count) match, \(comparison.differing.count) differ, \(comparison.notOnRelease.count) not on the release, \(comparison.onlyOnRelease.count) only on the release"))
        judgeImmutability(release, settings: settings)
    }

    /// Reports the release's `immutable` flag; with `--require-immutable`, off is a failure.
    private mutating func judgeImmutability(_ release: VerifyArtifactsFacts.Release, settings: VerifyArtifactsSettings) {
        immutable = release.immutable ? "true" : "false"
        if release.immutable {
            messages.append(Message(.info, "release \(release.tag) is immutable: its assets and tag can no longer change"))
            return
        }
        let why = release.draft ? "it is still a draft (immutability starts at publishing)"
            : "it was published while the repository's immutable-releases setting was off (Settings → General → Releases; it applies only to releases published after it is enabled)"
        if settings.requireImmutable {
            notImmutable = true
            messages.append(Message(.error, "release \(release.tag) is not immutable (--require-immutable): \(why)", title: "verify-artifacts: release not immutable"))
        } else {
            messages.append(Message(.info, "release \(release.tag) is not immutable: \(why)"))
        }
    }

    private mutating func decideWrites(facts: VerifyArtifactsFacts, settings: VerifyArtifactsSettings) {
        guard ok else {
            if settings.writeChecksums != nil || !settings.renders.isEmpty {
                messages.append(Message(.notice, "verification failed, so nothing was written (--write-checksums, --render)", title: "verify-artifacts"))
            }
            return
        }
        if let path = settings.writeChecksums {
            let text = ChecksumFile.format(verified.map { ($0.name, $0.digest.hex[algorithm] ?? "") })
            checksumWrite = ChecksumWrite(path: path, text: text, count: verified.count)
        }
        renders = zip(settings.renders, facts.templates).map { request, template in
            Render(template: request.template, output: request.output,
                   text: Result { try template.render(values: facts.values) { try resolve($0, in: template, facts: facts) } })
        }
    }

    /// The text of one `{field:pattern}` reference: the one verified file it matches.
    private func resolve(_ reference: ManifestTemplate.Reference, in template: ManifestTemplate, facts: VerifyArtifactsFacts) throws -> String {
        let place = "\(template.source):\(reference.line): {\(reference.field.rawValue):\(reference.pattern)}"
        // A bad pattern is thrown as it is: the edge words it as the flag it always was.
        let pattern = try ArtifactPattern(reference.pattern, values: facts.values)
        let hits = verified.filter { pattern.matches($0.name) }
        guard let hit = hits.first else {
            throw InputError("\(place) matches no verified artifact; expected exactly one (artifacts: \(verified.map(\.name).joined(separator: ", ")))")
        }
        guard hits.count == 1 else {
            throw InputError("\(place) is ambiguous: it matches \(hits.map(\.name).joined(separator: ", ")); make the pattern match exactly one file")
        }
        switch reference.field {
        case .name: return hit.name
        case .sha256: return hit.digest.hex[.sha256] ?? ""
        case .sha512: return hit.digest.hex[.sha512] ?? ""
        case .url:
            guard let downloadURL = facts.downloadURL else { return "" }
            return try downloadURL.url(for: hit.name, values: facts.values)
        }
    }

    /// The outputs, given the manifests the executor actually wrote.
    public func outputs(rendered: [String]) -> VerifyArtifactsOutputs {
        VerifyArtifactsOutputs(
            ok: ok, count: verified.count, totalBytes: totalBytes,
            artifacts: .array(verified.map { file in
                .object(["name": .string(file.name), "size": .number(Double(file.digest.size)),
                         algorithm.rawValue: .string(file.digest.hex[algorithm] ?? "")])
            }),
            checksumsFile: checksumWrite?.path ?? checksumsRead,
            missing: missing, unexpected: unexpected, mismatched: mismatched, corrupt: corrupt, rendered: rendered,
            immutable: immutable)
    }

    /// The summary table's rows: chosen files, then missing names, then unexpected ones.
    public var summaryRows: [[String]] {
        let digests = Dictionary(verified.map { ($0.name, $0.digest) }, uniquingKeysWith: { first, _ in first })
        var rows: [[String]] = chosen.map { name in
            let digest = digests[name]
            return [name, digest.map { String($0.size) } ?? "—", digest?.hex[algorithm] ?? "—", (status[name] ?? .ok).text]
        }
        rows += missing.map { [$0, "—", "—", "missing"] }
        rows += unexpected.filter { !chosen.contains($0) }.map { name in
            [name, sizes[name].map(String.init) ?? "—", "—", "unexpected"]
        }
        return rows
    }
}
