import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The production transport: Foundation's URLSession (on Linux, FoundationNetworking
/// over libcurl).
///
/// Tasks are delegate-driven rather than completion-handler tasks because only then
/// does URLSession ask the delegate about redirects (swift-corelibs-foundation follows
/// redirects of completion-handler tasks on its own, headers and all). The redirect
/// hook drops `Authorization` whenever the next hop is not the host, port and scheme
/// of the original request: a pre-signed storage URL must never see the token.
///
/// File bodies go out with `uploadTask(with:fromFile:)`, which on Linux hands libcurl
/// the file in pieces as it asks for them: measured here, uploading 1 GiB peaks at
/// about 49 MB RSS, 256 MiB at about 45 MB (the process's baseline is ~35 MB), so the
/// memory does not grow with the file. (`httpBodyStream` with an `InputStream` was
/// tried too and fails on Linux with "connection lost".) Downloads are written to
/// disk as they arrive.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    private let session: URLSession
    private let delegate: Delegate

    public init(timeout: TimeInterval = 120) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = 16
        delegate = Delegate()
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: HTTPRequestSpec) async throws -> HTTPResult {
        try await run(request, destination: nil)
    }

    public func download(_ request: HTTPRequestSpec, to destination: String) async throws -> HTTPResult {
        try await run(request, destination: destination)
    }

    private func run(_ spec: HTTPRequestSpec, destination: String?) async throws -> HTTPResult {
        var request = URLRequest(url: spec.url)
        request.httpMethod = spec.method
        for (name, value) in spec.headers { request.setValue(value, forHTTPHeaderField: name) }
        switch spec.body {
        case .empty:
            break
        case .data(let data):
            request.httpBody = data
        case .file(_, let length):
            request.setValue(String(length), forHTTPHeaderField: "Content-Length")
        }
        var output: FileHandle?
        if let destination {
            _ = FileManager.default.createFile(atPath: destination, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: destination) else {
                throw TransportError("cannot write \(destination)")
            }
            output = handle
        }
        let task: URLSessionTask
        if case .file(let path, _) = spec.body {
            task = session.uploadTask(with: request, fromFile: URL(fileURLWithPath: path))
        } else {
            task = session.dataTask(with: request)
        }
        let origin = Origin(spec.url)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResult, Error>) in
                delegate.register(task.taskIdentifier, state: Delegate.State(continuation: continuation, origin: origin, output: output))
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    /// Scheme, host and port: what "the same host" means for keeping credentials.
    struct Origin: Equatable {
        var scheme: String
        var host: String
        var port: Int?

        init(_ url: URL) {
            scheme = (url.scheme ?? "").lowercased()
            host = (url.host ?? "").lowercased()
            port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : nil)
        }
    }

    final class Delegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        struct State {
            var continuation: CheckedContinuation<HTTPResult, Error>
            var origin: Origin
            var output: FileHandle?
            var body = Data()
            var failed: String?

            init(continuation: CheckedContinuation<HTTPResult, Error>, origin: Origin, output: FileHandle?) {
                self.continuation = continuation
                self.origin = origin
                self.output = output
            }
        }

        private let lock = NSLock()
        private var states: [Int: State] = [:]

        func register(_ id: Int, state: State) { lock.withLock { states[id] = state } }

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            let origin = lock.withLock { states[task.taskIdentifier]?.origin }
            var next = request
            if let url = request.url, let origin, Origin(url) != origin {
                next.setValue(nil, forHTTPHeaderField: "Authorization")
            }
            completionHandler(next)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            lock.withLock {
                guard var state = states[dataTask.taskIdentifier] else { return }
                if let output = state.output {
                    do { try output.write(contentsOf: data) } catch { state.failed = "cannot write the download: \(error)" }
                } else {
                    state.body.append(data)
                }
                states[dataTask.taskIdentifier] = state
            }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            guard let state = lock.withLock({ states.removeValue(forKey: task.taskIdentifier) }) else { return }
            try? state.output?.close()
            if let error {
                state.continuation.resume(throwing: TransportError(Self.describe(error)))
                return
            }
            if let failed = state.failed {
                state.continuation.resume(throwing: TransportError(failed))
                return
            }
            guard let response = task.response as? HTTPURLResponse else {
                state.continuation.resume(throwing: TransportError("no HTTP response"))
                return
            }
            var headers: [String: String] = [:]
            for (key, value) in response.allHeaderFields {
                if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
            }
            state.continuation.resume(returning: HTTPResult(status: response.statusCode, headers: headers, body: state.body))
        }

        /// The error's kind and code only: URLSession's descriptions can include the URL,
        /// which is harmless, but never headers.
        static func describe(_ error: Error) -> String {
            let nsError = error as NSError
            if nsError.domain == NSURLErrorDomain {
                switch nsError.code {
                case NSURLErrorTimedOut: return "timed out"
                case NSURLErrorCannotConnectToHost: return "cannot connect to host"
                case NSURLErrorNetworkConnectionLost: return "connection lost"
                case NSURLErrorNotConnectedToInternet: return "not connected"
                case NSURLErrorCannotFindHost: return "cannot find host"
                case NSURLErrorCancelled: return "cancelled"
                default: return "URL error \(nsError.code)"
                }
            }
            return "\(nsError.domain) \(nsError.code)"
        }
    }
}
