import Foundation
import Testing
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif
@testable import ReleaseKitCore

/// Checks both parsers against the reference implementations, Python's
/// `packaging` (PEP 440) and `semver` 3.x (SemVer 2.0.0), on a few thousand
/// generated strings: validity, canonical text and order.
///
/// Locally the test is skipped when python3 or the modules are missing; in CI
/// (`CI` set) it runs and fails instead, so the check cannot silently vanish.
@Suite struct VersionsOracleTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = repositoryRoot.appendingPathComponent("Tests/Oracles/versions_oracle.py")
    static let isCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false
    /// Whether python3 with packaging and semver 3.x is here.
    static func oracleAvailable() async -> Bool {
        guard let result = try? await runPython(["-c", "import packaging.version, semver; assert semver.__version__.startswith('3.')"]) else {
            return false
        }
        return result.succeeded
    }

    /// SemVer inputs where the `semver` package departs from the SemVer 2.0.0
    /// spec, which we follow instead. Empty with semver 3.1.1: its pattern is
    /// ASCII-only and anchored with `\Z`, so it matched the spec on the whole
    /// corpus. Add entries here, each with the reason, if a release regresses.
    static let semverSpecDisagreements: [String: String] = [:]

    struct OracleAnswer: Decodable {
        let pep440: [String?]
        let semver: [Bool]
        let pep440_sorted: [Int]
        let pep440_rank: [Int?]
        let semver_sorted: [Int]
        let semver_rank: [Int?]
    }

    @Test(
        "implementation agrees with packaging and semver on a generated corpus",
        .enabled("python3 with packaging and semver 3.x not found; run `pip install packaging semver` to enable the oracle test") {
            isCI ? true : await oracleAvailable()
        }
    )
    func agreesWithReferenceLibraries() async throws {
        guard await Self.oracleAvailable() else {
            Issue.record("CI is set but python3 with packaging and semver 3.x is missing: CI must run `pip install packaging semver`")
            return
        }
        let corpus = CorpusGenerator.corpus()
        #expect(corpus.count > 3_000)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("releasekit-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpusFile = directory.appendingPathComponent("corpus.txt")
        try Data((corpus.joined(separator: "\n") + "\n").utf8).write(to: corpusFile)

        let result = try await Self.runPython([Self.script.path, corpusFile.path])
        try #require(result.succeeded, "oracle failed: \(result.errors)")
        let answer = try JSONDecoder().decode(OracleAnswer.self, from: result.output)
        try #require(answer.pep440.count == corpus.count && answer.semver.count == corpus.count)

        var mismatches: [String] = []
        let pep440 = corpus.map(PEP440Version.parseIfValid)
        let semver = corpus.map(SemanticVersion.parseIfValid)
        for (index, text) in corpus.enumerated() {
            if pep440[index]?.description != answer.pep440[index] {
                mismatches.append("PEP 440 \(String(reflecting: text)): ours \(pep440[index]?.description ?? "invalid"), packaging \(answer.pep440[index] ?? "invalid")")
            }
            if Self.semverSpecDisagreements[text] == nil, (semver[index] != nil) != answer.semver[index] {
                mismatches.append("SemVer \(String(reflecting: text)): ours \(semver[index] != nil ? "valid" : "invalid"), semver \(answer.semver[index] ? "valid" : "invalid")")
            }
        }
        mismatches += Self.rankMismatches("PEP 440", corpus, pep440, answer.pep440_rank) { $0.precedence(comparedTo: $1) }
        mismatches += Self.rankMismatches("SemVer", corpus, semver, answer.semver_rank) { $0.precedence(comparedTo: $1) }

        let validPEP440 = answer.pep440.compactMap { $0 }.count
        let validSemVer = answer.semver.filter { $0 }.count
        #expect(validPEP440 > 1_000 && validSemVer > 500, "corpus too one-sided: \(validPEP440) PEP 440, \(validSemVer) SemVer valid")
        #expect(answer.pep440_sorted.count == validPEP440 && answer.semver_sorted.count == validSemVer)
        let disagreements = mismatches.count
        #expect(disagreements == 0, "first ones:\n\(mismatches.prefix(25).joined(separator: "\n"))")
    }

    /// Dense ranks from our precedence, compared with the oracle's: equal ranks
    /// mean equal precedence, so this checks order and ties at once.
    static func rankMismatches<V>(
        _ name: String, _ corpus: [String], _ parsed: [V?], _ expected: [Int?],
        _ precedence: (V, V) -> Precedence
    ) -> [String] {
        let indices = parsed.indices.filter { parsed[$0] != nil && expected[$0] != nil }
        let sorted = indices.sorted { precedence(parsed[$0]!, parsed[$1]!) == .lower }
        var ours: [Int: Int] = [:]
        var rank = -1
        for (position, index) in sorted.enumerated() {
            if position == 0 || precedence(parsed[sorted[position - 1]]!, parsed[index]!) != .same { rank += 1 }
            ours[index] = rank
        }
        return indices.compactMap { index in
            ours[index] == expected[index] ? nil
                : "\(name) order of \(String(reflecting: corpus[index])): our rank \(ours[index]!), reference rank \(expected[index]!)"
        }
    }

    struct PythonResult: Sendable {
        /// Exited 0.
        let succeeded: Bool
        let output: Data
        let errors: String
    }

    /// Runs python through swift-subprocess, whose pipes are read asynchronously: the
    /// oracle takes seconds and answers with megabytes, and neither blocks a cooperative
    /// thread (they are as few as cores, and other suites' in-process servers need them).
    /// Not Foundation's `Process`, whose launch path crashed the test process in CI.
    static func runPython(_ arguments: [String]) async throws -> PythonResult {
        let limit = 256 * 1024 * 1024
        let result = try await Subprocess.run(
            .name("python3"), arguments: Arguments(arguments),
            workingDirectory: FilePath(repositoryRoot.path),
            input: .none, output: .bytes(limit: limit), error: .bytes(limit: limit))
        return PythonResult(succeeded: result.terminationStatus.isSuccess, output: Data(result.standardOutput),
                            errors: String(decoding: result.standardError, as: UTF8.self))
    }
}

/// A deterministic mix of valid, nearly valid and junk version strings.
enum CorpusGenerator {
    /// SplitMix64: tiny, seedable, the same sequence on every platform.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let numbers = ["0", "1", "2", "3", "9", "10", "11", "01", "00", "007", "42", "100",
                          "2024", "18446744073709551616", "99999999999999999999"]
    static let separators = ["", ".", "-", "_"]
    static let preLabels = ["a", "A", "alpha", "ALPHA", "b", "beta", "Beta", "c", "C", "rc", "RC", "pre", "preview", "Preview"]
    static let postLabels = ["post", "POST", "rev", "r", "R"]
    static let whitespace = ["", "", "", " ", "\t", "  ", "\u{2003}", "\u{A0}", "\u{B}", "\r"]

    static func corpus() -> [String] {
        var random = Random(state: 440_2_0_0)
        var corpus: [String] = fixed
        for _ in 0..<1_800 { corpus.append(pep440Like(&random)) }
        for _ in 0..<1_400 { corpus.append(semverLike(&random)) }
        for _ in 0..<300 { corpus.append(junk(&random)) }
        for _ in 0..<500 { corpus.append(mutate(random.pick(corpus), &random)) }
        return corpus.filter { !$0.contains("\n") }
    }

    static let fixed = [
        "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
        "1.0.0-rc.1", "1.0.0", "1.0.0+build", "1.0", "1.0.0.0", "v1.0", "1!1.0", "1.0-1", "1.0.post1",
        "1.0+ubuntu-1", "1.0+ubuntu.1", "1.0+1", "1.0+01", "1.0+abc", "1.0+ABC", "", " ", "v", "1.2.3-",
        "1.2.3+", "1.2.3--", "1.2.3-0", "1.2.3-00", "1.2.3-0a", "1.2.3-a..b", "١.٢.٣", "1.2.3\u{301}",
    ]

    static func pep440Like(_ random: inout Random) -> String {
        var text = random.pick(whitespace)
        if random.chance(25) { text += random.pick(["v", "V"]) }
        if random.chance(12) { text += random.pick(numbers) + "!" }
        let length = random.pick([1, 2, 2, 3, 3, 3, 4, 5])
        text += (0..<length).map { _ in random.pick(numbers) }.joined(separator: ".")
        if random.chance(45) {
            text += random.pick(separators) + random.pick(preLabels)
            if random.chance(50) { text += random.pick(separators) }
            if random.chance(80) { text += random.pick(numbers) }
        }
        if random.chance(30) {
            if random.chance(30) {
                text += "-" + random.pick(numbers)
            } else {
                text += random.pick(separators) + random.pick(postLabels)
                if random.chance(40) { text += random.pick(separators) }
                if random.chance(70) { text += random.pick(numbers) }
            }
        }
        if random.chance(30) {
            text += random.pick(separators) + random.pick(["dev", "DEV", "Dev"])
            if random.chance(40) { text += random.pick(separators) }
            if random.chance(70) { text += random.pick(numbers) }
        }
        if random.chance(25) {
            let parts = (0..<random.pick([1, 1, 2, 3])).map { _ in
                random.pick(["ubuntu", "1", "01", "abc", "ABC", "cpu", "cu121", "g1a2b3c", "0", "z9", "10"])
            }
            text += "+" + parts.joined(separator: random.pick([".", "-", "_"]))
        }
        return text + random.pick(whitespace)
    }

    static func semverLike(_ random: inout Random) -> String {
        var text = (0..<3).map { _ in random.pick(numbers) }.joined(separator: ".")
        if random.chance(60) {
            let identifiers = ["alpha", "beta", "rc", "0", "1", "2", "10", "11", "01", "x", "X", "-", "--", "a-b",
                               "0a", "00a", "9z", "RC", "Alpha", "zeta", "99999999999999999999", "100000000000000000000", ""]
            text += "-" + (0..<random.pick([1, 1, 2, 2, 3, 4])).map { _ in random.pick(identifiers) }.joined(separator: ".")
        }
        if random.chance(35) {
            let identifiers = ["build", "001", "sha", "5114f85", "exp", "-", "A-Z", "", "b_1"]
            text += "+" + (0..<random.pick([1, 2, 3])).map { _ in random.pick(identifiers) }.joined(separator: ".")
        }
        return text
    }

    static func junk(_ random: inout Random) -> String {
        let alphabet = Array("0123456789..--__++!!vVabcdeflmnoprstuvwxyzABCRDEV é\t")
        return String((0..<random.below(14)).map { _ in random.pick(alphabet) })
    }

    static func mutate(_ text: String, _ random: inout Random) -> String {
        var characters = Array(text)
        let alphabet = Array("0123456789.-_+!vra ")
        switch random.below(3) {
        case 0 where !characters.isEmpty: characters.remove(at: random.below(characters.count))
        case 1: characters.insert(random.pick(alphabet), at: random.below(characters.count + 1))
        default:
            if !characters.isEmpty { characters[random.below(characters.count)] = random.pick(alphabet) }
        }
        return String(characters)
    }
}
