/// How a dependency pin moves when the package it names is released, clause by
/// clause, keeping every other character (spacing, separators, extra clauses):
/// - an exact pin follows: `==X`, `===X`, `=X` and a bare version (npm exact, Cargo
///   caret) become the new version;
/// - a lower bound moves to it: `>=`, `^`, `~`, `~=`, and `>X` becomes `>=NEW`
///   (`>NEW` would exclude the release itself);
/// - an upper bound the new version breaks is widened by the step it was written
///   at: `<0.2` → `<0.3` for 0.2.0, `<2.0.0` → `<3.0.0` for 2.1.0; `<=X` → `<=NEW`;
/// - `!=NEW`, a wildcard (`==0.1.*`, `0.1.x`) the new version falls outside, `||`
///   and hyphen ranges are refused: the edit would change what the pin means.
/// npm's `workspace:`, `file:`, `link:`, tags (`latest`, `*`) and URLs are left alone.
public enum PinRequirement {
    public enum Outcome: Sendable, Equatable {
        case rewritten(String)
        /// Nothing to move, with the reason for the log.
        case leftAlone(String)
    }

    /// `requirement` moved to admit `version` as its lowest version. Throws
    /// `InputError` naming the requirement when it cannot be moved faithfully.
    public static func moved(_ requirement: String, _ ecosystem: DependencyPin.Ecosystem, to version: Version) throws -> Outcome {
        let trimmed = requirement.trimmingCharacters(in: .whitespaces)
        if ecosystem == .npm {
            for prefix in ["workspace:", "file:", "link:", "portal:", "npm:", "git", "http:", "https:", "github:"] where trimmed.hasPrefix(prefix) {
                return .leftAlone("\(quotedInput(requirement)) is a \(prefix) reference, not a version range")
            }
            if trimmed.isEmpty || trimmed == "*" || trimmed.first.map({ $0.isLetter && $0 != "v" }) == true {
                return .leftAlone("\(quotedInput(requirement)) is not a version range")
            }
            if trimmed.contains("||") || trimmed.contains(" - ") {
                throw refusal(requirement, version, "ReleaseKit does not edit || or hyphen ranges; update it by hand")
            }
        }
        let expectedScheme: VersionScheme = ecosystem == .python ? .pep440 : .semver
        guard version.scheme == expectedScheme else {
            throw refusal(requirement, version, "\(ecosystem.rawValue) pins take \(expectedScheme == .semver ? "SemVer" : "PEP 440") versions")
        }
        let new = version.normalized
        var result = ""
        var changed = false
        for part in clauses(requirement) {
            guard case let .clause(op, space, text) = part else {
                if case .separator(let separator) = part { result += separator }
                continue
            }
            let (newOp, newText) = try move(op: op, text, ecosystem, version, new, requirement)
            if newOp != op || newText != text { changed = true }
            result += newOp + space + newText
        }
        return changed ? .rewritten(result) : .leftAlone("\(quotedInput(requirement)) already admits \(new)")
    }

    private static func move(op: String, _ text: String, _ ecosystem: DependencyPin.Ecosystem, _ version: Version,
                             _ new: String, _ requirement: String) throws -> (String, String) {
        let isWildcard = text.contains("*") || (ecosystem != .python && text.split(separator: ".").contains { $0 == "x" || $0 == "X" })
        switch op {
        case "", "==", "===", "=":
            if ecosystem == .python, op.isEmpty { return (op, text) }
            guard isWildcard else { return (op, new) }
            let prefix = text.split(separator: ".").prefix { $0 != "*" && $0 != "x" && $0 != "X" }.joined(separator: ".")
            guard new.hasPrefix(prefix + ".") else {
                throw refusal(requirement, version, "the wildcard \(op)\(text) does not admit it")
            }
            return (op, text)
        case ">=", "^", "~", "~=":
            return (op, new)
        case ">":
            return (">=", new)
        case "<", "<=":
            guard let order = compare(version, text, ecosystem) else {
                throw refusal(requirement, version, "its upper bound \(op)\(text) is not a version")
            }
            if order == .lower || (op == "<=" && order == .same) { return (op, text) }
            return op == "<=" ? (op, new) : (op, widened(text, version))
        case "!=":
            if compare(version, text, ecosystem) == .same {
                throw refusal(requirement, version, "it excludes exactly that version (\(op)\(text))")
            }
            return (op, text)
        default:
            throw refusal(requirement, version, "the operator \(op) is not one ReleaseKit can move")
        }
    }

    /// `version` compared with the bound `text`, in the pin's scheme; a SemVer bound
    /// may leave out minor and patch (`<2`, `<2.1`).
    static func compare(_ version: Version, _ text: String, _ ecosystem: DependencyPin.Ecosystem) -> Precedence? {
        if ecosystem == .python {
            guard let bound = PEP440Version.parseIfValid(text) else { return nil }
            return ReleaseRank.precedence(of: version, comparedTo: .pep440(bound))
        }
        let parts = text.split(separator: "-", maxSplits: 1)
        let numbers = parts.first.map { $0.split(separator: ".", omittingEmptySubsequences: false) } ?? []
        guard (1...3).contains(numbers.count) else { return nil }
        let padded = (numbers.map(String.init) + Array(repeating: "0", count: 3 - numbers.count)).joined(separator: ".")
        guard let bound = SemanticVersion.parseIfValid(padded + (parts.count > 1 ? "-" + parts[1] : "")) else { return nil }
        return ReleaseRank.precedence(of: version, comparedTo: .semver(bound))
    }

    /// The bound raised past `version` at the position of its last non-zero part,
    /// written with as many parts as it had: `0.2` for 0.2.0 → `0.3`.
    static func widened(_ text: String, _ version: Version) -> String {
        let count = max(1, text.split(separator: "-").first?.split(separator: ".").count ?? 1)
        let bound = (text.split(separator: "-").first ?? "").split(separator: ".").map { VersionNumber(digits: $0) ?? .zero }
        let position = bound.lastIndex { !$0.isZero } ?? count - 1
        let release: [VersionNumber]
        switch version {
        case .semver(let semver): release = [semver.major, semver.minor, semver.patch]
        case .pep440(let pep440): release = pep440.releaseParts(max(count, pep440.release.count))
        }
        var parts = Array((release + Array(repeating: VersionNumber.zero, count: max(0, count - release.count))).prefix(count))
        parts[position] = parts[position].incremented()
        for later in (position + 1)..<count { parts[later] = .zero }
        return parts.map(\.description).joined(separator: ".")
    }

    enum Part: Equatable {
        case separator(String)
        case clause(op: String, space: String, version: String)
    }

    /// The requirement as separators (`,`, spaces) and `operator version` clauses.
    static func clauses(_ text: String) -> [Part] {
        var parts: [Part] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let separator = rest.prefix { $0 == "," || $0 == " " || $0 == "\t" }
            if !separator.isEmpty { parts.append(.separator(String(separator))); rest = rest.dropFirst(separator.count); continue }
            let op = rest.prefix { "<>=!~^".contains($0) }
            rest = rest.dropFirst(op.count)
            let space = rest.prefix { $0 == " " }
            rest = rest.dropFirst(space.count)
            let version = rest.prefix { $0 != "," && $0 != " " && $0 != "\t" }
            rest = rest.dropFirst(version.count)
            parts.append(.clause(op: String(op), space: String(space), version: String(version)))
        }
        return parts
    }

    private static func refusal(_ requirement: String, _ version: Version, _ reason: String) -> InputError {
        InputError("cannot move the pin \(quotedInput(requirement)) to \(version.normalized): \(reason)")
    }
}
