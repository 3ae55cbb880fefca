import Testing
@testable import ReleaseKitCore
@Test func placeholder() { #expect(ToolkitVersion.current.isEmpty == false) }
