import Foundation
import GitHubServer

// Runs the local GitHub API server until stdin closes or the process is killed, for
// scripts/bench and scripts/demo. Prints one JSON line with its URLs, then waits.
//
//   github-api-server [--repository OWNER/REPO] [--tag TAG]... [--max-per-page N] [--immutable-releases true|false]
//   GET <api_url>/_releasekit/state answers the request counts and releases.

var options = ServerOptions()
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    guard let value = arguments.first else {
        FileHandle.standardError.write(Data("github-api-server: \(flag) needs a value\n".utf8))
        exit(2)
    }
    arguments.removeFirst()
    switch flag {
    case "--repository": options.repository = value
    case "--tag": options.tags.insert(value)
    case "--max-per-page": options.maxPerPage = Int(value) ?? 100
    case "--immutable-releases": options.immutableReleases = value == "true"
    default:
        FileHandle.standardError.write(Data("github-api-server: unknown flag \(flag)\n".utf8))
        exit(2)
    }
}

let server = try await GitHubServer.start(options)
let line = "{\"api_url\":\"\(server.urls.api)\",\"uploads_url\":\"\(server.urls.uploads)\",\"downloads_url\":\"\(server.urls.downloads)\",\"repository\":\"\(options.repository)\"}\n"
FileHandle.standardOutput.write(Data(line.utf8))
while true {
    try await Task.sleep(nanoseconds: 3_600_000_000_000)
}
