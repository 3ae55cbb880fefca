import Foundation

/// Reads log text the way the Actions runner looks for commands: `::name props::data`
/// at the start of a line, and the legacy `##[name props]data` anywhere in a line
/// (tried only when the line is not already a `::` command). Lines between
/// `::stop-commands::TOKEN` and `::TOKEN::` are inert.
struct WorkflowCommandScanner {
    struct Command: Equatable {
        var name: String
        var properties: String
        var data: String
    }

    static func commands(in text: String) -> [Command] {
        var found: [Command] = []
        var stopToken: String?
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = String(decoding: rawLine, as: UTF8.self)
            if let token = stopToken {
                if line == "::\(token)::" { stopToken = nil }
                continue
            }
            if line.hasPrefix("::"), let end = line.dropFirst(2).range(of: "::", options: .literal) {
                let head = line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound]
                let parts = head.split(separator: " ", maxSplits: 1)
                let name = parts.first.map(String.init) ?? ""
                let command = Command(name: name, properties: parts.count > 1 ? String(parts[1]) : "",
                                      data: String(line[end.upperBound...]))
                if name == "stop-commands" { stopToken = command.data }
                found.append(command)
                continue
            }
            if let start = line.range(of: "##[", options: .literal), let close = line[start.upperBound...].firstIndex(of: "]") {
                let head = line[start.upperBound..<close]
                let parts = head.split(separator: " ", maxSplits: 1)
                found.append(Command(name: parts.first.map(String.init) ?? "",
                                     properties: parts.count > 1 ? String(parts[1]) : "",
                                     data: String(line[line.index(after: close)...])))
            }
        }
        return found
    }

    /// What the runner shows for an annotation's data.
    static func unescapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%25", with: "%")
    }
}
