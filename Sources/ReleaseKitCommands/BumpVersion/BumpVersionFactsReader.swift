import Git
import ReleaseKitCore
import ReleaseKitRuntime

/// Gathers what bump-version's plan reads, through the tool context: the version
/// files of a package (named, else detected) with their bytes, and the commit
/// messages of the range a baseline names. It decides nothing.
struct BumpVersionFactsReader {
    let repository: Repository?
    let paths: PathResolver
    let context: ToolContext

    /// The package's version files as read: each named file (which must exist, be a
    /// regular file and, in a repository, lie inside it), else the detected candidates.
    func files(of package: BumpVersionPackage) throws -> [VersionFileBytes] {
        let detected = package.files == nil
        return try (package.files ?? detectedFiles(package)).map { named in
            let ref = try named.resolvingSymlinks(root: paths.root, confined: repository != nil, in: context.fileSystem)
            let file = try VersionFile(ref.spec)
            return VersionFileBytes(ref: ref, file: file, bytes: try read(ref), detected: detected)
        }
    }

    /// The messages of the commits in `range` (newest first), nil when there is no
    /// history to read: outside git, or on an unborn HEAD. A HEAD git cannot read is
    /// an error (exit 1), never "nothing releasable".
    func commits(in range: ReleaseBaseline.CommitRange?, of package: BumpVersionPackage) async throws -> [String]? {
        guard let range, let repository, try await repository.resolveCommit("HEAD") != nil else { return nil }
        let messages = try await repository.commits(since: range.startRef, paths: range.directories).map(\.message)
        context.log.debug("\(package.component.isEmpty ? "package" : package.component): \(messages.count) commits since \(range.start ?? "the start of history"), \(BumpVersionPlan.countedCommits(messages).count) after leaving out release commits")
        return messages
    }

    private func read(_ ref: VersionFileRef) throws -> [UInt8] {
        guard context.fileSystem.exists(ref.absolutePath) else {
            throw VersionFileError(path: ref.displayPath, reason: "no such file")
        }
        return Array(try context.fileSystem.read(ref.absolutePath))
    }

    /// The known files directly in each detection root, and Python modules holding a
    /// literal `__version__` one level down (`pkg/`, `src/pkg/`).
    private func detectedFiles(_ package: BumpVersionPackage) -> [VersionFileRef] {
        var refs: [VersionFileRef] = []
        func found(_ absolute: String, in root: String) {
            refs.append(VersionFileRef(absolutePath: absolute, displayPath: paths.relative(absolute),
                                       spec: VersionFileSpec(path: paths.relative(absolute)), origin: "found in \(paths.relative(root))"))
        }
        let fileSystem = context.fileSystem
        for root in package.detectionRoots {
            for name in VersionFile.detectedNames where fileSystem.exists(root + "/" + name) {
                found(root + "/" + name, in: root)
            }
            for directory in [root, root + "/src"] {
                let children = (try? fileSystem.contentsOfDirectory(directory)) ?? []
                for child in children where !child.hasPrefix(".") && child != "tests" && child != "node_modules" {
                    for name in VersionFile.detectedModuleNames {
                        let absolute = directory + "/" + child + "/" + name
                        guard fileSystem.exists(absolute), let data = try? fileSystem.read(absolute),
                              (try? PythonVersionFile().locate(in: Array(data))) != nil else { continue }
                        found(absolute, in: root)
                    }
                }
            }
        }
        return refs
    }
}
