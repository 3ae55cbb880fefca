/// Turns the commits since the last release into a bump level (`--level auto`).
///
/// The rules are the ones semantic-release, git-cliff and release-please share,
/// so a repository moving to ReleaseKit keeps its versions:
/// - a breaking change (`!` or a `BREAKING CHANGE` / `BREAKING-CHANGE` footer),
///   whatever its type, is `major`;
/// - `feat` is `minor`;
/// - `fix`, `perf` and `revert` (either revert spelling) are `patch`;
/// - every other type, and every non-conventional message, is `none`.
///
/// Before 1.0.0 the public API is not stable (SemVer item 4), so `Options`
/// can scale the result down one step, as release-please's
/// `bump-minor-pre-major` / `bump-patch-for-minor-pre-major` and git-cliff's
/// `breaking_always_bump_major` / `features_always_bump_minor` do.
///
/// Merge and release commits are not filtered here: the caller knows parents and
/// leaves them out before calling.
public enum BumpRules {
    /// How the rules behave while the current version is below 1.0.0.
    public struct Options: Sendable, Hashable {
        /// Before 1.0.0 a breaking change bumps minor (`0.3.1` → `0.4.0`) instead
        /// of leaving the 0.x series. Default `true`: releasing 1.0.0 should be a
        /// decision (`--set` or `Release-As`), not a side effect of one `!`.
        public var breakingBumpsMinorBeforeOne: Bool
        /// Before 1.0.0 a feature bumps patch (`0.3.1` → `0.3.2`). Default `false`.
        public var featureBumpsPatchBeforeOne: Bool

        public init(breakingBumpsMinorBeforeOne: Bool = true, featureBumpsPatchBeforeOne: Bool = false) {
            self.breakingBumpsMinorBeforeOne = breakingBumpsMinorBeforeOne
            self.featureBumpsPatchBeforeOne = featureBumpsPatchBeforeOne
        }
    }

    /// What the commits ask for.
    public struct Decision: Sendable, Hashable {
        /// The level to apply, after the pre-1.0 options.
        public let level: BumpLevel
        /// The level the commits asked for, before the pre-1.0 options; lets the
        /// tool explain "breaking change, bumped minor because the version is 0.x".
        public let requestedLevel: BumpLevel
        /// Whether any commit is a breaking change (also before 1.0.0, where the
        /// level may say only `minor`).
        public let hasBreakingChanges: Bool
        /// The value of a `Release-As: X.Y.Z` footer (token in any case), first line
        /// only, from the newest conventional commit that has one (the last such
        /// footer in that message); `nil` when none. Non-conventional messages are
        /// not read for footers, as with release-please. It is returned as text because only the caller knows the
        /// version scheme (SemVer or PEP 440) to validate it with; it overrides
        /// `level` when present.
        public let releaseAs: String?

        public init(level: BumpLevel, requestedLevel: BumpLevel? = nil, hasBreakingChanges: Bool = false, releaseAs: String? = nil) {
            self.level = level
            self.requestedLevel = requestedLevel ?? level
            self.hasBreakingChanges = hasBreakingChanges
            self.releaseAs = releaseAs
        }
    }

    /// The level one commit asks for, before any pre-1.0 adjustment.
    public static func level(of commit: ParsedCommit) -> BumpLevel {
        guard let commit = commit.conventional else { return .none }
        if commit.isBreaking { return .major }
        switch commit.type {
        case "feat": return .minor
        case "fix", "perf", "revert": return .patch
        default: return .none
        }
    }

    /// Decides the release for `commits`, which must be ordered newest first (the
    /// order of `git log`), so that the newest `Release-As` footer wins.
    ///
    /// - Parameter isBeforeOne: whether the current version is below 1.0.0 (the
    ///   caller owns the version model); only then do `options` apply.
    public static func decide(
        _ commits: some Sequence<ParsedCommit>,
        isBeforeOne: Bool,
        options: Options = Options()
    ) -> Decision {
        var requested = BumpLevel.none
        var breaking = false
        var releaseAs: String?
        for commit in commits {
            let level = level(of: commit)
            requested = max(requested, level)
            if level == .major { breaking = true }
            if releaseAs == nil, let conventional = commit.conventional {
                releaseAs = conventional.footers(withToken: "Release-As")
                    .last { $0.separator == .colon }
                    .flatMap(Self.firstLine)
            }
        }
        var level = requested
        if isBeforeOne {
            if level == .major, options.breakingBumpsMinorBeforeOne { level = .minor }
            else if level == .minor, options.featureBumpsPatchBeforeOne { level = .patch }
        }
        return Decision(level: level, requestedLevel: requested, hasBreakingChanges: breaking, releaseAs: releaseAs)
    }

    /// A footer value's first line; values start at a non-blank character and
    /// their lines carry no trailing whitespace, so no trimming is needed.
    private static func firstLine(_ footer: CommitFooter) -> String? {
        let line = footer.value.prefix { $0 != "\n" }
        return line.isEmpty ? nil : String(line)
    }
}
