import Testing
@testable import ReleaseKitCore

/// The detection rule over trees given as values: no file system.
@Suite struct VersionFileDetectionTests {
    static func detect(_ tree: [String: String], roots: [String] = ["/r"]) -> [String] {
        let detection = VersionFileDetection(
            exists: { tree[$0] != nil },
            children: { directory in
                Array(Set(tree.keys.compactMap { path -> String? in
                    guard path.hasPrefix(directory + "/") else { return nil }
                    let rest = path.dropFirst(directory.count + 1)
                    return rest.contains("/") ? String(rest.split(separator: "/")[0]) : nil
                })).sorted()
            },
            read: { tree[$0].map { Array($0.utf8) } })
        return detection.files(in: roots).map(\.path)
    }

    @Test(arguments: [
        // Manifests in detectedNames order, whatever the tree's order.
        (["/r/VERSION": "1.0.0\n", "/r/pyproject.toml": "[project]\nversion = \"1.0.0\"\n", "/r/package.json": "{\"version\": \"1.0.0\"}"],
         ["/r/package.json", "/r/pyproject.toml", "/r/VERSION"]),
        // A module one level down, and under src/, with a literal __version__.
        (["/r/pkg/_version.py": "__version__ = \"1.0.0\"\n", "/r/src/lib/__init__.py": "__version__ = '2.0.0'\n"],
         ["/r/pkg/_version.py", "/r/src/lib/__init__.py"]),
        // A module without a literal version is not a version file.
        (["/r/pkg/__init__.py": "from ._version import *\n"], []),
        // Copies in tests, node_modules and hidden directories are never found.
        (["/r/tests/version.py": "__version__ = \"0.0.1\"\n", "/r/node_modules/x/version.py": "__version__ = \"9\"\n",
          "/r/.venv/version.py": "__version__ = \"3\"\n", "/r/src/tests/version.py": "__version__ = \"4\"\n"], []),
        // Two levels down is too deep.
        (["/r/a/b/version.py": "__version__ = \"1.0.0\"\n"], []),
    ])
    func findsWhatTheRuleSays(tree: [String: String], expected: [String]) {
        #expect(Self.detect(tree) == expected)
    }

    @Test func eachRootInTurnRemembersWhereItFoundTheFile() {
        let tree = ["/r/a/VERSION": "1\n", "/r/b/Chart.yaml": "version: 1.0.0\n"]
        let detection = VersionFileDetection(exists: { tree[$0] != nil }, children: { _ in [] }, read: { tree[$0].map { Array($0.utf8) } })
        #expect(detection.files(in: ["/r/b", "/r/a"]) == [.init(path: "/r/b/Chart.yaml", root: "/r/b"), .init(path: "/r/a/VERSION", root: "/r/a")])
    }
}
