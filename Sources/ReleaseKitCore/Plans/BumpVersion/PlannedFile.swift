/// A version file read and checked, with its new content once planned.
public struct PlannedFile: Sendable {
    public let ref: VersionFileRef
    public let file: VersionFile
    public let old: [UInt8]
    public let locations: [VersionLocation]
    public var new: [UInt8]?
    /// The file does not exist yet and the release creates it (a new changelog):
    /// undoing the release removes it instead of writing `old` back.
    public var created = false

    public init(ref: VersionFileRef, file: VersionFile, old: [UInt8], locations: [VersionLocation], new: [UInt8]? = nil) {
        self.ref = ref
        self.file = file
        self.old = old
        self.locations = locations
        self.new = new
    }

    /// A file the release changes that holds no version of its own (the changelog):
    /// no locations, and `old` empty when the file is created.
    public init(otherFile ref: VersionFileRef, old: [UInt8]?, new: [UInt8]) {
        self.init(ref: ref, file: VersionFile(path: ref.displayPath, editor: MarkedLineFile()), old: old ?? [], locations: [], new: new)
        created = old == nil
    }

    public var changes: Bool { new.map { $0 != old || created } ?? false }
}
