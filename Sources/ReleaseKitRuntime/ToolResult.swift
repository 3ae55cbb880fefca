import ReleaseKitCore

/// What a tool run produced: its outputs, and whether the operation succeeded.
/// A failed verification still reports its outputs (`ok=false`) and exits 1.
public struct ToolResult: Sendable {
    public var outputs: StepOutputs
    public var failed: Bool

    public init(_ outputs: some ToolOutputs, failed: Bool = false) {
        self.outputs = StepOutputs(outputs)
        self.failed = failed
    }

    public init(outputs: StepOutputs, failed: Bool = false) {
        self.outputs = outputs
        self.failed = failed
    }
}
