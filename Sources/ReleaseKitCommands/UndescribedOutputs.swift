import ReleaseKitCore

/// Transitional: the tools whose outputs are not a typed value yet describe none here,
/// and scripts/generate-actions keeps their outputs in its table until they are.
public struct UndescribedOutputs: ToolOutputs {
    public enum CodingKeys: OutputName {
        public var stringValue: String { switch self {} }
        public init?(stringValue: String) { nil }
        public var intValue: Int? { nil }
        public init?(intValue: Int) { nil }
        public static var allCases: [CodingKeys] { [] }
        public var summary: String { switch self {} }
    }

    public func encode(to encoder: Encoder) throws {}
}

extension BumpVersion { public typealias Outputs = BumpVersionOutputs }
extension RenderChangelog { public typealias Outputs = RenderChangelogOutputs }
