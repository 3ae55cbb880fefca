import Testing
@Test func toolPlaceholder() { #expect(Bool(true)) }
