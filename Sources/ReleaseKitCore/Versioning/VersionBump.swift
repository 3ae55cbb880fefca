/// Which part of a version a bump raises: what `bump-version --level` names. Not
/// to be confused with `BumpLevel`, the level the commits call for (none/patch/
/// minor/major), which is one input to choosing this.
public enum BumpOperation: String, Sendable, Hashable, CaseIterable {
    case major
    case minor
    case patch
    /// Raise the prerelease counter of the pending release.
    case prerelease
    /// Turn a prerelease into the release it leads to.
    case final
}

/// The prerelease phases a bump can start or continue.
///
/// SemVer writes them `alpha.1`, `beta.1`, `rc.1`, `dev.1`; note that SemVer
/// orders labels as text, so there `dev` sorts between `beta` and `rc`.
/// PEP 440 writes `a1`, `b1`, `rc1` and `.dev1`, with dev releases first.
public enum PrereleaseLabel: String, Sendable, Hashable, CaseIterable {
    case alpha
    case beta
    case rc
    case dev
}

/// How a SemVer prerelease writes its counter: `dotted` (`1.3.0-rc.1`, SemVer's
/// own advice, the default) or `compact` (`1.3.0-rc1`, seed 002's tags). PEP 440
/// has one spelling (`1.3.0rc1`) and ignores this.
public enum PrereleaseStyle: String, Sendable, Hashable, CaseIterable {
    case dotted
    case compact

    /// The style `version`'s prerelease is written in: `compact` when its first
    /// identifier is a label with its counter (`rc1`), `dotted` for `label.N`;
    /// nil for a final release, PEP 440, or a prerelease of neither shape.
    public init?(of version: Version) {
        guard case .semver(let semver) = version, let first = semver.prerelease.first else { return nil }
        if Self.compactCounter(first) != nil {
            self = .compact
        } else if case .alphanumeric = first, semver.prerelease.count > 1, case .numeric = semver.prerelease[1] {
            self = .dotted
        } else {
            return nil
        }
    }

    /// `rc12` → (`rc`, 12): ASCII letters, then digits without a leading zero.
    static func compactCounter(_ identifier: SemanticVersion.PrereleaseIdentifier) -> (label: String, number: VersionNumber)? {
        guard case .alphanumeric(let text) = identifier else { return nil }
        let label = text.prefix { $0.isASCII && $0.isLetter }
        let digits = text.dropFirst(label.count)
        guard !label.isEmpty, !digits.isEmpty, digits.first != "0" || digits.count == 1,
              let number = VersionNumber(digits: digits) else { return nil }
        return (String(label), number)
    }

    /// The first prerelease of `label` in this style: `rc.1` or `rc1`.
    func start(_ label: String) -> [SemanticVersion.PrereleaseIdentifier] {
        switch self {
        case .dotted: [.alphanumeric(label), .numeric(1)]
        case .compact: [.alphanumeric(label + "1")]
        }
    }
}

/// Computes the next version for a release, so that bump-version and the
/// changelog agree on what "the next minor" means.
///
/// The rules follow from one idea: a prerelease is a promise of a specific
/// release (`1.3.0-rc.1` promises `1.3.0`), and a bump either keeps working
/// towards that promise or makes a new one.
/// - The pending release *covers* a level when it already raises that level:
///   `1.3.0` covers minor and patch, `2.0.0` covers all three, `1.3.1` only
///   patch. Bumping a covered level keeps the pending release:
///   `1.3.0-rc.1` + minor + `rc` → `1.3.0-rc.2`, and without a label it
///   finalises: `1.3.0-rc.2` + patch → `1.3.0`. An uncovered level (a breaking
///   change during a minor's rc) starts from the pending release's numbers:
///   `1.3.0-rc.1` + major + `rc` → `2.0.0-rc.1`.
/// - From a final release, a level bump with a label starts `label.1`
///   (`1.2.0` + minor + `rc` → `1.3.0-rc.1` / `1.3.0rc1`).
/// - Within a pending release the same label counts up and a later label
///   restarts at 1 (`1.3.0-beta.3` + `rc` → `1.3.0-rc.1`). A label that would
///   sort below the current prerelease is refused: moving from rc back to beta
///   would publish a version that sorts before one already released.
/// - `prerelease` without a label counts up the current prerelease; on a final
///   release it needs a label and then starts that label on the next patch.
/// - `final` drops the prerelease (and, for PEP 440, the dev segment).
/// - Build metadata and PEP 440 local labels never carry over: they describe
///   a particular build, not the next release.
///
/// SemVer prereleases that are not `label.N`: counting up increments the last
/// identifier when it is numeric and otherwise appends `.1` (`alpha.beta` →
/// `alpha.beta.1`, `0` → `1`), which always raises precedence; a label equal
/// to the first identifier counts up the same way, any other label restarts
/// at `label.1`. Every result is checked to sort strictly above its input, in
/// ReleaseKit's order (`ReleaseRank`).
///
/// Compact prereleases (`style`, SemVer only): a new prerelease starts `rc1`
/// instead of `rc.1`. A pending prerelease keeps the shape it has whatever the
/// style, because switching would sort below it (`rc.2` < `rc1`): `1.3.0-rc1` +
/// `rc` (or `prerelease`) → `1.3.0-rc2`, and `rc9` → `rc10`.
public struct VersionBump: Sendable, Hashable {
    public var level: BumpOperation
    public var label: PrereleaseLabel?
    public var style: PrereleaseStyle

    public init(_ level: BumpOperation, label: PrereleaseLabel? = nil, style: PrereleaseStyle = .dotted) {
        self.level = level
        self.label = label
        self.style = style
    }

    /// Throws `InputError` when the bump makes no sense for `version`.
    public func apply(to version: Version) throws -> Version {
        switch version {
        case .semver(let semver): .semver(try apply(to: semver))
        case .pep440(let pep440): .pep440(try apply(to: pep440))
        }
    }

    // MARK: - SemVer

    public func apply(to version: SemanticVersion) throws -> SemanticVersion {
        let result: SemanticVersion
        switch level {
        case .final:
            try checkFinal(version.description, isPrerelease: version.isPrerelease)
            result = version.finalRelease
        case .prerelease:
            if version.isPrerelease {
                result = try continued(version, label: label)
            } else {
                let label = try labelToStart(version.description)
                result = try semver(Self.raised([version.major, version.minor, version.patch], at: 2), label: label)
            }
        case .major, .minor, .patch:
            let index = Self.index(of: level)
            let numbers = [version.major, version.minor, version.patch]
            if version.isPrerelease, Self.covers(numbers, index) {
                result = try label.map { try continued(version, label: $0) } ?? version.finalRelease
            } else {
                result = try semver(Self.raised(numbers, at: index), label: label)
            }
        }
        try checkRaised(from: version.description, to: result.description,
                        Self.rank(.semver(result), .semver(version)))
        return result
    }

    private func continued(_ version: SemanticVersion, label: PrereleaseLabel?) throws -> SemanticVersion {
        let current = version.prerelease
        let compact = current.first.flatMap(PrereleaseStyle.compactCounter)
        let next: [SemanticVersion.PrereleaseIdentifier]
        if let compact, label == nil || label?.rawValue == compact.label {
            // rc1 → rc2, rc9 → rc10 (whatever follows the counter is dropped).
            next = [.alphanumeric(compact.label + compact.number.incremented().description)]
        } else if let label, current.first != .alphanumeric(label.rawValue) {
            next = style.start(label.rawValue)
        } else if case .numeric(let number)? = current.last {
            next = current.dropLast() + [.numeric(number.incremented())]
        } else {
            next = current + [.numeric(1)]
        }
        let result = try SemanticVersion(major: version.major, minor: version.minor, patch: version.patch, prerelease: next)
        if let label, Self.rank(.semver(result), .semver(version)) != .higher {
            throw backwards(version.description, label: label, result: result.description)
        }
        return result
    }

    private func semver(_ numbers: [VersionNumber], label: PrereleaseLabel?) throws -> SemanticVersion {
        try SemanticVersion(
            major: numbers[0], minor: numbers[1], patch: numbers[2],
            prerelease: label.map { style.start($0.rawValue) } ?? []
        )
    }

    // MARK: - PEP 440

    public func apply(to version: PEP440Version) throws -> PEP440Version {
        let result: PEP440Version
        switch level {
        case .final:
            try checkFinal(version.description, isPrerelease: version.isPrerelease)
            // A dev release of a post-release leads to that post-release.
            let keepsPost = version.pre == nil ? version.post : nil
            result = try PEP440Version(epoch: version.epoch, release: version.release, post: keepsPost)
        case .prerelease:
            if version.isPrerelease {
                result = try continued(version, label: label)
            } else {
                let label = try labelToStart(version.description)
                result = try Self.pep440(version.epoch, Self.raised(version.release, at: 2), label: label)
            }
        case .major, .minor, .patch:
            let index = Self.index(of: level)
            // Only a pre or dev-only release promises its release segment; a dev
            // release of a post-release comes after that release was published.
            let promisesRelease = version.pre != nil || (version.dev != nil && version.post == nil)
            if promisesRelease, Self.covers(version.release, index) {
                result = try label.map { try continued(version, label: $0) } ?? version.baseVersion
            } else {
                result = try Self.pep440(version.epoch, Self.raised(version.release, at: index), label: label)
            }
        }
        try checkRaised(from: version.description, to: result.description,
                        Self.rank(.pep440(result), .pep440(version)))
        return result
    }

    private func continued(_ version: PEP440Version, label: PrereleaseLabel?) throws -> PEP440Version {
        let epoch = version.epoch, release = version.release
        let result: PEP440Version
        if let label, let target = Self.pep440Label(label) {
            if let pre = version.pre, pre.label == target {
                // A dev release of this prerelease leads to it; otherwise count up.
                let number = version.dev != nil && version.post == nil ? pre.number : pre.number.incremented()
                result = try PEP440Version(epoch: epoch, release: release, pre: .init(target, number))
            } else {
                result = try PEP440Version(epoch: epoch, release: release, pre: .init(target, 1))
            }
        } else if let dev = version.dev {
            result = try PEP440Version(epoch: epoch, release: release, pre: version.pre,
                                       post: version.post, dev: dev.incremented())
        } else if let pre = version.pre {
            // No dev segment: count up the prerelease, or with the dev label start
            // the first dev release of the next one (rc1 → rc2.dev1).
            result = try PEP440Version(epoch: epoch, release: release,
                                       pre: .init(pre.label, pre.number.incremented()),
                                       dev: label == .dev ? 1 : nil)
        } else {
            result = try PEP440Version(epoch: epoch, release: release, dev: 1)
        }
        if let label, Self.rank(.pep440(result), .pep440(version)) != .higher {
            throw backwards(version.description, label: label, result: result.description)
        }
        return result
    }

    private static func pep440(_ epoch: VersionNumber, _ release: [VersionNumber], label: PrereleaseLabel?) throws -> PEP440Version {
        guard let label else { return try PEP440Version(epoch: epoch, release: release) }
        guard let phase = pep440Label(label) else { return try PEP440Version(epoch: epoch, release: release, dev: 1) }
        return try PEP440Version(epoch: epoch, release: release, pre: .init(phase, 1))
    }

    private static func pep440Label(_ label: PrereleaseLabel) -> PEP440Version.PreReleaseLabel? {
        switch label {
        case .alpha: .alpha
        case .beta: .beta
        case .rc: .releaseCandidate
        case .dev: nil
        }
    }

    // MARK: - Shared rules

    /// The one order of releases (never backwards is judged in it).
    private static func rank(_ result: Version, _ version: Version) -> Precedence {
        ReleaseRank.precedence(of: result, comparedTo: version) ?? .same
    }

    private static func index(of level: BumpOperation) -> Int {
        switch level {
        case .major: 0
        case .minor: 1
        default: 2
        }
    }

    /// Whether a pending release with these numbers already raises `index`:
    /// every number after it is zero.
    private static func covers(_ numbers: [VersionNumber], _ index: Int) -> Bool {
        numbers.dropFirst(index + 1).allSatisfy(\.isZero)
    }

    /// Raises the number at `index`, zeroes the rest, and pads with zeros when
    /// the release is shorter (`1.2` + patch → `1.2.1`) while keeping any extra
    /// parts a longer release had (`1.2.3.4` + patch → `1.2.4.0`).
    private static func raised(_ numbers: [VersionNumber], at index: Int) -> [VersionNumber] {
        var result = numbers + Array(repeating: .zero, count: max(0, index + 1 - numbers.count))
        result[index] = result[index].incremented()
        for later in (index + 1)..<result.count { result[later] = .zero }
        return result
    }

    private func checkFinal(_ version: String, isPrerelease: Bool) throws {
        if let label {
            throw InputError("bump level final takes no prerelease label, got \(label.rawValue): expected final alone, or a level of major, minor, patch or prerelease with the label")
        }
        guard isPrerelease else {
            throw InputError("\(version) is already a final release, so bump level final has nothing to finalise: expected a prerelease such as 1.3.0-rc.1 or 1.3.0rc1")
        }
    }

    private func labelToStart(_ version: String) throws -> PrereleaseLabel {
        guard let label else {
            throw InputError("\(version) is not a prerelease, so bump level prerelease has no counter to raise: expected a label (alpha, beta, rc or dev) to start one on the next patch, or a major, minor or patch bump")
        }
        return label
    }

    private func backwards(_ version: String, label: PrereleaseLabel, result: String) -> InputError {
        InputError("cannot move \(version) to a \(label.rawValue) prerelease: \(result) would sort below \(version); expected a label at or after the current one (alpha, beta, rc), or a higher level to start a new release")
    }

    private func checkRaised(from version: String, to result: String, _ precedence: Precedence) throws {
        guard precedence == .higher else {
            throw InputError("bumping \(version) by \(level.rawValue)\(label.map { " with label \($0.rawValue)" } ?? "") gives \(result), which does not sort above \(version): expected a bump that raises the version")
        }
    }
}
