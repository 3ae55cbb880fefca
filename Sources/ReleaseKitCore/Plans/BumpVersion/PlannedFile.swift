/// A version file read and checked, with its new content once planned.
public struct PlannedFile: Sendable {
    public let ref: VersionFileRef
    public let file: VersionFile
    public let old: [UInt8]
    public let locations: [VersionLocation]
    public var new: [UInt8]?

    public init(ref: VersionFileRef, file: VersionFile, old: [UInt8], locations: [VersionLocation], new: [UInt8]? = nil) {
        self.ref = ref
        self.file = file
        self.old = old
        self.locations = locations
        self.new = new
    }

    public var changes: Bool { new.map { $0 != old } ?? false }
}
