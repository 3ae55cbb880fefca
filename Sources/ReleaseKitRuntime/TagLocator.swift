import ReleaseKitCore

/// Finds the tag a run is about when none is given on the command line, in the order
/// every tool uses: `GITHUB_REF` when it is a tag ref; the event payload
/// (`release.tag_name`; a `workflow_run` that was a tag push); then the tag variables
/// of GitLab, Buildkite, CircleCI and Jenkins.
public struct TagLocator: Sendable {
    /// What the repository knows about a name (for `workflow_run`, whose `head_branch`
    /// holds a tag name for tag pushes and a branch name otherwise).
    public enum RefKind: Sendable, Equatable { case tag, branch, unknown }

    public let environment: CIEnvironment
    public let payload: JSONValue?
    public let refKind: @Sendable (String) async -> RefKind

    public init(environment: CIEnvironment, payload: JSONValue?, refKind: @escaping @Sendable (String) async -> RefKind = { _ in .unknown }) {
        self.environment = environment
        self.payload = payload
        self.refKind = refKind
    }

    public struct Found: Sendable, Equatable {
        public var tag: String
        /// Where it came from, for debug lines and error messages (`GITHUB_REF`, …).
        public var source: String
    }

    public func locate() async throws -> Found {
        if let ref = environment.value("GITHUB_REF"), let tag = GitRef.tagName(ofRef: ref) {
            return Found(tag: tag, source: "GITHUB_REF")
        }
        if let found = await fromPayload() { return found }
        for name in CIEnvironment.otherTagVariables {
            if let tag = environment.value(name) { return Found(tag: tag, source: name) }
        }
        throw InputError(notFoundMessage())
    }

    private func fromPayload() async -> Found? {
        guard let payload else { return nil }
        if let tag = payload.value(at: "release.tag_name")?.stringValue, !tag.isEmpty {
            return Found(tag: tag, source: "the event payload's release.tag_name")
        }
        guard environment.eventName == "workflow_run",
              payload.value(at: "workflow_run.event")?.stringValue == "push",
              let name = payload.value(at: "workflow_run.head_branch")?.stringValue, !name.isEmpty
        else { return nil }
        switch await refKind(name) {
        case .tag:
            return Found(tag: name, source: "the event payload's workflow_run.head_branch (a tag)")
        case .branch:
            return nil
        case .unknown:
            // Without the ref locally (no repository, or a clone without tags), a name
            // that reads as a release tag is taken as one.
            guard (try? TagName(parsing: name)) != nil else { return nil }
            return Found(tag: name, source: "the event payload's workflow_run.head_branch")
        }
    }

    private func notFoundMessage() -> String {
        var looked: [String] = []
        if let ref = environment.value("GITHUB_REF") {
            looked.append("GITHUB_REF is \(ref), not a tag ref")
        } else {
            looked.append("GITHUB_REF is not set")
        }
        if payload == nil {
            looked.append("there is no event payload")
        } else if environment.eventName == "workflow_run" {
            looked.append("the workflow_run payload is not for a tag push")
        } else {
            looked.append("the event payload has no release.tag_name")
        }
        looked.append(CIEnvironment.otherTagVariables.joined(separator: ", ") + " are not set")
        return "no tag to work on: " + looked.joined(separator: "; ") + ". Pass the tag as an argument or run on a tag."
    }
}
