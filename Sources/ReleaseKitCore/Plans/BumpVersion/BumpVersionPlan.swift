/// bump-version's decision for every package, before anything is written: pure, so
/// "how is the next version chosen" is answered (and tested) without git or files.
public struct BumpVersionPlan: Sendable {
    public var packages: [PackagePlan]

    public init(packages: [PackagePlan]) {
        self.packages = packages
    }

    /// Every package planned from `facts` (each package's commits read for the range
    /// its baseline names). The edge runs the two steps per package instead, since it
    /// reads the commits between them.
    public init(facts: BumpVersionFacts, settings: BumpVersionSettings) throws {
        precondition(facts.packages.count == settings.packages.count, "one facts entry per package")
        packages = try zip(settings.packages, facts.packages).map { package, read in
            let baseline = try ReleaseBaseline(package: package, files: read.files, tags: facts.tags, settings: settings)
            return try Self.plan(baseline, commits: read.commits, settings: settings)
        }
    }

    /// The second pure step: the decision from the baseline and the commit messages
    /// of its range (nil when none were read), then the tag and each file's new bytes.
    public static func plan(_ baseline: ReleaseBaseline, commits messages: [String]?,
                            settings: BumpVersionSettings) throws -> PackagePlan {
        let package = baseline.package
        let explicit = try settings.set.map { try Version.parse(typed: $0, scheme: VersionSchemeChoice(baseline.scheme)) }
        let commits = countedCommits(messages ?? [])
        if settings.all, settings.level == .final, !baseline.current.isPrerelease {
            // --all --level final finalises the packages that have a pending prerelease.
            return PackagePlan(component: package.component, directories: package.directories, scheme: baseline.scheme,
                               current: baseline.current, currentSource: baseline.currentSource,
                               previousTag: baseline.highest?.tag, range: baseline.range,
                               decision: .init(level: BumpLevel.none.rawValue, version: nil), tag: nil, files: baseline.files)
        }
        let decision = try NextVersion.decide(
            current: baseline.current, commits: commits,
            request: .init(level: settings.level, label: settings.pre, explicit: explicit, options: settings.bump,
                           style: baseline.preStyle),
            existing: baseline.existing.map { ($0.tag, $0.version) })
        var files = baseline.files
        var tag: String?
        if let next = decision.version {
            tag = package.tagFormat.tag(component: package.component, version: next.normalized)
            for index in files.indices {
                try files[index].file.check(canExpress: next)
                files[index].new = try files[index].file.updated(files[index].old, to: next)
            }
        }
        return PackagePlan(component: package.component, directories: package.directories, scheme: baseline.scheme,
                           current: baseline.current, currentSource: baseline.currentSource,
                           previousTag: baseline.highest?.tag, range: baseline.range, decision: decision,
                           tag: tag, files: files)
    }

    /// The commits that count: release commits (`release: 1.2.0`) are left out, so a
    /// release never causes the next one.
    public static func countedCommits(_ messages: [String]) -> [ParsedCommit] {
        messages.map { ParsedCommit(message: $0) }.filter { !$0.isReleaseCommit }
    }

    /// Every file whose bytes change, in plan order.
    public var changedFiles: [PlannedFile] { packages.flatMap(\.changedFiles) }
    public var released: [PackagePlan] { packages.filter(\.released) }
}
