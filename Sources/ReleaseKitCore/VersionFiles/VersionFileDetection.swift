/// Which files bump-version finds when a package names none: the known manifests
/// directly in each detection root (`VersionFile.detectedNames`), and Python modules
/// one level down (`pkg/`, `src/pkg/`) that hold a literal `__version__`. Hidden
/// directories, `tests` and `node_modules` are never searched: they hold copies and
/// fixtures, not the package's version.
///
/// The rule is pure; the caller answers the three questions about the tree.
public struct VersionFileDetection {
    /// Whether a file exists at an absolute path.
    public var exists: (String) -> Bool
    /// The names in a directory; empty when it is not one.
    public var children: (String) -> [String]
    /// A file's bytes; nil when it cannot be read.
    public var read: (String) -> [UInt8]?

    public init(exists: @escaping (String) -> Bool, children: @escaping (String) -> [String],
                read: @escaping (String) -> [UInt8]?) {
        self.exists = exists
        self.children = children
        self.read = read
    }

    /// One file found, and the root it was found in (for the "found in" origin).
    public struct Found: Equatable, Sendable {
        public var path: String
        public var root: String
    }

    /// Every candidate under `roots`, in order: per root, the manifests by their place
    /// in `detectedNames`, then the modules by directory and name.
    public func files(in roots: [String]) -> [Found] {
        var found: [Found] = []
        for root in roots {
            for name in VersionFile.detectedNames where exists(root + "/" + name) {
                found.append(Found(path: root + "/" + name, root: root))
            }
            for directory in [root, root + "/src"] {
                for child in children(directory) where Self.mayHoldAModule(child) {
                    for name in VersionFile.detectedModuleNames {
                        let path = directory + "/" + child + "/" + name
                        guard exists(path), let bytes = read(path), (try? PythonVersionFile().locate(in: bytes)) != nil else { continue }
                        found.append(Found(path: path, root: root))
                    }
                }
            }
        }
        return found
    }

    /// A directory that may be the package's module.
    public static func mayHoldAModule(_ name: String) -> Bool {
        !name.hasPrefix(".") && name != "tests" && name != "node_modules"
    }
}
