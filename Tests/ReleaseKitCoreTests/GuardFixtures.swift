import Foundation
@testable import ReleaseKitCore

/// Loads the webhook payloads in `Tests/Fixtures/events/` and makes edited copies of them.
enum GuardFixtures {
    /// The repository root: this file is `Tests/ReleaseKitCoreTests/GuardFixtures.swift`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ name: String) throws -> String {
        let url = root.appendingPathComponent("Tests/Fixtures/events/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func payload(_ name: String) throws -> JSONValue {
        try JSONValue.parse(Data(text(name).utf8), source: name)
    }

    /// `push.with-new-branch.json` with the head commit message (and its one `commits[]`
    /// entry) replaced.
    static func push(message: String) throws -> JSONValue {
        try payload("push.with-new-branch.json")
            .setting("head_commit.message", to: .string(message))
            .setting("commits", to: .array([.object(["id": .string("6113728f"), "message": .string(message)])]))
    }

    /// `workflow_run.completed.json` with the conclusion and actors edited.
    static func workflowRun(
        conclusion: String?, actor: String? = nil, actorID: Int? = nil, headBranch: String? = nil
    ) throws -> JSONValue {
        var value = try payload("workflow_run.completed.json")
            .setting("workflow_run.conclusion", to: conclusion.map(JSONValue.string) ?? .null)
        if let actor { value = value.setting("workflow_run.actor.login", to: .string(actor)) }
        if let actorID { value = value.setting("workflow_run.actor.id", to: .number(Double(actorID))) }
        if let headBranch { value = value.setting("workflow_run.head_branch", to: .string(headBranch)) }
        return value
    }

    /// A `check_suite` (or `check_run`) payload made from the workflow_run fixture by
    /// renaming its run object, which carries the same `conclusion`/`head_sha` fields.
    static func check(_ object: String, conclusion: String?) throws -> JSONValue {
        let edited = try text("workflow_run.completed.json")
            .replacingOccurrences(of: "\"workflow_run\":", with: "\"\(object)\":")
        return try JSONValue.parse(Data(edited.utf8), source: "edited check payload")
            .setting("\(object).conclusion", to: conclusion.map(JSONValue.string) ?? .null)
    }
}

extension JSONValue {
    /// A copy with the value at dotted `path` replaced (`nil` removes the key); missing
    /// intermediate objects are created.
    func setting(_ path: String, to newValue: JSONValue?) -> JSONValue {
        let keys = path.split(separator: ".").map(String.init)
        return Self.setting(keys[...], in: self, to: newValue)
    }

    private static func setting(_ keys: ArraySlice<String>, in value: JSONValue, to newValue: JSONValue?) -> JSONValue {
        guard let key = keys.first else { return newValue ?? .null }
        var members: [String: JSONValue] = [:]
        if case .object(let existing) = value { members = existing }
        if keys.count == 1 {
            members[key] = newValue
        } else {
            members[key] = setting(keys.dropFirst(), in: members[key] ?? .object([:]), to: newValue)
        }
        return .object(members)
    }
}
