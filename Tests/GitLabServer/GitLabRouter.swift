import ArtifactFiles
import FlyingFox
import Foundation
import GitHubAPI
import GitHubServer
import GitLabAPI

/// Turns HTTP requests into calls on the state, applying injected faults and recording
/// every request. Strict where GitLab is, and where a client could be sloppy without
/// GitLab noticing at once: credentials only in `PRIVATE-TOKEN`/`JOB-TOKEN`, JSON
/// bodies declared as JSON, package uploads with an exact Content-Length.
struct GitLabRouter: Sendable {
    let state: GitLabServerState

    func handle(_ request: HTTPRequest, onStorageHost: Bool) async -> HTTPResponse {
        let method = request.method.rawValue.uppercased()
        let rawPath = request.target.path()
        let segments = rawPath.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        let (route, project, rest) = Self.route(method: method, segments: segments, onStorageHost: onStorageHost)
        let credentials = ["PRIVATE-TOKEN", "JOB-TOKEN", "Authorization"].filter { request.headers[HTTPHeader($0)] != nil }
        let arrival = await state.clock()
        var reply: Reply
        var drop = false
        var violated = false

        if let left = await state.violation(at: arrival) {
            violated = true
            await request.drain()
            reply = .gitlab(429, "Retry later", headers: ["retry-after": String(Int(left.rounded(.up)))])
        } else if let fault = await state.takeFault(for: route) {
            switch fault {
            case .delay(let seconds):
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                reply = await dispatch(request, route: route, project: project, rest: rest, fault: nil)
            case .dropConnectionMidUpload, .failAfterStoring, .dropAfterBodyBytes:
                if route == .uploadPackage {
                    reply = await dispatch(request, route: route, project: project, rest: rest, fault: fault)
                    if case .failAfterStoring = fault {} else if reply.status == 0 { drop = true }
                } else {
                    if case .dropAfterBodyBytes(let bytes) = fault { await request.drain(upTo: bytes) }
                    else { await request.drain() }
                    reply = Reply(status: 0)
                    drop = true
                }
            case .neverAnswer(let readBody):
                if readBody { await request.drain() }
                await state.record(GitLabRequestRecord(onStorageHost: onStorageHost, method: method, path: rawPath, route: route,
                                                       credentialHeaders: credentials, status: 0, arrivedAt: arrival, violatedRateLimit: false))
                try? await Task.sleep(nanoseconds: 600 * 1_000_000_000)
                return LocalServerIO.dropped()
            default:
                await request.drain()
                reply = Self.reply(for: fault, now: await state.clock())
                if let wait = ServerNumber.integer(reply.headers["retry-after"]) {
                    await state.announceWindow(until: arrival.addingTimeInterval(Double(wait)))
                } else if ServerNumber.integer(reply.headers["ratelimit-remaining"]) == 0,
                          let reset = ServerNumber.epochSeconds(reply.headers["ratelimit-reset"]) {
                    await state.announceWindow(until: reset)
                }
            }
        } else {
            reply = await dispatch(request, route: route, project: project, rest: rest, fault: nil)
        }

        await state.record(GitLabRequestRecord(onStorageHost: onStorageHost, method: method, path: rawPath, route: route,
                                               credentialHeaders: credentials, status: drop ? 0 : reply.status,
                                               arrivedAt: arrival, violatedRateLimit: violated))
        if drop { return LocalServerIO.dropped() }
        var headers = HTTPHeaders()
        var all = reply.headers
        if !onStorageHost {
            all["ratelimit-limit"] = all["ratelimit-limit"] ?? "2000"
            all["ratelimit-remaining"] = all["ratelimit-remaining"] ?? "1999"
        }
        for (name, value) in all { headers[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(reply.status, phrase: LocalServerIO.phrase(reply.status)), headers: headers, body: reply.body)
    }

    /// GitLab's answers to the faults: its rate limit is a 429, with `Retry-After`, or
    /// with only `RateLimit-Remaining: 0` and `RateLimit-Reset` (epoch seconds).
    static func reply(for fault: Fault, now: Date) -> Reply {
        switch fault {
        case .status(let code, let headers, let message):
            return .gitlab(code, message, headers: headers)
        case .tooManyRequests(let retryAfter), .secondaryRateLimit(let retryAfter):
            return .gitlab(429, "Retry later", headers: ["retry-after": String(retryAfter), "ratelimit-remaining": "0",
                                                        "ratelimit-reset": String(Int(now.timeIntervalSince1970) + retryAfter)])
        case .rateLimitExhausted(let resetAfter):
            let reset = Int(now.timeIntervalSince1970) + resetAfter
            return .gitlab(429, "Retry later", headers: ["ratelimit-remaining": "0", "ratelimit-limit": "2000",
                                                        "ratelimit-reset": String(reset)])
        case .failAfterStoring(let code):
            return .gitlab(code, "\(code)")
        case .dropConnectionMidUpload, .delay, .dropAfterBodyBytes, .neverAnswer:
            return .gitlab(500, "500 Internal Server Error")
        }
    }

    /// The route, the project reference (decoded) and the segments after it.
    static func route(method: String, segments: [String], onStorageHost: Bool) -> (GitLabRoute, String, [String]) {
        if onStorageHost { return (segments.first == "storage" && segments.count == 2 ? .storage : .unknown, "", segments) }
        guard segments.count >= 4, segments[0] == "api", segments[1] == "v4", segments[2] == "projects" else { return (.unknown, "", []) }
        // The project's own document: its path slug is what a numeric id does not say.
        let rest = Array(segments.dropFirst(4))
        return (GitLabRoute.of(method: method, rest: rest), segments[3], rest)
    }

    private func dispatch(_ request: HTTPRequest, route: GitLabRoute, project: String, rest: [String], fault: Fault?) async -> Reply {
        if route == .storage { return await storage(rest) }
        if route == .unknown {
            await request.drain()
            return .gitlab(404, "404 Not Found")
        }
        if let refusal = await state.authorize(privateToken: request.headers[HTTPHeader("PRIVATE-TOKEN")],
                                               jobToken: request.headers[HTTPHeader("JOB-TOKEN")],
                                               project: project, access: route.isWrite ? .write : .read) {
            await request.drain()
            return refusal
        }
        let query = Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let page = Int(query["page"] ?? "") ?? 1
        let perPage = Int(query["per_page"] ?? "") ?? 20
        let tag = rest.count >= 2 ? rest[1] : ""
        switch route {
        case .getProject: return await state.projectReply()
        case .getTag: return await state.options.tags.contains(rest[2]) ? .json(200, ["name": rest[2]]) : .gitlab(404, "404 Tag Not Found")
        case .deleteRelease: return await state.deleteRelease(tag)
        case .listReleases:
            return await state.page(.releases, page: page, perPage: perPage, path: request.target.path(), query: request.query.map { ($0.name, $0.value) })
        case .getRelease: return await state.release(tag)
        case .createRelease:
            guard let object = await jsonBody(request) else { return Self.notJSON(request) }
            return await state.createRelease(object)
        case .updateRelease:
            guard let object = await jsonBody(request) else { return Self.notJSON(request) }
            return await state.updateRelease(tag, object)
        case .listLinks:
            return await state.page(.links(tag: tag), page: page, perPage: perPage, path: request.target.path(), query: request.query.map { ($0.name, $0.value) })
        case .getLink: return await state.link(tag, id: Int(rest[4]) ?? -1)
        case .createLink:
            guard let object = await jsonBody(request) else { return Self.notJSON(request) }
            return await state.saveLink(tag, id: nil, object)
        case .updateLink:
            guard let object = await jsonBody(request) else { return Self.notJSON(request) }
            return await state.saveLink(tag, id: Int(rest[4]) ?? -1, object)
        case .deleteLink: return await state.deleteLink(tag, id: Int(rest[4]) ?? -1)
        case .listPackages:
            let list = GitLabServerState.Listing.packages(name: query["package_name"] ?? nil, version: query["package_version"] ?? nil,
                                                          type: query["package_type"] ?? nil)
            return await state.page(list, page: page, perPage: perPage, path: request.target.path(), query: request.query.map { ($0.name, $0.value) })
        case .listPackageFiles:
            return await state.page(.packageFiles(Int(rest[1]) ?? -1), page: page, perPage: perPage, path: request.target.path(),
                                    query: request.query.map { ($0.name, $0.value) })
        case .deletePackageFile: return await state.deleteFile(packageID: Int(rest[1]) ?? -1, fileID: Int(rest[3]) ?? -1)
        case .uploadPackage:
            return await upload(request, package: rest[2], version: rest[3], fileName: rest[4],
                                selectFile: query["select"] == "package_file", fault: fault)
        case .downloadPackage: return await download(package: rest[2], version: rest[3], fileName: rest[4])
        case .storage, .unknown: return .gitlab(404, "404 Not Found")
        }
    }

    /// Receives a package file as a stream, hashing it as it arrives. A body without a
    /// Content-Length, of another declared type, or that ends short stores nothing.
    private func upload(_ request: HTTPRequest, package: String, version: String, fileName: String,
                        selectFile: Bool, fault: Fault?) async -> Reply {
        let contentType = request.headers[HTTPHeader("Content-Type")]
        if let contentType, !contentType.lowercased().hasPrefix("application/octet-stream") {
            await request.drain()
            return .gitlabError(415, "The provided content-type '\(contentType)' is not supported.")
        }
        guard let length = request.headers[HTTPHeader("Content-Length")].flatMap({ ServerNumber.integer($0) }) else {
            await request.drain()
            return .gitlab(411, "411 Length Required")
        }
        // The registry's name rules, checked with the client's own (one rule).
        guard (try? GenericPackageCoordinates(package: package, version: version, fileName: fileName)) != nil else {
            await request.drain()
            return .gitlab(400, "400 Bad request - package_name, package_version or file_name is invalid")
        }
        let packageID: Int
        switch await state.beginUpload(package: package, version: version, fileName: fileName) {
        case .failure(let refusal):
            await request.drain()
            return refusal.reply
        case .success(let id): packageID = id
        }
        let keep = length <= Int64(await state.options.keepContentUpTo)
        var hasher = StreamingSHA256()
        var kept: Data? = keep ? Data() : nil
        var received: Int64 = 0
        do {
            for try await chunk in request.bodySequence {
                hasher.update(chunk)
                kept?.append(chunk)
                received += Int64(chunk.count)
                if case .dropConnectionMidUpload = fault, received >= length / 2 { return Reply(status: 0) }
                if case .dropAfterBodyBytes(let limit) = fault, received >= Int64(limit) { return Reply(status: 0) }
            }
        } catch {
            return .gitlab(400, "400 Bad request - the upload ended early")
        }
        guard received == length else { return .gitlab(400, "400 Bad request - the upload ended early") }
        let file = await state.finishUpload(packageID: packageID, fileName: fileName, size: received, sha256: hasher.finalizeHex(), content: kept)
        if case .failAfterStoring(let code) = fault { return .gitlab(code, "\(code)") }
        return selectFile ? await state.fileReply(file) : .gitlab(201, "201 Created")
    }

    private func download(package: String, version: String, fileName: String) async -> Reply {
        guard let file = await state.newestFile(package: package, version: version, fileName: fileName) else {
            return .gitlab(404, "404 Not Found")
        }
        if await state.options.redirectDownloads {
            return Reply(status: 302, headers: ["location": await state.storageURL + "/storage/\(file.id)"])
        }
        return Self.bytes(file)
    }

    private func storage(_ segments: [String]) async -> Reply {
        guard let id = Int(segments[1]), let file = await state.file(id) else { return .gitlab(404, "404 Not Found") }
        return Self.bytes(file)
    }

    static func bytes(_ file: GitLabStoredFile) -> Reply {
        guard let content = file.content else { return .gitlab(410, "this local server keeps only small uploads' bytes") }
        return Reply(status: 200, headers: ["content-type": "application/octet-stream"], body: content)
    }

    /// A JSON endpoint's body, or nil when it is not declared as JSON or is not a JSON object.
    private func jsonBody(_ request: HTTPRequest) async -> [String: Any]? {
        guard request.headers[HTTPHeader("Content-Type")]?.lowercased().hasPrefix("application/json") == true,
              let data = try? await request.bodyData else {
            await request.drain()
            return nil
        }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    static func notJSON(_ request: HTTPRequest) -> Reply {
        let type = request.headers[HTTPHeader("Content-Type")] ?? ""
        return .gitlabError(415, "The provided content-type '\(type)' is not supported.")
    }

}
