// swift-tools-version:6.0
import PackageDescription

/// The six release tools, each a thin executable over the shared libraries.
let tools = [
    "parse-tag", "bump-version", "render-changelog",
    "verify-artifacts", "create-release", "guard-loop",
]

let package = Package(
    name: "ReleaseKit",
    platforms: [.macOS(.v13)],
    products: tools.map { .executable(name: $0, targets: [$0]) } + [
        // All six tools in one binary, installed under their names by scripts/package,
        // scripts/install and the setup action: one copy of the static runtime, not six.
        .executable(name: "releasekit", targets: ["releasekit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // git runs as a child process through swift-subprocess: async, so no cooperative
        // thread blocks on a pipe. Needs Swift 6.2.
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // The production HTTP client (on SwiftNIO, TLS through swift-nio-ssl): streamed
        // bodies, idle timeouts, a pool that fails cleanly when the peer goes away.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The local GitHub API server (tests, bench, demo) only; no tool links it.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // Pure core: versions, tags, commits, changelogs, guard policy, configuration,
        // version files. No process, environment or network. Yams only reads YAML text;
        // Mustache renders user changelog templates.
        .target(name: "ReleaseKitCore", dependencies: [
            .product(name: "Yams", package: "Yams"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // The git CLI as values plus one process runner.
        .target(name: "Git", dependencies: [
            "ReleaseKitCore", .product(name: "Subprocess", package: "swift-subprocess"),
        ]),
        // The system zlib (libz, headers from zlib1g-dev), for streaming gzip inflate.
        .systemLibrary(name: "ReleaseKitZlib", path: "Sources/ReleaseKitZlib"),
        // Release files on disk: directory walk, streamed digests, archive integrity.
        .target(
            name: "ArtifactFiles",
            dependencies: [
                "ReleaseKitCore", "ReleaseKitZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The GitHub REST client: releases, assets, streamed uploads, retries, redirects.
        .target(name: "GitHubAPI", dependencies: [
            "ReleaseKitCore", "ArtifactFiles",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // The GitLab REST client (releases, release links, generic packages) over GitHubAPI's
        // transport and retry loop.
        .target(name: "GitLabAPI", dependencies: ["ReleaseKitCore", "GitHubAPI"]),
        // Test support (with ReleaseKitTestSupport): a local server that speaks the Releases
        // API as GitHub does, with fault injection. Tests, scripts/bench and scripts/demo use
        // it; no tool links it.
        .target(
            name: "GitHubServer",
            dependencies: ["GitHubAPI", "ArtifactFiles", .product(name: "FlyingFox", package: "FlyingFox")],
            path: "Tests/GitHubServer"
        ),
        // Test support: a strict local GitLab (releases, links, generic packages), with faults.
        .target(
            name: "GitLabServer",
            dependencies: ["GitHubServer", "GitLabAPI", "ArtifactFiles", .product(name: "FlyingFox", package: "FlyingFox")],
            path: "Tests/GitLabServer"
        ),
        // Runs GitHubServer for scripts/bench and scripts/demo. Not one of the six tools,
        // so not a product: `swift run github-api-server` or the bin path.
        .executableTarget(name: "github-api-server", dependencies: ["GitHubServer"]),
        // The runtime every tool shares: the CI environment, outputs, logs, step summary,
        // secrets, the tool context and the exit-status mapping. No ArgumentParser.
        .target(name: "ReleaseKitRuntime", dependencies: ["ReleaseKitCore", "Git", "GitHubAPI"]),
        // The six commands: flags, settings, then the stages of each tool. The only
        // target that imports ArgumentParser. Shared by the six executables and the
        // multi-call `releasekit` binary.
        .target(
            name: "ReleaseKitCommands",
            dependencies: [
                "ReleaseKitCore", "ReleaseKitRuntime", "Git", "ArtifactFiles", "GitHubAPI", "GitLabAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "releasekit", dependencies: ["ReleaseKitCommands"]),
        // Shared by the test targets: temporary directories and real git repositories.
        .target(name: "ReleaseKitTestSupport", dependencies: [
            "Git", "GitHubAPI", "ReleaseKitRuntime", .product(name: "Subprocess", package: "swift-subprocess"),
        ], path: "Tests/TestSupport"),
        .testTarget(name: "ReleaseKitCoreTests", dependencies: ["ReleaseKitCore", .product(name: "Subprocess", package: "swift-subprocess")]),
        .testTarget(name: "ReleaseKitRuntimeTests", dependencies: ["ReleaseKitRuntime", "ReleaseKitTestSupport"]),
        .testTarget(name: "GitTests", dependencies: ["Git", "ReleaseKitTestSupport"]),
        .testTarget(name: "ArtifactFilesTests", dependencies: ["ArtifactFiles", "ReleaseKitCore", "ReleaseKitTestSupport"]),
        .testTarget(name: "GitHubAPITests", dependencies: [
            "GitHubAPI", "GitHubServer", "ReleaseKitTestSupport", .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        .testTarget(name: "GitLabAPITests", dependencies: [
            "GitLabAPI", "GitLabServer", "GitHubAPI", "ReleaseKitTestSupport",
        ]),
        .testTarget(name: "ToolTests", dependencies: ["ReleaseKitCommands", "ReleaseKitRuntime", "Git", "GitHubServer", "GitLabServer", "ReleaseKitTestSupport",
                                                       .product(name: "Subprocess", package: "swift-subprocess")]),
    ] + tools.map { tool in
        .executableTarget(name: tool, dependencies: ["ReleaseKitCommands"], path: "Sources/\(tool)")
    }
)

// The libFuzzer target over the parsers (scripts/fuzz), declared only when
// RELEASEKIT_FUZZ is set, so the normal build neither compiles nor links it.
// scripts/fuzz builds it into .build-fuzz with -sanitize=fuzzer and -parse-as-library.
if Context.environment["RELEASEKIT_FUZZ"] != nil {
    package.targets += [
        .target(name: "ReleaseKitFuzzDriver", path: "Fuzz/Driver"),
        .executableTarget(name: "releasekit-fuzz", dependencies: ["ReleaseKitCore", "ReleaseKitFuzzDriver"], path: "Fuzz/Parsers"),
    ]
    package.products.append(.executable(name: "releasekit-fuzz", targets: ["releasekit-fuzz"]))
}
