import Foundation
import ReleaseKitCore
import ReleaseKitRuntime

/// Writes planned files all-or-nothing: each write is atomic, and when one fails
/// the files already written get their old content back before the error is
/// reported, so a failed run leaves no half-bumped package behind.
struct VersionFileWriter {
    let fileSystem: FileSystem
    let log: Log

    /// Returns the files written, in order.
    func write(_ files: [PlannedFile]) throws -> [PlannedFile] {
        var written: [PlannedFile] = []
        for file in files where file.changes {
            do {
                try fileSystem.writeAtomically(Data(file.new!), to: file.ref.absolutePath)
                written.append(file)
            } catch {
                restore(written)
                throw error
            }
        }
        return written
    }

    /// Puts the old content back; a file that cannot be restored is reported, not hidden.
    func restore(_ files: [PlannedFile]) {
        for file in files.reversed() {
            do { try fileSystem.writeAtomically(Data(file.old), to: file.ref.absolutePath) } catch {
                log.error("could not restore \(file.ref.displayPath) after a failed run: \(error); restore it with git checkout -- \(file.ref.displayPath)")
            }
        }
    }
}
