import Foundation
import Git
import ReleaseKitTestSupport

/// A repository released as v1.2.0 in five version files with a feature since, and
/// the checks that a release in it is whole: what the concurrency and kill tests
/// assert after every round.
struct FiveFileRelease {
    static let files: [(path: String, old: String, new: String)] = [
        ("package.json", "{\n  \"name\": \"app\",\n  \"version\": \"1.2.0\"\n}\n", "{\n  \"name\": \"app\",\n  \"version\": \"1.3.0\"\n}\n"),
        ("Cargo.toml", "[package]\nname = \"app\"\nversion = \"1.2.0\"\n", "[package]\nname = \"app\"\nversion = \"1.3.0\"\n"),
        ("Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.2.0\n", "apiVersion: v2\nname: app\nversion: 1.3.0\n"),
        ("VERSION", "1.2.0\n", "1.3.0\n"),
        ("version.txt", "1.2.0\n", "1.3.0\n"),
    ]

    /// The identity the tool commits with, whatever the machine's git configuration.
    static let environment = [
        "GIT_AUTHOR_NAME": "Release Bot", "GIT_AUTHOR_EMAIL": "bot@example.com",
        "GIT_COMMITTER_NAME": "Release Bot", "GIT_COMMITTER_EMAIL": "bot@example.com", "GIT_CONFIG_NOSYSTEM": "1",
    ]

    let repo: GitSandbox

    init() async throws {
        repo = try await GitSandbox()
        for file in Self.files { try Data(file.old.utf8).write(to: URL(fileURLWithPath: repo.path + "/" + file.path)) }
        try await repo.git(["add", "."])
        try await repo.commit("feat: first", tags: ["v1.2.0"])
        try await repo.commit("feat: export")
    }

    func contents(_ path: String) -> String {
        (try? String(contentsOfFile: repo.path + "/" + path, encoding: .utf8)) ?? "(unreadable)"
    }

    /// Problems with the state after runs: empty when the release v1.3.0 is whole
    /// (tag on a commit holding 1.3.0 in every file, branch there, clean tree) or,
    /// when `allowUnreleased`, when nothing was released and everything is as before.
    func problems(allowUnreleased: Bool = false) async throws -> [String] {
        var problems: [String] = []
        let tags = try await repo.git(["tag", "--list"]).split(separator: "\n").map(String.init)
        let head = try await repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let status = try await repo.git(["status", "--porcelain", "--untracked-files=all"])
        if !status.isEmpty { problems.append("working tree not clean: \(status)") }
        if FileManager.default.fileExists(atPath: repo.path + "/.git/releasekit") { problems.append(".git/releasekit left behind") }
        if FileManager.default.fileExists(atPath: repo.path + "/.git/releasekit.lock") { problems.append("lock file left behind") }
        if tags == ["v1.2.0"], allowUnreleased {
            for file in Self.files where contents(file.path) != file.old { problems.append("\(file.path) changed without a release: \(contents(file.path))") }
            return problems
        }
        guard tags == ["v1.2.0", "v1.3.0"] else { return problems + ["tags are \(tags)"] }
        let tagged = try await repo.git(["rev-parse", "v1.3.0^{commit}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        if tagged != head { problems.append("v1.3.0 is on \(tagged.prefix(8)), HEAD on \(head.prefix(8))") }
        let branch = try await repo.git(["rev-parse", "refs/heads/main"]).trimmingCharacters(in: .whitespacesAndNewlines)
        if branch != tagged { problems.append("main is at \(branch.prefix(8)), not at the tagged commit") }
        for file in Self.files {
            let committed = try await repo.git(["show", "\(tagged):\(file.path)"])
            if committed != file.new { problems.append("\(file.path) at v1.3.0 holds \(committed)") }
            if contents(file.path) != file.new { problems.append("\(file.path) in the tree holds \(contents(file.path))") }
        }
        let parents = try await repo.git(["log", "--format=%s", "v1.2.0..v1.3.0"])
        if parents != "release: 1.3.0\nfeat: export\n" { problems.append("history since v1.2.0 is \(parents)") }
        return problems
    }
}
