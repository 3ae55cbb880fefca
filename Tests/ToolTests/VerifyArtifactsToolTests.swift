import Foundation
import Testing
@testable import ReleaseKitRuntime
import ReleaseKitTestSupport

/// verify-artifacts run as a release step runs it: the real binary on a real directory,
/// checked against the real coreutils, ruby and the winget schema.
@Suite struct VerifyArtifactsToolTests {
    let scratch = ScratchDirectory()
    let tool = BuiltTool(name: "verify-artifacts")
    static let isCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false

    init() async throws {
        // The seed's release set: installers, archives and the files the manifests describe.
        try await shell("""
        mkdir -p dist src/inferflux && printf 'binary\\n' > src/inferflux/inferflux && \
        tar -C src -czf dist/inferflux-1.2.3-Linux.tar.gz inferflux && tar -C src -czf dist/inferflux-1.2.3-Darwin.tar.gz inferflux && \
        head -c 200000 /dev/urandom > dist/inferflux-1.2.3-Linux.deb.bin && head -c 1000 /dev/urandom > dist/inferflux-1.2.3-win64.msi
        """)
    }

    @discardableResult
    func shell(_ command: String) async throws -> String {
        let result = try await Shell.run(command, in: scratch.root)
        try #require(result.status == 0, "\(command): \(result.output)")
        return result.output
    }

    func exitStatus(_ command: String) async throws -> Int32 {
        try await Shell.run(command, in: scratch.root).status
    }

    func outputs(_ run: BuiltTool.Run) throws -> [String: String] {
        try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: String], "stdout: \(run.stdout) stderr: \(run.stderr)")
    }

    static func has(_ tool: String) -> Bool { Shell.isAvailable(tool) }

    // MARK: selection

    @Test func everyOutputInGitHubOutputAndTheSummary() async throws {
        let environment = ["GITHUB_ACTIONS": "true", "GITHUB_REF": "refs/tags/v1.2.3",
                           "GITHUB_OUTPUT": scratch.path("output"), "GITHUB_STEP_SUMMARY": scratch.path("summary")]
        let run = try await tool.run(["--expect", "inferflux-{version}-*.tar.gz", "--expect", "*.msi"], environment: environment, in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = try GitHubOutputFileParser.parse(scratch.read("output"))
        #expect(outputs.map(\.name) == ["ok", "count", "total-bytes", "artifacts", "checksums-file", "missing",
                                        "unexpected", "mismatched", "corrupt", "rendered", "immutable"])
        let values = Dictionary(uniqueKeysWithValues: outputs.map { ($0.name, $0.value) })
        #expect(values["ok"] == "true")
        #expect(values["count"] == "3")
        let artifacts = try #require(JSONSerialization.jsonObject(with: Data(values["artifacts"]!.utf8)) as? [[String: Any]])
        #expect(artifacts.map { $0["name"] as? String } == ["inferflux-1.2.3-Darwin.tar.gz", "inferflux-1.2.3-Linux.tar.gz", "inferflux-1.2.3-win64.msi"])
        let sum = try await shell("sha256sum dist/inferflux-1.2.3-win64.msi").prefix(64)
        #expect(artifacts[2]["sha256"] as? String == String(sum))
        #expect(artifacts[2]["size"] as? Int == 1000)
        #expect(values["total-bytes"] == String(artifacts.reduce(0) { $0 + ($1["size"] as? Int ?? 0) }))
        let summary = scratch.read("summary")
        #expect(summary.contains("| Name | Size | SHA256 | Status |"))
        #expect(summary.contains("| inferflux-1.2.3-win64.msi | 1000 | \(sum) | ok |"))
    }

    @Test func patternsFromTheConfigurationWhenNoExpectIsGiven() async throws {
        try Data("""
        artifacts:
          - "inferflux-{version}-*.tar.gz"
        packages:
          - name: inferflux-win
            artifacts: ["*.msi", "missing-{version}.zip"]
        """.utf8).write(to: URL(fileURLWithPath: scratch.path(".releasekit.yml")))
        let topLevel = try outputs(try await tool.run(["--json", "--version", "1.2.3"], in: scratch.root))
        #expect(topLevel["ok"] == "true")
        #expect(topLevel["count"] == "2")
        let package = try await tool.run(["--json", "--version", "1.2.3", "--component", "inferflux-win"], in: scratch.root)
        #expect(package.status == 1)
        #expect(try outputs(package)["missing"] == "missing-1.2.3.zip")
        #expect(try outputs(package)["count"] == "1")
        let flags = try outputs(try await tool.run(["--json", "--version", "1.2.3", "--expect", "*.msi"], in: scratch.root))
        #expect(flags["count"] == "1", "--expect wins over the file")

        try Data("artifacts: app.tar.gz\n".utf8).write(to: URL(fileURLWithPath: scratch.path(".releasekit.yml")))
        let bad = try await tool.run(["--version", "1.2.3"], in: scratch.root)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("artifacts"))
    }

    /// A bad pattern names where it was written: the configuration key, or `--expect`.
    @Test func badPatternsNameTheirSource() async throws {
        try Data("packages:\n  - name: app\n    artifacts: [\"ok.zip\", \"app-[.zip\"]\n".utf8)
            .write(to: URL(fileURLWithPath: scratch.path(".releasekit.yml")))
        let config = try await tool.run(["--version", "1.2.3", "--component", "app"], in: scratch.root)
        #expect(config.status == 2)
        #expect(config.stderr.contains("packages[0].artifacts[1] in .releasekit.yml app-[.zip: [ opens a character class that is never closed"))
        #expect(!config.stderr.contains("--expect"))
        let flag = try await tool.run(["--version", "1.2.3", "--expect", "/abs/*.zip"], in: scratch.root)
        #expect(flag.status == 2)
        #expect(flag.stderr.contains("--expect /abs/*.zip: patterns are relative to --dir; remove the leading /"))
    }

    @Test func missingPatternsAndStrictUnexpected() async throws {
        let lenient = try await tool.run(["--json", "--version", "1.2.3", "--expect", "inferflux-{version}-*.tar.gz",
                                    "--expect", "inferflux-{version}-*.dmg"], in: scratch.root)
        #expect(lenient.status == 1)
        let outputs = try outputs(lenient)
        #expect(outputs["ok"] == "false")
        #expect(outputs["missing"] == "inferflux-1.2.3-*.dmg")
        #expect(outputs["unexpected"] == "")
        #expect(lenient.stderr.contains("no file matches --expect inferflux-1.2.3-*.dmg"))

        let strict = try await tool.run(["--json", "--strict", "--tag", "v1.2.3", "--expect", "inferflux-{version}-*.tar.gz"], in: scratch.root)
        #expect(strict.status == 1)
        let strictOutputs = try self.outputs(strict)
        #expect(strictOutputs["missing"] == "")
        #expect(strictOutputs["unexpected"] == "inferflux-1.2.3-Linux.deb.bin\ninferflux-1.2.3-win64.msi")
        #expect(strict.stderr.components(separatedBy: "error:").count - 1 == 2)

        let all = try await tool.run(["--json", "--strict", "--expect", "**"], in: scratch.root)
        #expect(all.status == 0, "\(all.stderr)")
    }

    @Test func noTagAnywhereIsExitTwoOnlyWhenAPlaceholderNeedsIt() async throws {
        let needsTag = try await tool.run(["--expect", "x-{version}.zip"], in: scratch.root)
        #expect(needsTag.status == 2)
        #expect(needsTag.stderr.contains("no tag to work on"))
        let noNeed = try await tool.run(["--expect", "*.msi"], in: scratch.root)
        #expect(noNeed.status == 0, "\(noNeed.stderr)")
    }

    @Test func directoryProblems() async throws {
        try await shell("mkdir -p outside && echo secret > outside/s && ln -s ../outside/s dist/escape.tar.gz && : > dist/empty.zip && mkfifo dist/pipe.msi && mkdir dist/app.dmg")
        let run = try await tool.run(["--json"], in: scratch.root)
        #expect(run.status == 1)
        let outputs = try outputs(run)
        #expect(outputs["corrupt"] == "empty.zip\nescape.tar.gz\npipe.msi")
        #expect(run.stderr.contains("escape.tar.gz is a symlink to ../outside/s, outside the artifact directory"))
        #expect(!run.stdout.contains("secret"))
        let dmg = try await tool.run(["--json", "--expect", "*.dmg"], in: scratch.root)
        #expect(try self.outputs(dmg)["missing"] == "*.dmg")
        #expect(dmg.stderr.contains("matches only directories (app.dmg)"))
        let missingDir = try await tool.run(["--dir", "nope"], in: scratch.root)
        #expect(missingDir.status == 2)
    }

    // MARK: checksums

    @Test(.enabled(if: has("sha256sum"), "coreutils sha256sum not found"))
    func writtenChecksumsPassSha256sumAndReadBack() async throws {
        let write = try await tool.run(["--json", "--write-checksums", "dist/SHA256SUMS"], in: scratch.root)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(try outputs(write)["checksums-file"] == "dist/SHA256SUMS")
        let text = scratch.read("dist/SHA256SUMS")
        #expect(text.split(separator: "\n").map { String($0.dropFirst(66)) } == [
            "inferflux-1.2.3-Darwin.tar.gz", "inferflux-1.2.3-Linux.deb.bin", "inferflux-1.2.3-Linux.tar.gz", "inferflux-1.2.3-win64.msi"])
        await #expect(try shell("cd dist && sha256sum -c --strict SHA256SUMS").contains("inferflux-1.2.3-win64.msi: OK"))
        // The file we wrote is not itself an artifact on the next run.
        let verify = try await tool.run(["--json", "--strict", "--checksums", "dist/SHA256SUMS"], in: scratch.root)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(try outputs(verify)["count"] == "4")
    }

    @Test(arguments: [("sha256sum", ""), ("sha256sum", "-b"), ("sha256sum", "--tag"), ("sha512sum", ""), ("sha512sum", "--tag")])
    func readsWhatCoreutilsWrites(program: String, flag: String) async throws {
        try #require(await Self.has(program), "coreutils \(program) not found")
        try await shell("cd dist && \(program) \(flag) * > ../SUMS")
        let run = try await tool.run(["--json", "--checksums", "SUMS"], in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = try outputs(run)
        #expect(outputs["mismatched"] == "")
        #expect(outputs["artifacts"]?.contains(program == "sha512sum" ? "\"sha512\"" : "\"sha256\"") == true)
    }

    @Test func mismatchMissingAndUnlisted() async throws {
        try await shell("cd dist && sha256sum * > ../SUMS && sha256sum inferflux-1.2.3-win64.msi | sed 's/msi$/gone.msi/' >> ../SUMS")
        try await shell("printf 'x' >> dist/inferflux-1.2.3-win64.msi && echo new > dist/new.txt")
        let run = try await tool.run(["--json", "--checksums", "SUMS"], in: scratch.root)
        #expect(run.status == 1)
        let outputs = try outputs(run)
        #expect(outputs["mismatched"] == "inferflux-1.2.3-win64.msi")
        #expect(outputs["missing"] == "inferflux-1.2.3-win64.gone.msi")
        #expect(outputs["unexpected"] == "")
        #expect(run.stderr.contains("warning: new.txt is not listed in SUMS"))
        #expect(run.stderr.contains("error: SUMS:4:"), "\(run.stderr)")
        let strict = try await tool.run(["--json", "--strict", "--checksums", "SUMS"], in: scratch.root)
        #expect(try self.outputs(strict)["unexpected"] == "new.txt")
    }

    @Test func malformedChecksumLinesAreExitTwoWithLineNumbers() async throws {
        try await shell("cd dist && sha256sum * > ../SUMS && echo 'garbage here' >> ../SUMS && echo 'SHA1 (x) = 00' >> ../SUMS")
        let run = try await tool.run(["--checksums", "SUMS"], environment: ["GITHUB_ACTIONS": "true"], in: scratch.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("::error file=SUMS,line=5,"))
        #expect(run.stderr.contains("::error file=SUMS,line=6,"))
        #expect(run.stderr.contains("2 malformed lines (5, 6)"))
    }

    @Test func namesAreUntrustedText() async throws {
        try await shell("printf 'x' > 'dist/::warning::forged%0A.txt'")
        let run = try await tool.run(["--strict", "--expect", "*.msi"], environment: ["GITHUB_ACTIONS": "true"], in: scratch.root)
        #expect(run.status == 1)
        #expect(!run.stderr.split(separator: "\n").contains { $0.hasPrefix("::warning::forged") })
    }

    // MARK: archives

    @Test func archivesAreCheckedOnRequest() async throws {
        try await shell("cp dist/inferflux-1.2.3-Linux.tar.gz good.tgz && head -c 60 good.tgz > dist/inferflux-1.2.3-Linux.tar.gz")
        let unchecked = try await tool.run(["--json"], in: scratch.root)
        #expect(unchecked.status == 0)
        let checked = try await tool.run(["--json", "--check-archives"], in: scratch.root)
        #expect(checked.status == 1)
        #expect(try outputs(checked)["corrupt"] == "inferflux-1.2.3-Linux.tar.gz")
        #expect(checked.stderr.contains("inferflux-1.2.3-Linux.tar.gz: truncated"))
    }

    // MARK: rendering

    func renderSeedManifests(_ extra: [String] = []) async throws -> BuiltTool.Run {
        let templates = BuiltTool.fixtures.appendingPathComponent("templates").path
        return try await tool.run(["--json", "--tag", "v1.2.3",
                             "--expect", "inferflux-{version}-*.tar.gz", "--expect", "inferflux-{version}-win64.msi",
                             "--render", "\(templates)/inferflux.rb.in=dist/homebrew/inferflux.rb",
                             "--render", "\(templates)/inferencial.inferflux.yaml.in=dist/winget/inferencial.inferflux.yaml"] + extra,
                            environment: ["GITHUB_REPOSITORY": "inferencial/inferflux", "GITHUB_SERVER_URL": "https://github.com"],
                            in: scratch.root)
    }

    @Test func rendersAHomebrewFormulaRubyAccepts() async throws {
        let run = try await renderSeedManifests()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try outputs(run)["rendered"] == "dist/homebrew/inferflux.rb\ndist/winget/inferencial.inferflux.yaml")
        let formula = scratch.read("dist/homebrew/inferflux.rb")
        let linux = try await shell("sha256sum dist/inferflux-1.2.3-Linux.tar.gz").prefix(64)
        #expect(formula.contains("url \"https://github.com/inferencial/inferflux/releases/download/v1.2.3/inferflux-1.2.3-Linux.tar.gz\""))
        #expect(formula.contains("sha256 \"\(linux)\""))
        #expect(formula.contains("version \"1.2.3\""))
        #expect(formula.contains("\"#{version}\""), "Ruby interpolation must stay as written")
        guard Self.has("ruby") else {
            if Self.isCI { Issue.record("CI is set but ruby is missing: .ci/run must apt-get install ruby") }
            return
        }
        let check = try await shell("ruby -c dist/homebrew/inferflux.rb")
        #expect(check.contains("Syntax OK"))
        // A second run sees the rendered files as outputs, not as unexpected artifacts.
        let again = try await renderSeedManifests(["--strict", "--expect", "*.deb.bin"])
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func rendersAWingetManifestTheOfficialSchemaAccepts() async throws {
        let run = try await renderSeedManifests()
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = scratch.read("dist/winget/inferencial.inferflux.yaml")
        #expect(manifest.contains("InstallerUrl: https://github.com/inferencial/inferflux/releases/download/v1.2.3/inferflux-1.2.3-win64.msi"))
        let validator = BuiltTool.packageRoot.appendingPathComponent("Tests/Oracles/validate_winget.py").path
        let schema = BuiltTool.fixtures.appendingPathComponent("winget/manifest.singleton.1.10.0.json").path
        let available = (try? await shell("python3 -c 'import jsonschema, yaml'")) != nil
        guard available else {
            if Self.isCI { Issue.record("CI is set but python3 with jsonschema and PyYAML is missing (Tests/requirements.txt)") }
            return
        }
        _ = try await shell("python3 \(validator) \(schema) dist/winget/inferencial.inferflux.yaml")
        // The validator does reject a manifest the schema forbids.
        try await shell("sed 's/InstallerSha256: .*/InstallerSha256: \"xyz\"/' dist/winget/inferencial.inferflux.yaml > bad.yaml")
        await #expect(try exitStatus("python3 \(validator) \(schema) bad.yaml") == 1)
    }

    @Test func ambiguousOrUnmatchedPlaceholdersAreExitTwo() async throws {
        try await shell("printf '{sha256:*.tar.gz}' > ambiguous.in && printf '{url:*.dmg}' > unmatched.in")
        let ambiguous = try await tool.run(["--render", "ambiguous.in=out.txt"], in: scratch.root)
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("ambiguous.in:1: {sha256:*.tar.gz} is ambiguous"))
        let unmatched = try await tool.run(["--render", "unmatched.in=out.txt", "--base-url", "https://cdn.example"], in: scratch.root)
        #expect(unmatched.status == 2)
        #expect(unmatched.stderr.contains("matches no verified artifact"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out.txt")))
        let missingTemplate = try await tool.run(["--render", "none.in=out.txt"], in: scratch.root)
        #expect(missingTemplate.status == 2)
    }

    @Test func nothingIsWrittenWhenVerificationFails() async throws {
        try await shell("printf '{version}' > v.in")
        let run = try await tool.run(["--json", "--version", "1.2.3", "--expect", "*.dmg", "--render", "v.in=v.txt",
                                "--write-checksums", "SUMS"], in: scratch.root)
        #expect(run.status == 1)
        #expect(try outputs(run)["rendered"] == "")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("v.txt")))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("SUMS")))
    }
}
