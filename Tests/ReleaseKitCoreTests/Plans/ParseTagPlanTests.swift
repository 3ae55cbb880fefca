import Testing
import ReleaseKitCore

/// parse-tag's answers in-process: the previous release per component and scheme, the
/// shallow-clone warning, and the refusals.
@Suite struct ParseTagPlanTests {
    static let tags = ["v1.0.0", "v1.1.0-rc.1", "v1.1.0", "v1.2.0-rc.1", "core-v0.1.0rc1", "core-v0.1.0", "core-v0.2.0rc1", "nightly"]

    @Test(arguments: [
        ("v1.2.0", "v1.1.0"),
        ("v1.2.0-rc.2", "v1.2.0-rc.1"),
        ("refs/tags/v1.1.0", "v1.0.0"),
        ("core-v0.2.0", "core-v0.1.0"),
        ("core-v0.1.0rc2", "core-v0.1.0rc1"),
        ("v1.0.0", ""),
    ])
    func previousRelease(_ tag: String, _ previous: String) throws {
        let plan = try ParseTagPlan.plan(ParseTagFacts(tag: tag, tags: Self.tags), ParseTagSettings())
        #expect(plan.outputs.previousTag == previous)
        #expect(!plan.warnsShallow)
    }

    @Test func outsideARepositoryThereIsNoPreviousAndNoShallowWarning() throws {
        let plan = try ParseTagPlan.plan(ParseTagFacts(tag: "v2.0.0", tags: nil, isShallow: true), ParseTagSettings())
        #expect(plan.previous == nil)
        #expect(!plan.warnsShallow)
    }

    @Test func aShallowCloneWarns() throws {
        #expect(try ParseTagPlan.plan(ParseTagFacts(tag: "v2.0.0", tags: [], isShallow: true), ParseTagSettings()).warnsShallow)
    }

    @Test(arguments: [
        ("core-v1.0.0", ParseTagSettings(component: "cli"), "belongs to component \"core\", not \"cli\""),
        ("nightly", ParseTagSettings(), "nightly"),
        ("v1.2", ParseTagSettings(scheme: .semver), "v1.2"),
    ])
    func refusals(_ tag: String, _ settings: ParseTagSettings, _ message: String) {
        let error = #expect(throws: InputError.self) {
            try ParseTagPlan.plan(ParseTagFacts(tag: tag, tags: Self.tags), settings)
        }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }
}
