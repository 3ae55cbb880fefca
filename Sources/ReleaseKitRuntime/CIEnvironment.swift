import Foundation
import ReleaseKitCore

/// One typed view of where a tool runs, read from the environment it was given.
///
/// GitHub's `GITHUB_*` names come first (Forgejo and Gitea set them too, and a person
/// reproducing a step locally can export them); each other system's own variables
/// fill in what is left. Nothing here reads the process environment by itself.
public struct CIEnvironment: Sendable {
    public enum RefType: String, Sendable { case branch, tag }

    public let variables: [String: String]
    public let provider: CIProvider

    public init(_ variables: [String: String]) {
        self.variables = variables
        provider = CIProvider.detect(in: variables)
    }

    /// The first of `names` that is set to a non-empty value.
    public func value(_ names: String...) -> String? { value(names) }

    public func value(_ names: [String]) -> String? {
        for name in names {
            if let value = variables[name], !value.isEmpty { return value }
        }
        return nil
    }

    /// The full ref: `GITHUB_REF`, or one built from another system's tag or branch.
    public var ref: String? {
        if let ref = value("GITHUB_REF") { return ref }
        if let tag = otherSystemsTag { return GitRef.tag(tag) }
        if let branch = otherSystemsBranch { return GitRef.branch(branch) }
        return nil
    }

    public var refType: RefType? {
        if let type = value("GITHUB_REF_TYPE") { return RefType(rawValue: type) }
        guard let ref else { return nil }
        if GitRef.tagName(ofRef: ref) != nil { return .tag }
        if GitRef.branchName(ofRef: ref) != nil { return .branch }
        return nil
    }

    /// The tag this run is for, when the run is for a tag.
    public var tag: String? {
        if let ref = value("GITHUB_REF"), let tag = GitRef.tagName(ofRef: ref) { return tag }
        return otherSystemsTag
    }

    public var branch: String? {
        if let ref = value("GITHUB_REF"), let branch = GitRef.branchName(ofRef: ref) { return branch }
        if value("GITHUB_REF") != nil, refType == .branch { return value("GITHUB_REF_NAME") }
        return otherSystemsBranch
    }

    /// Tag variables of the other CI systems, in a fixed order.
    public static let otherTagVariables = ["CI_COMMIT_TAG", "BUILDKITE_TAG", "CIRCLE_TAG", "TAG_NAME"]

    private var otherSystemsTag: String? { value(Self.otherTagVariables) }

    private var otherSystemsBranch: String? {
        value("CI_COMMIT_BRANCH", "BUILDKITE_BRANCH", "CIRCLE_BRANCH", "BRANCH_NAME")
    }

    public var sha: String? { value("GITHUB_SHA", "CI_COMMIT_SHA", "BUILDKITE_COMMIT", "CIRCLE_SHA1", "GIT_COMMIT") }

    /// `owner/name`.
    public var repository: String? {
        if let repository = value("GITHUB_REPOSITORY", "CI_PROJECT_PATH") { return repository }
        if let owner = value("CIRCLE_PROJECT_USERNAME"), let name = value("CIRCLE_PROJECT_REPONAME") {
            return owner + "/" + name
        }
        return nil
    }

    public var actor: String? {
        value("GITHUB_ACTOR", "GITLAB_USER_LOGIN", "BUILDKITE_BUILD_CREATOR_EMAIL", "CIRCLE_USERNAME", "CHANGE_AUTHOR")
    }

    /// Differs from `actor` on re-runs: the person who pressed re-run.
    public var triggeringActor: String? { value("GITHUB_TRIGGERING_ACTOR") }

    public var eventName: String? { value("GITHUB_EVENT_NAME", "CI_PIPELINE_SOURCE", "BUILDKITE_SOURCE") }

    public var eventPath: String? { value("GITHUB_EVENT_PATH") }

    /// The head commit's message where the CI system hands it over directly.
    public var commitMessage: String? { value("CI_COMMIT_MESSAGE", "BUILDKITE_MESSAGE") }

    public var serverURL: String? { value("GITHUB_SERVER_URL", "CI_SERVER_URL") }

    public var apiURL: String? { value("GITHUB_API_URL") }

    public var workspace: String? {
        value("GITHUB_WORKSPACE", "CI_PROJECT_DIR", "BUILDKITE_BUILD_CHECKOUT_PATH", "CIRCLE_WORKING_DIRECTORY", "WORKSPACE")
    }

    /// A directory the tool may write scratch files to.
    public var temporaryDirectory: String { value("RUNNER_TEMP", "TMPDIR") ?? "/tmp" }

    /// Debug logging was asked for by the CI system (GitHub: re-run with debug logging).
    public var isDebug: Bool {
        variables["RUNNER_DEBUG"] == "1" || variables["ACTIONS_STEP_DEBUG"] == "true" || variables["CI_DEBUG_TRACE"] == "true"
    }

    public var outputPath: String? { value("GITHUB_OUTPUT") }
    public var stepSummaryPath: String? { value("GITHUB_STEP_SUMMARY") }

    /// Reads and decodes the event payload. Nil when no payload is configured; an
    /// error naming the path when it is configured but missing or not JSON.
    public func eventPayload(fileSystem: FileSystem) throws -> JSONValue? {
        guard let path = eventPath else { return nil }
        guard fileSystem.exists(path) else {
            throw InputError("GITHUB_EVENT_PATH points at \(path), which does not exist; expected the event payload file the runner writes")
        }
        let data = try fileSystem.read(path)
        return try JSONValue.parse(data, source: "the event payload at \(path) (GITHUB_EVENT_PATH)")
    }

    /// The variables a token may come from, in order: a variable named by the user,
    /// then the forge's own (`ForgeKind.tokenVariables`; GitHub: `GITHUB_TOKEN`, then
    /// `GH_TOKEN`). Tokens are never taken from flag values, which would put them on a
    /// command line and in process listings.
    public func token(preferring name: String? = nil, forge: ForgeKind = .github) -> (variable: String, value: String)? {
        let names = (name.map { [$0] } ?? []) + forge.tokenVariables
        for name in names {
            if let value = variables[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                return (name, value)
            }
        }
        return nil
    }
}
