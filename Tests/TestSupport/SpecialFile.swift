import Foundation

/// The kinds of thing that can sit where a tool expects to replace a regular file,
/// for tables of tests that check every write refuses them.
public enum SpecialFile: String, CaseIterable, Sendable, CustomStringConvertible {
    case fifo, symlink, danglingSymlink, characterDevice, directory

    public var description: String { rawValue }

    /// Creates this kind of file at `path`. Returns false when the machine cannot make
    /// it (a device node needs root); the caller then skips the case.
    public func make(at path: String) -> Bool {
        switch self {
        case .fifo:
            return mkfifo(path, 0o644) == 0
        case .symlink:
            let target = path + ".target"
            return FileManager.default.createFile(atPath: target, contents: Data("target\n".utf8))
                && (try? FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)) != nil
        case .danglingSymlink:
            return (try? FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: path + ".nowhere")) != nil
        case .characterDevice:
            // The same device numbers as /dev/null (1, 3): harmless if written.
            #if os(Linux)
            let device = dev_t((1 << 8) | 3)  // glibc's makedev(1, 3)
            #else
            let device = dev_t((1 << 24) | 3)
            #endif
            return getuid() == 0 && mknod(path, S_IFCHR | 0o666, device) == 0
        case .directory:
            return mkdir(path, 0o755) == 0
        }
    }

    /// The `st_mode` type bits `lstat` reports at `path`, for before/after comparisons.
    public static func type(at path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }
}
