/// Something wrong inside an archive: which entry (when the damage is in one) and what.
public struct ArchiveDamage: Error, Sendable, Equatable, CustomStringConvertible {
    /// The entry's path inside the archive, or nil for the archive's own structure.
    public var entry: String?
    public var reason: String

    public init(entry: String? = nil, _ reason: String) {
        self.entry = entry
        self.reason = reason
    }

    public var description: String {
        if let entry { return "entry \(entry): \(reason)" }
        return reason
    }
}
