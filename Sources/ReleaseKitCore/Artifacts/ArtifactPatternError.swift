/// A pattern that cannot be compiled. It names the pattern and what is wrong with it,
/// not where the pattern came from: the same text may be an `--expect` flag, an
/// `artifacts` entry in `.releasekit.yml` or a `{sha256:…}` reference in a template, and
/// only the caller knows which, so the caller words the message with `message(origin:)`.
public struct ArtifactPatternError: ReleaseKitError, Equatable {
    public enum Problem: Sendable, Equatable {
        case empty
        case unknownPlaceholder(String)
        /// A known placeholder whose value neither a flag nor the tag gave.
        case unknownValue(String)
        case absolute
        case reversedRange(lower: String, upper: String)
        case unclosedClass
    }

    /// The pattern as written.
    public var pattern: String
    public var problem: Problem
    public var kind: FailureKind { .invalidInput }

    public init(pattern: String, problem: Problem) {
        self.pattern = pattern
        self.problem = problem
    }

    /// Where a pattern came from, as the message names it.
    public struct Origin: Sendable, Equatable {
        /// How the pattern is introduced: `--expect`, or a configuration key.
        public var name: String
        /// What patterns are relative to, as the user knows it (`--dir`).
        public var base: String

        public init(name: String, base: String) {
            self.name = name
            self.base = base
        }

        /// Without a caller's wording: the concept only.
        public static let pattern = Origin(name: "pattern", base: "the artifact directory")
    }

    /// The message for a pattern that came from `origin`.
    public func message(origin: Origin) -> String {
        let subject = "\(origin.name) \(pattern)"
        switch problem {
        case .empty:
            return "\(origin.name) needs a pattern; got an empty value"
        case .unknownPlaceholder(let name):
            return "\(subject): unknown placeholder {\(name)}; expected {version}, {component} or {tag}"
        case .unknownValue(let name):
            return PlaceholderValues.unknownMessage(name, in: subject)
        case .absolute:
            return "\(subject): patterns are relative to \(origin.base); remove the leading /"
        case .reversedRange(let lower, let upper):
            return "\(subject): the range \(lower)-\(upper) in […] is reversed; write the lower character first"
        case .unclosedClass:
            return "\(subject): [ opens a character class that is never closed; add ] or write \\[ for a literal bracket"
        }
    }

    public var description: String { message(origin: .pattern) }
}
