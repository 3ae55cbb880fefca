import Testing
@testable import ReleaseKit
@Test func placeholder() { #expect(ToolkitVersion.current.isEmpty == false) }
