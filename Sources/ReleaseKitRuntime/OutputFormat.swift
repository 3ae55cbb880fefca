import Foundation
import ReleaseKitCore

/// The file formats a tool can write its outputs in.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// `GITHUB_OUTPUT`'s format (also Forgejo and Gitea): heredoc entries.
    case github
    /// GitLab's `artifacts: reports: dotenv`: `KEY=value` lines.
    case dotenv
    /// One JSON object of strings.
    case json
}

/// Why a set of outputs cannot be written in the requested format.
public struct OutputFormatError: ReleaseKitError, Equatable {
    public let description: String
    public var kind: FailureKind { .invalidInput }
}

/// Encodes `GITHUB_OUTPUT` entries. Every value uses the heredoc form with a fresh
/// random delimiter, chosen again if the value happens to contain it, so no value —
/// newlines, `\r`, `name=value` lines, delimiter look-alikes — can end an entry early
/// or add a key.
public struct GitHubOutputEncoder: Sendable {
    public var makeDelimiter: @Sendable () -> String

    public init(makeDelimiter: @escaping @Sendable () -> String = { "ghadelimiter_" + UUID().uuidString }) {
        self.makeDelimiter = makeDelimiter
    }

    public func encode(_ outputs: StepOutputs) -> String {
        var text = ""
        for (name, value) in outputs.entries {
            text += entry(name: name, value: value)
        }
        return text
    }

    public func entry(name: String, value: String) -> String {
        var delimiter = makeDelimiter()
        var attempts = 0
        // Compare bytes, not Characters: the runner splits lines on LF bytes.
        let valueBytes = Data(value.utf8)
        let nameBytes = Data(name.utf8)
        while valueBytes.range(of: Data(delimiter.utf8)) != nil || nameBytes.range(of: Data(delimiter.utf8)) != nil {
            attempts += 1
            // A fixed generator that keeps colliding would loop forever; lengthen it.
            delimiter = makeDelimiter() + (attempts > 3 ? "_\(attempts)" + UUID().uuidString : "")
        }
        return "\(name)<<\(delimiter)\n\(value)\n\(delimiter)\n"
    }
}

/// Encodes GitLab dotenv reports. GitLab reads one `KEY=value` per line, keys of
/// `[A-Za-z0-9_]`, no empty lines or comments, no multi-line values, quotes kept
/// literally and surrounding blanks stripped. A value it cannot carry exactly is
/// written to a side file instead, and the report gets `<KEY>_VALUE_FILE=<path>`.
public struct DotenvEncoder: Sendable {
    /// GitLab's default limit for a dotenv report.
    public static let sizeLimit = 5 * 1024

    public struct Result: Sendable, Equatable {
        public var text: String
        /// Values moved to side files: output name -> (key, path, value).
        public var sideFiles: [SideFile]
    }

    public struct SideFile: Sendable, Equatable {
        public var outputName: String
        public var key: String
        public var path: String
        public var value: String
    }

    public init() {}

    public static func key(for name: String) -> String {
        name.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// Whether GitLab would read the value back exactly as written.
    public static func canExpress(_ value: String) -> Bool {
        if value.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\0" }) { return false }
        if let first = value.unicodeScalars.first, CharacterSet.whitespaces.contains(first) { return false }
        if let last = value.unicodeScalars.last, CharacterSet.whitespaces.contains(last) { return false }
        return true
    }

    /// - Parameter sideFilePath: where a value that cannot be expressed goes, given its
    ///   output name (normally beside the report).
    public func encode(_ outputs: StepOutputs, sideFilePath: (String) -> String) throws -> Result {
        let keys = Set(outputs.names.map(Self.key(for:)))
        var lines: [String] = []
        var sideFiles: [SideFile] = []
        for (name, value) in outputs.entries {
            let key = Self.key(for: name)
            if Self.canExpress(value) {
                lines.append("\(key)=\(value)")
                continue
            }
            let sideKey = key + "_VALUE_FILE"
            guard !keys.contains(sideKey) else {
                throw OutputFormatError(description:
                    "output \(name) holds a value dotenv cannot express (multi-line or surrounding blanks) and its side-file key \(sideKey) is taken by another output; use --output-format json")
            }
            let path = sideFilePath(name)
            guard Self.canExpress(path) else {
                throw OutputFormatError(description: "output \(name) needs a side file, but its path \"\(path)\" cannot be written in dotenv; choose an --output-file path without newlines or surrounding blanks")
            }
            sideFiles.append(SideFile(outputName: name, key: sideKey, path: path, value: value))
            lines.append("\(sideKey)=\(path)")
        }
        return Result(text: lines.map { $0 + "\n" }.joined(), sideFiles: sideFiles)
    }
}
