import Foundation
import ReleaseKitCore
import ReleaseKitFuzzDriver

/// The executable's entry point as SwiftPM links it (`main=releasekit_fuzz_main`):
/// hands control to libFuzzer with the arguments (corpus directories, -max_total_time…).
@_cdecl("releasekit_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzOneInput(data, size)
    }
}

/// libFuzzer entry point over every parser that reads a file a user or a CI system
/// controls: `.releasekit.yml`, each version-file kind (and the in-place update),
/// event payloads (as guard-loop reads them) and changelog templates.
///
/// Every input goes to every parser: a parser may throw (that is the contract for bad
/// input) but must never crash, hang or trip a sanitizer. Built only by
/// `scripts/fuzz`, with `-parse-as-library` (the entry point is `fuzzMain`).
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let text = String(decoding: bytes, as: UTF8.self)

    _ = try? ReleaseKitConfig.parse(text, file: "fuzz.yml")

    let version = Version.parseIfValid("1.2.3")!
    for spec in versionFileSpecs {
        guard let file = try? VersionFile(VersionFileSpec(parsing: spec)) else { continue }
        _ = try? file.locate(in: bytes)
        _ = try? file.updated(bytes, to: version)
    }

    if let payload = try? JSONValue.parse(Data(bytes), source: "fuzz payload") {
        _ = payload.serialized
        for event in ["push", "workflow_run", "release", "create", "check_run", "check_suite", "pull_request", "workflow_dispatch"] {
            _ = try? GuardEvent(name: event, payload: payload, actor: "octocat", ref: "refs/heads/main", sha: "ffff")
        }
    }

    // swift-mustache's parser is quadratic in the length of a line (a 300 KB one-line
    // template takes about 20 s), which would turn every large input into a timeout;
    // templates are small files, so only inputs of template size reach it.
    if count <= 16 * 1024 { _ = try? ChangelogTemplate(text, source: "fuzz.mustache") }
    return 0
}

/// Every editor kind: the known names and a key path per structured format.
private let versionFileSpecs = [
    "package.json", "package-lock.json", "pyproject.toml", "setup.cfg", "Cargo.toml", "Chart.yaml",
    "VERSION", "version.txt", "__init__.py", "README.md", "values.yaml:image.tag", "data.json:a.b", "conf.toml:tool.x.version",
]
