import ArtifactFiles
import FlyingFox
import Foundation
import GitHubAPI

/// Turns requests into calls on `GiteaState`, strictly, applying injected faults and
/// recording every request (through the GitHub server's fault book).
struct GiteaRouter: Sendable {
    let state: GiteaState

    func handle(_ request: HTTPRequest, on host: RecordedRequest.Host) async -> HTTPResponse {
        let method = request.method.rawValue.uppercased()
        let path = request.target.path()
        let segments = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        let route = Self.route(method: method, segments: segments, host: host)
        let authorization = request.headers[HTTPHeader("Authorization")]
        let book = state.faults
        let arrival = await state.clock()
        var reply: Reply
        var drop = false
        if let left = await book.violation(at: arrival) {
            await request.drain()
            reply = GiteaState.error(429, "rate limited")
            _ = left
        } else if let fault = await book.takeFault(for: route) {
            switch fault {
            case .delay(let seconds):
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                reply = await dispatch(request, route: route, segments: segments, host: host, authorization: authorization, fault: nil)
            case .dropConnectionMidUpload, .failAfterStoring, .dropAfterBodyBytes:
                if route == .upload {
                    reply = await dispatch(request, route: route, segments: segments, host: host, authorization: authorization, fault: fault)
                    drop = reply.status == 0
                } else {
                    await request.drain(upTo: 1)
                    reply = Reply(status: 0)
                    drop = true
                }
            case .neverAnswer(let readBody):
                if readBody { await request.drain() }
                await book.record(RecordedRequest(host: host, method: method, path: path, route: route,
                                                  hadAuthorization: authorization != nil, status: 0, arrivedAt: arrival))
                try? await Task.sleep(nanoseconds: 600 * 1_000_000_000)
                return HTTPResponse(webSocket: DroppingHandler())
            case .status(let code, let headers, let message):
                await request.drain()
                reply = GiteaState.error(code, message, headers: headers)
            default:
                // Gitea has no rate-limit headers: every limit is a bare 429.
                await request.drain()
                reply = GiteaState.error(429, "rate limited")
            }
        } else {
            reply = await dispatch(request, route: route, segments: segments, host: host, authorization: authorization, fault: nil)
        }
        await book.record(RecordedRequest(host: host, method: method, path: path, route: route, hadAuthorization: authorization != nil,
                                          status: drop ? 0 : reply.status, arrivedAt: arrival))
        if drop { return HTTPResponse(webSocket: DroppingHandler()) }
        var headers = HTTPHeaders()
        for (name, value) in reply.headers { headers[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(reply.status, phrase: Router.phrase(reply.status)), headers: headers, body: reply.body)
    }

    /// `/api/v1/repos/{owner}/{repo}/…` on the API host; `/attachments/{uuid}` on both
    /// (the API host redirects it to the storage host).
    static func route(method: String, segments: [String], host: RecordedRequest.Host) -> Route {
        if segments.first == "attachments", segments.count == 2 { return .download }
        guard host == .api, segments.count >= 6, segments[0] == "api", segments[1] == "v1", segments[2] == "repos" else { return .unknown }
        let rest = Array(segments.dropFirst(5))
        switch (method, rest.count) {
        case ("GET", 1) where rest[0] == "releases": return .listReleases
        case ("POST", 1) where rest[0] == "releases": return .createRelease
        case ("GET", 2) where rest[0] == "tags": return .gitRef
        default: break
        }
        guard rest[0] == "releases", rest.count >= 2 else { return .unknown }
        if rest[1] == "tags", rest.count == 3, method == "GET" { return .releaseByTag }
        guard Int(rest[1]) != nil else { return .unknown }
        switch (method, rest.count) {
        case ("GET", 2): return .getRelease
        case ("PATCH", 2): return .updateRelease
        case ("DELETE", 2): return .deleteRelease
        case ("GET", 3) where rest[2] == "assets": return .listAssets
        case ("POST", 3) where rest[2] == "assets": return .upload
        case ("PATCH", 4) where rest[2] == "assets": return .updateAsset
        case ("DELETE", 4) where rest[2] == "assets": return .deleteAsset
        default: return .unknown
        }
    }

    private func dispatch(_ request: HTTPRequest, route: Route, segments: [String], host: RecordedRequest.Host,
                          authorization: String?, fault: Fault?) async -> Reply {
        if route == .download { return await download(segments[1], host: host, authorization: authorization) }
        guard route != .unknown else { await request.drain(); return GiteaState.notFound }
        if let refusal = await state.authorize(authorization, owner: segments[3], repo: segments[4], write: route.isWrite) {
            await request.drain()
            return refusal
        }
        let rest = Array(segments.dropFirst(5))
        let id = rest.count >= 2 ? Int(rest[1]) ?? -1 : -1
        if [.createRelease, .updateRelease, .updateAsset].contains(route) {
            let type = request.headers[HTTPHeader("Content-Type")] ?? ""
            guard type.hasPrefix("application/json") else {
                await request.drain()
                return GiteaState.error(415, "Content-Type must be application/json, not \(type.isEmpty ? "none" : type)")
            }
        }
        switch route {
        case .listReleases:
            let page = Int(request.query.first { $0.name == "page" }?.value ?? "") ?? 1
            let limit = Int(request.query.first { $0.name == "limit" }?.value ?? "") ?? 30
            return await state.list(page: page, limit: limit, path: request.target.path())
        case .createRelease: return await state.create(await request.jsonObject())
        case .releaseByTag: return await state.byTag(rest[2])
        case .gitRef: return await state.tag(rest[1])
        case .getRelease: return await state.get(id)
        case .updateRelease: return await state.edit(id, await request.jsonObject())
        case .deleteRelease: return await state.delete(id)
        case .listAssets: return await state.listAttachments(id)
        case .upload: return await upload(request, releaseID: id, fault: fault)
        case .updateAsset: return await state.rename(Int(rest[3]) ?? -1, releaseID: id, await request.jsonObject())
        case .deleteAsset: return await state.deleteAttachment(Int(rest[3]) ?? -1, releaseID: id)
        default: return GiteaState.notFound
        }
    }

    /// `multipart/form-data` with one `attachment` part, read as a stream: the part's
    /// headers first, then the file's bytes hashed as they arrive, then the closing
    /// boundary. Nothing is stored unless the body is whole and exactly Content-Length long.
    private func upload(_ request: HTTPRequest, releaseID: Int, fault: Fault?) async -> Reply {
        guard let name = request.query.first(where: { $0.name == "name" })?.value, !name.isEmpty else {
            await request.drain()
            return GiteaState.error(400, "name is required")
        }
        guard await state.releaseExists(releaseID) else { await request.drain(); return GiteaState.notFound }
        let type = request.headers[HTTPHeader("Content-Type")] ?? ""
        guard type.hasPrefix("multipart/form-data"), let boundary = type.components(separatedBy: "boundary=").last, !boundary.isEmpty,
              boundary != type else {
            await request.drain()
            return GiteaState.error(400, "invalid multipart/form-data body: Content-Type \(type.isEmpty ? "missing" : type)")
        }
        guard let length = request.headers[HTTPHeader("Content-Length")].flatMap({ Int64($0) }) else {
            await request.drain()
            return GiteaState.error(411, "Content-Length required")
        }
        var reader = MultipartStreamReader(boundary: boundary, fieldName: "attachment")
        var received: Int64 = 0
        do {
            for try await chunk in request.bodySequence {
                received += Int64(chunk.count)
                try reader.feed(chunk)
                if case .dropConnectionMidUpload = fault, received >= length / 2 { return Reply(status: 0) }
                if case .dropAfterBodyBytes(let limit) = fault, received >= Int64(limit) { return Reply(status: 0) }
            }
            guard received == length else { return GiteaState.error(400, "body is \(received) bytes, Content-Length said \(length)") }
            let file = try reader.finish()
            let keep = file.size <= Int64(await state.options.keepContentUpTo)
            let id = await state.store(releaseID: releaseID, name: name, content: keep ? file.content : nil,
                                       size: file.size, sha256: file.sha256)
            if case .failAfterStoring(let code) = fault { return GiteaState.error(code, "Internal Server Error") }
            return await state.attachmentReply(id, status: 201)
        } catch let error as MultipartStreamReader.Malformed {
            await request.drain()
            return GiteaState.error(400, "invalid multipart/form-data body: \(error.reason)")
        } catch {
            return GiteaState.error(400, "upload incomplete")
        }
    }

    /// The API host redirects to the storage host, which serves the bytes and must not
    /// see the token.
    private func download(_ uuid: String, host: RecordedRequest.Host, authorization: String?) async -> Reply {
        guard let attachment = await state.attachment(uuid: uuid) else { return GiteaState.notFound }
        if host == .api {
            return Reply(status: 302, headers: ["location": "\(await state.urls.downloads)/attachments/\(uuid)"])
        }
        guard let content = attachment.content else { return GiteaState.error(410, "only small uploads' bytes are kept") }
        return Reply(status: 200, headers: ["content-type": "application/octet-stream"], body: content)
    }


}
