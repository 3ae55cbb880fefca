import Foundation

/// This machine's name, for the records that say which run holds a repository
/// (`RepositoryLock`, `ReleaseJournal`). Read here once rather than in the tools, so
/// it can move into `ToolContext` (and be faked in tests) without touching them.
enum HostName {
    static let current = ProcessInfo.processInfo.hostName
}
