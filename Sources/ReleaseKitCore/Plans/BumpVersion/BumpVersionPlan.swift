/// bump-version's decision for every package, before anything is written: pure, so
/// "how is the next version chosen" is answered (and tested) without git or files.
public struct BumpVersionPlan: Sendable {
    public var packages: [PackagePlan]

    public init(packages: [PackagePlan]) {
        self.packages = packages
    }

    /// Every package planned from `facts` (each package's commits read for the range
    /// its baseline names), in dependency order. The edge runs the steps per package
    /// instead, since it reads the commits between them.
    public init(facts: BumpVersionFacts, settings: BumpVersionSettings) throws {
        precondition(facts.packages.count == settings.packages.count, "one facts entry per package")
        let graph = try DependencyGraph(packages: settings.packages, files: facts.packages.map(\.files))
        let order = try graph.order(settings.packages.map(\.component), withDependents: false)
        var planned: [PackagePlan] = []
        for component in order {
            let index = settings.packages.firstIndex { $0.component == component }!
            let (package, read) = (settings.packages[index], facts.packages[index])
            let baseline = try ReleaseBaseline(package: package, files: read.files, tags: facts.tags, settings: settings)
            planned.append(try Self.plan(baseline, commits: read.commits, settings: settings,
                                         pins: graph.pins(of: component), dependencies: planned))
        }
        packages = planned
    }

    /// The second pure step: the decision from the baseline and the commit messages
    /// of its range (nil when none were read), then the tag and each file's new bytes.
    /// `pins` are the package's pins on other packages; `dependencies` the packages
    /// planned before it. A package with nothing releasable whose dependency is
    /// released gets a patch release (`dependency-bump`), and its pins move.
    public static func plan(_ baseline: ReleaseBaseline, commits messages: [String]?, settings: BumpVersionSettings,
                            pins: [DependencyGraph.Edge] = [], dependencies: [PackagePlan] = []) throws -> PackagePlan {
        let package = baseline.package
        let explicit = try settings.set.map { try Version.parse(typed: $0, scheme: VersionSchemeChoice(baseline.scheme)) }
        let commits = countedCommits(messages ?? [])
        let existing = baseline.existing.map { ($0.tag, $0.version) }
        var decision: NextVersion.Decision
        if settings.all, settings.level == .final, !baseline.current.isPrerelease {
            // --all --level final finalises the packages that have a pending prerelease.
            decision = .init(level: BumpLevel.none.rawValue, version: nil)
        } else {
            decision = try NextVersion.decide(
                current: baseline.current, commits: commits,
                request: .init(level: settings.level, label: settings.pre, explicit: explicit, options: settings.bump,
                               style: baseline.preStyle),
                existing: existing)
        }
        let released = Dictionary(dependencies.compactMap { plan in plan.next.map { (plan.component, $0) } }) { first, _ in first }
        let moving = pins.filter { released[$0.dependency] != nil }
        if decision.version == nil, !moving.isEmpty, settings.dependencyBump == .patch {
            decision = try NextVersion.decide(
                current: baseline.current, commits: [],
                request: .init(level: .patch, label: settings.pre, options: settings.bump, style: baseline.preStyle),
                existing: existing)
        }
        var files = baseline.files
        var tag: String?
        var planned = pins.map { PlannedPin($0, version: released[$0.dependency]) }
        if let next = decision.version {
            tag = package.tagFormat.tag(component: package.component, version: next.normalized)
            for index in files.indices {
                try files[index].file.check(canExpress: next)
                files[index].new = try files[index].file.updated(files[index].old, to: next)
                let here = moving.filter { $0.file == files[index].ref.displayPath }
                if !here.isEmpty {
                    files[index].new = try movedPins(files[index], here, released, &planned)
                }
            }
        }
        return PackagePlan(component: package.component, directories: package.directories, scheme: baseline.scheme,
                           current: baseline.current, currentSource: baseline.currentSource,
                           previousTag: baseline.highest?.tag, range: baseline.range, decision: decision,
                           tag: tag, files: files, dependencies: planned)
    }

    /// The file's new bytes with its pins on released packages moved; the pins are
    /// found again in the bytes the version edit made.
    private static func movedPins(_ file: PlannedFile, _ edges: [DependencyGraph.Edge], _ released: [String: Version],
                                  _ planned: inout [PlannedPin]) throws -> [UInt8] {
        let bytes = file.new ?? file.old
        guard let ecosystem = DependencyPin.ecosystem(of: file.file.editor) else { return bytes }
        let located: [DependencyPin]
        do {
            located = try DependencyPin.locate(in: bytes, ecosystem, names: Set(edges.map(\.pin.name)))
        } catch let error as VersionFileError {
            throw VersionFileError(path: file.ref.displayPath, reason: error.reason)
        }
        var replacements: [(pin: DependencyPin, requirement: String)] = []
        for pin in located {
            let key = DependencyPin.normalized(pin.name, ecosystem)
            guard let edge = edges.first(where: { DependencyPin.normalized($0.pin.name, ecosystem) == key && $0.pin.field == pin.field }),
                  let version = released[edge.dependency] else { continue }
            let outcome: PinRequirement.Outcome
            do {
                outcome = try PinRequirement.moved(pin.requirement, ecosystem, to: version)
            } catch let error as InputError {
                throw VersionFileError(path: file.ref.displayPath, reason: "line \(pin.line) (\(pin.field), \(pin.name)): \(error.description); widen it by hand, or release \(edge.dependency) at a version it admits")
            }
            guard case .rewritten(let text) = outcome else { continue }
            replacements.append((pin, text))
            if let slot = planned.firstIndex(where: { $0.file == file.ref.displayPath && $0.field == pin.field && $0.updated == pin.requirement
                                                      && DependencyPin.normalized($0.pinnedName, ecosystem) == key }) {
                planned[slot].updated = text
            }
        }
        return DependencyPin.updated(bytes, replacements)
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
