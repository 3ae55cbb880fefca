import Foundation

/// Which endpoint a fault or a recorded request belongs to.
public enum Route: String, Sendable, CaseIterable, Codable {
    case listReleases, releaseByTag, latestRelease, createRelease, getRelease, updateRelease, deleteRelease
    case listAssets, upload, getAsset, updateAsset, deleteAsset, download, generateNotes, gitRef, immutableReleases, control, unknown

    /// Routes that change something: what `--dry-run` must never reach.
    public var isWrite: Bool {
        switch self {
        case .createRelease, .updateRelease, .deleteRelease, .upload, .updateAsset, .deleteAsset: return true
        default: return false
        }
    }
}

/// A failure the server produces on demand, the way GitHub does in the wild.
public enum Fault: Sendable, Equatable {
    /// Answers this status with GitHub's error document and these headers (a 502, a 500…).
    case status(Int, headers: [String: String] = [:], message: String = "Server Error")
    /// 403 "You have exceeded a secondary rate limit" with `retry-after`.
    case secondaryRateLimit(retryAfter: Int)
    /// 429 with `retry-after`.
    case tooManyRequests(retryAfter: Int)
    /// 403 "API rate limit exceeded" with `x-ratelimit-remaining: 0` and a reset this many seconds ahead.
    case rateLimitExhausted(resetAfter: Int)
    /// Upload only: store the asset completely, then answer this status (GitHub's 502 that did store).
    case failAfterStoring(Int)
    /// Upload only: read part of the body, leave a `starter` asset, close the connection without an answer.
    case dropConnectionMidUpload
    /// Wait this long, then answer normally.
    case delay(Double)
    /// Read this many bytes of the request body (an upload leaves a `starter` asset),
    /// then close the connection without an answer: the network failing half-way.
    case dropAfterBodyBytes(Int)
    /// Accept the request and never answer (until the server stops, or ten minutes):
    /// with `readBody`, after reading the whole body; without, reading none of it, so a
    /// large upload fills the socket and stops moving.
    case neverAnswer(readBody: Bool)
}

/// One request as the server saw it.
public struct RecordedRequest: Sendable, Equatable {
    public enum Host: String, Sendable { case api, uploads, downloads }
    public var host: Host
    public var method: String
    public var path: String
    public var route: Route
    public var hadAuthorization: Bool
    public var status: Int
    /// When the request's head arrived.
    public var arrivedAt: Date = Date()
    /// Sent inside a rate-limit window the server had announced (`retry-after`, or
    /// `x-ratelimit-remaining: 0` until the reset): what gets integrations blocked.
    public var violatedRateLimit = false
}
