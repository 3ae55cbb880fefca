import FlyingFox
import ArtifactFiles
import Foundation
import GitHubAPI

/// Turns HTTP requests into calls on the state, applying injected faults and
/// recording every request.
struct Router: Sendable {
    let state: ServerState

    func handle(_ request: HTTPRequest, on host: RecordedRequest.Host) async -> HTTPResponse {
        let method = request.method.rawValue.uppercased()
        let rawPath = request.target.path()
        let segments = rawPath.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        let route = Self.route(method: method, segments: segments, host: host)
        let authorization = request.headers[HTTPHeader("Authorization")]
        let arrival = await state.clock()
        var reply: Reply
        var dropConnection = false
        var violated = false

        if route != .control, let left = await state.violation(at: arrival) {
            // As GitHub does: a request inside the window is refused, and counted.
            violated = true
            await request.drain()
            reply = .error(429, "You have exceeded a secondary rate limit.", headers: ["retry-after": String(Int(left.rounded(.up)))])
        } else if let fault = await state.takeFault(for: route) {
            switch fault {
            case .delay(let seconds):
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                reply = await dispatch(request, route: route, segments: segments, method: method, host: host, authorization: authorization, fault: nil)
            case .dropConnectionMidUpload, .failAfterStoring, .dropAfterBodyBytes:
                if route == .upload {
                    reply = await dispatch(request, route: route, segments: segments, method: method, host: host, authorization: authorization, fault: fault)
                    if case .dropConnectionMidUpload = fault { dropConnection = true }
                    if case .dropAfterBodyBytes = fault, reply.status == 0 { dropConnection = true }
                } else if case .dropAfterBodyBytes(let bytes) = fault {
                    await request.drain(upTo: bytes)
                    reply = .error(500, "dropped")
                    dropConnection = true
                } else {
                    reply = .error(502, "Server Error")
                }
            case .neverAnswer(let readBody):
                if readBody { await request.drain() }
                await state.record(RecordedRequest(host: host, method: method, path: rawPath, route: route,
                                                   hadAuthorization: authorization != nil, status: 0, arrivedAt: arrival))
                // Bounded, so a test that forgets to stop the server cannot hold a process forever.
                try? await Task.sleep(nanoseconds: 600 * 1_000_000_000)
                return HTTPResponse(webSocket: DroppingHandler())
            default:
                await request.drain()
                reply = Self.reply(for: fault, now: await state.clock())
                if let wait = ServerNumber.integer(reply.headers["retry-after"]) {
                    await state.announceWindow(until: arrival.addingTimeInterval(Double(wait)))
                } else if let reset = ServerNumber.epochSeconds(reply.headers["x-ratelimit-reset"]) {
                    await state.announceWindow(until: reset)
                }
            }
        } else {
            reply = await dispatch(request, route: route, segments: segments, method: method, host: host, authorization: authorization, fault: nil)
        }

        await state.record(RecordedRequest(host: host, method: method, path: rawPath, route: route,
                                           hadAuthorization: authorization != nil, status: dropConnection ? 0 : reply.status,
                                           arrivedAt: arrival, violatedRateLimit: violated))
        if dropConnection {
            // No answer at all: the client sees the connection die mid-request.
            return HTTPResponse(webSocket: DroppingHandler())
        }
        var headers = HTTPHeaders()
        var all = reply.headers
        if host == .api {
            all["x-ratelimit-limit"] = all["x-ratelimit-limit"] ?? "5000"
            all["x-ratelimit-remaining"] = all["x-ratelimit-remaining"] ?? "4999"
            all["x-ratelimit-resource"] = "core"
            all["x-github-media-type"] = "github.v3; format=json"
        }
        for (name, value) in all { headers[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(reply.status, phrase: Self.phrase(reply.status)), headers: headers, body: reply.body)
    }

    static func reply(for fault: Fault, now: Date) -> Reply {
        switch fault {
        case .status(let code, let headers, let message):
            return .error(code, message, headers: headers)
        case .secondaryRateLimit(let retryAfter):
            return .error(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                          headers: ["retry-after": String(retryAfter)])
        case .tooManyRequests(let retryAfter):
            return .error(429, "You have exceeded a secondary rate limit.", headers: ["retry-after": String(retryAfter)])
        case .rateLimitExhausted(let resetAfter):
            let reset = Int(now.timeIntervalSince1970) + resetAfter
            return .error(403, "API rate limit exceeded for installation ID 1000.",
                          headers: ["x-ratelimit-remaining": "0", "x-ratelimit-limit": "5000", "x-ratelimit-used": "5000",
                                    "x-ratelimit-reset": String(reset)])
        case .failAfterStoring(let code):
            return .error(code, "Server Error")
        case .dropConnectionMidUpload, .delay, .dropAfterBodyBytes, .neverAnswer:
            return .error(500, "Server Error")
        }
    }

    static func route(method: String, segments: [String], host: RecordedRequest.Host) -> Route {
        if host == .downloads { return segments.first == "downloads" ? .download : .unknown }
        if segments.first == "_releasekit" { return .control }
        guard segments.count >= 4, segments[0] == "repos" else { return .unknown }
        let rest = Array(segments.dropFirst(3))
        switch (method, rest.count) {
        case ("GET", 1) where rest[0] == "releases": return .listReleases
        case ("POST", 1) where rest[0] == "releases": return .createRelease
        default: break
        }
        if rest == ["immutable-releases"], method == "GET" { return .immutableReleases }
        if rest[0] == "git", rest.count >= 4, rest[1] == "ref", rest[2] == "tags" { return .gitRef }
        guard rest[0] == "releases", rest.count >= 2 else { return .unknown }
        if rest[1] == "tags", rest.count >= 3 { return .releaseByTag }
        if rest[1] == "latest" { return .latestRelease }
        if rest[1] == "generate-notes" { return .generateNotes }
        if rest[1] == "assets", rest.count == 3 {
            switch method {
            case "GET": return .getAsset
            case "PATCH": return .updateAsset
            case "DELETE": return .deleteAsset
            default: return .unknown
            }
        }
        if rest.count == 3, rest[2] == "assets" { return method == "POST" ? .upload : .listAssets }
        if rest.count == 2 {
            switch method {
            case "GET": return .getRelease
            case "PATCH": return .updateRelease
            case "DELETE": return .deleteRelease
            default: return .unknown
            }
        }
        return .unknown
    }

    private func dispatch(_ request: HTTPRequest, route: Route, segments: [String], method: String,
                          host: RecordedRequest.Host, authorization: String?, fault: Fault?) async -> Reply {
        if route == .download { return await download(segments) }
        if route == .control { return await control() }
        if route == .unknown { await request.drain(); return .notFound }
        // Uploads go to the upload host only; everything else to the API host.
        if (route == .upload) != (host == .uploads) { await request.drain(); return .notFound }
        let owner = segments[1], repo = segments[2]
        let rest = Array(segments.dropFirst(3))
        if let refusal = await state.authorize(authorization, owner: owner, repo: repo, access: route.isWrite ? .write : .read) {
            await request.drain()
            return refusal
        }
        let page = Int(request.query.first { $0.name == "page" }?.value ?? "") ?? 1
        let perPage = Int(request.query.first { $0.name == "per_page" }?.value ?? "") ?? 30
        let path = request.target.path()
        switch route {
        case .listReleases: return await state.listReleases(page: page, perPage: perPage, path: path)
        case .createRelease: return await state.createRelease(await request.jsonObject())
        case .releaseByTag: return await state.releaseByTag(rest.dropFirst(2).joined(separator: "/"))
        case .latestRelease: return await state.latestRelease()
        case .generateNotes:
            let object = await request.jsonObject()
            guard let tag = object["tag_name"] as? String else {
                return .error(422, "Validation Failed", errors: [["resource": "Release", "code": "missing_field", "field": "tag_name"]])
            }
            let notes = await state.generatedNotes(tag: tag, previous: object["previous_tag_name"] as? String)
            return .json(200, ["name": notes.name, "body": notes.body])
        case .getRelease: return await state.getRelease(Int(rest[1]) ?? -1)
        case .updateRelease: return await state.updateRelease(Int(rest[1]) ?? -1, await request.jsonObject())
        case .deleteRelease: return await state.deleteRelease(Int(rest[1]) ?? -1)
        case .listAssets: return await state.listAssets(Int(rest[1]) ?? -1, page: page, perPage: perPage, path: path)
        case .getAsset:
            let accept = request.headers[HTTPHeader("Accept")] ?? ""
            return await state.getAsset(Int(rest[2]) ?? -1, wantsBytes: accept.contains("application/octet-stream"))
        case .updateAsset: return await state.updateAsset(Int(rest[2]) ?? -1, await request.jsonObject())
        case .deleteAsset: return await state.deleteAsset(Int(rest[2]) ?? -1)
        case .gitRef: return await state.tagExists(rest.dropFirst(3).joined(separator: "/"))
        case .immutableReleases: return await state.immutableReleasesSetting(authorization)
        case .upload: return await upload(request, releaseID: Int(rest[1]) ?? -1, fault: fault)
        default: return .notFound
        }
    }

    /// Receives an upload as a stream: each chunk is hashed and counted as it arrives.
    private func upload(_ request: HTTPRequest, releaseID: Int, fault: Fault?) async -> Reply {
        let name = request.query.first { $0.name == "name" }?.value
        let label = request.query.first { $0.name == "label" }?.value
        let contentType = request.headers[HTTPHeader("Content-Type")]
        let length = request.headers[HTTPHeader("Content-Length")].flatMap { Int64($0) }
        let begun = await state.beginUpload(releaseID: releaseID, name: name, label: label, contentType: contentType, length: length)
        let assetID: Int
        switch begun {
        case .failure(let error):
            await request.drain()
            return error.reply
        case .success(let id):
            assetID = id
        }
        let expected = length ?? 0
        let keepLimit = await state.options.keepContentUpTo
        var hasher = StreamingSHA256()
        var received: Int64 = 0
        var kept: Data? = expected <= keepLimit ? Data() : nil
        do {
            for try await chunk in request.bodySequence {
                hasher.update(chunk)
                kept?.append(chunk)
                received += Int64(chunk.count)
                if case .dropConnectionMidUpload = fault, received >= expected / 2 {
                    await state.partialUpload(assetID: assetID, received: received)
                    return .error(500, "dropped")
                }
                if case .dropAfterBodyBytes(let limit) = fault, received >= Int64(limit) {
                    await state.partialUpload(assetID: assetID, received: received)
                    return Reply(status: 0, headers: [:], body: Data())
                }
            }
        } catch {
            // The client went away: the `starter` asset stays, as on GitHub.
            await state.partialUpload(assetID: assetID, received: received)
            return .error(400, "Upload incomplete")
        }
        guard received == expected else {
            await state.partialUpload(assetID: assetID, received: received)
            return .error(400, "Upload incomplete")
        }
        guard await state.finishUpload(assetID: assetID, size: received, sha256: hasher.finalizeHex(), content: kept) != nil else {
            return .notFound
        }
        if case .failAfterStoring(let code) = fault { return .error(code, "Server Error") }
        return await state.assetReply(assetID, status: 201)
    }

    private func download(_ segments: [String]) async -> Reply {
        guard segments.count >= 2, let id = Int(segments[1]), let asset = await state.content(ofAsset: id) else { return .notFound }
        guard let content = asset.content else { return .error(410, "This local server keeps only small uploads' bytes") }
        return Reply(status: 200, headers: ["content-type": asset.contentType], body: content)
    }

    private func control() async -> Reply {
        let requests = await state.requests
        var byRoute: [String: Int] = [:]
        for request in requests { byRoute[request.route.rawValue, default: 0] += 1 }
        let releases = await state.releasesNewestFirst()
        var releaseObjects: [[String: Any]] = []
        for release in releases {
            let assets = await state.assetsOf(release.id)
            releaseObjects.append(["id": release.id, "tag_name": release.tagName, "draft": release.draft, "immutable": release.immutable,
                                   "assets": assets.map { ["name": $0.name, "size": $0.size, "state": $0.state] }])
        }
        return .json(200, [
            "requests": requests.filter { $0.route != .control }.count,
            "by_route": byRoute,
            "writes": requests.filter { $0.route.isWrite }.count,
            "authorization_reached_download_host": requests.contains { $0.host == .downloads && $0.hadAuthorization },
            "releases": releaseObjects,
        ])
    }


    static func phrase(_ status: Int) -> String { LocalServerIO.phrase(status) }
}

/// What every local forge server does with the wire the same way.
public enum LocalServerIO {

    public static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 302: return "Found"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 411: return "Length Required"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }

    /// No answer at all: the client sees the connection die mid-request.
    public static func dropped() -> HTTPResponse { HTTPResponse(webSocket: DroppingHandler()) }
}

/// Closes the connection without writing a byte: FlyingFox asks a WebSocket handler
/// for its frames before sending the upgrade answer, and a throw there ends the
/// connection. It is the only way its public API offers to drop a request unanswered.
struct DroppingHandler: WSHandler {
    struct Dropped: Error {}
    func makeFrames(for client: AsyncThrowingStream<WSFrame, any Error>) async throws -> AsyncStream<WSFrame> {
        throw Dropped()
    }
}
