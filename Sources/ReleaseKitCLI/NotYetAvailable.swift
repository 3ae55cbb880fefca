import ReleaseKit

/// Raised by a tool whose behaviour has not shipped yet in this toolkit version, so a
/// pipeline that calls it fails loudly instead of silently doing nothing.
public struct NotYetAvailable: ReleaseKitError {
    public let tool: String
    public var kind: FailureKind { .operationFailed }
    public init(tool: String) { self.tool = tool }
    public var description: String {
        "\(tool) is not available in ReleaseKit \(ToolkitVersion.current) yet; only its --help and --version work. See README.md for the tools that are ready."
    }
}
