/// What `--level` asks for: the commits decide (`auto`), or an explicit bump.
public enum LevelChoice: String, Sendable, Hashable, CaseIterable {
    case auto, major, minor, patch, prerelease, final

    public var operation: BumpOperation? { BumpOperation(rawValue: rawValue) }
}

/// Decides a package's next version from its current version, the commits since
/// its last release and what the user asked for. Pure: the caller reads git.
public enum NextVersion {
    public struct Request: Sendable, Hashable {
        public var level: LevelChoice
        public var label: PrereleaseLabel?
        /// An explicit version (`--set`), already parsed under the package's scheme.
        public var explicit: Version?
        public var options: BumpRules.Options
        /// How a new SemVer prerelease writes its counter.
        public var style: PrereleaseStyle

        public init(level: LevelChoice = .auto, label: PrereleaseLabel? = nil, explicit: Version? = nil,
                    options: BumpRules.Options = .init(), style: PrereleaseStyle = .dotted) {
            self.level = level
            self.label = label
            self.explicit = explicit
            self.options = options
            self.style = style
        }
    }

    public struct Decision: Sendable, Hashable {
        /// The `level` output: `none`/`patch`/`minor`/`major` from commits, the
        /// operation for an explicit level, `set` for `--set`, `release-as` for a footer.
        public let level: String
        /// `nil` when nothing is releasable.
        public let version: Version?
        public let hasBreakingChanges: Bool

        public init(level: String, version: Version?, hasBreakingChanges: Bool = false) {
            self.level = level
            self.version = version
            self.hasBreakingChanges = hasBreakingChanges
        }
    }

    /// - Parameters:
    ///   - commits: newest first, merges and release commits already left out.
    ///   - existing: every released version of the component (its tags).
    /// - Throws: `InputError` for a bump that makes no sense for `current` or a
    ///   `Release-As` value that is not a version; `OperationError` when the result
    ///   is not above every existing release (versions never go backwards).
    public static func decide(current: Version, commits: [ParsedCommit], request: Request,
                              existing: [(tag: String, version: Version)] = []) throws -> Decision {
        let decision: Decision
        if let explicit = request.explicit {
            decision = Decision(level: "set", version: explicit)
        } else if let operation = request.level.operation {
            decision = Decision(level: operation.rawValue,
                                version: try VersionBump(operation, label: request.label, style: request.style).apply(to: current))
        } else {
            let isBeforeOne = current.major.isZero
            let rules = BumpRules.decide(commits, isBeforeOne: isBeforeOne, options: request.options)
            if let releaseAs = rules.releaseAs {
                let scheme = VersionSchemeChoice(current.scheme)
                guard let version = Version.parseIfValid(String(VersionText.strippingV(releaseAs)), scheme: scheme) else {
                    throw InputError("the Release-As footer \(quotedInput(releaseAs)) is not a \(current.scheme == .semver ? "SemVer" : "PEP 440") version: expected e.g. Release-As: 2.0.0")
                }
                decision = Decision(level: "release-as", version: version, hasBreakingChanges: rules.hasBreakingChanges)
            } else if let operation = BumpOperation(rawValue: rules.level.rawValue) {
                decision = Decision(level: rules.level.rawValue,
                                    version: try VersionBump(operation, label: request.label, style: request.style).apply(to: current),
                                    hasBreakingChanges: rules.hasBreakingChanges)
            } else {
                return Decision(level: BumpLevel.none.rawValue, version: nil)
            }
        }
        if let version = decision.version {
            for release in existing {
                guard let order = ReleaseRank.precedence(of: version, comparedTo: release.version), order != .higher else { continue }
                throw OperationError("the next version \(version.normalized) is not above the existing release \(release.tag) (\(release.version.normalized)): versions never go backwards; use --set with a higher version, or --current to start from \(release.version.normalized)")
            }
        }
        return decision
    }
}
