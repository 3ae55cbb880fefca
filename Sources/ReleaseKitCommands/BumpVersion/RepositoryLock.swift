import Foundation
import ReleaseKitCore
import ReleaseKitRuntime

/// One changing bump-version at a time per repository.
///
/// Two runs at once would both plan the same release from the same tags, and the
/// loser's rollback used to undo the winner's commit, tag and files. The lock is
/// `releasekit.lock` in the git directory all worktrees share (tags are shared, so
/// the lock must be too), held with `flock`: the kernel drops it when the holder
/// exits in any way, kill -9 included, so a lock file left behind by a dead run is
/// never mistaken for a live one. The file records `pid host` for the message the
/// next run prints, and is removed when the holder finishes.
final class RepositoryLock {
    let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Takes the lock or throws at once (exit 1): a release job should fail loudly
    /// rather than queue behind another one that may release the same version.
    /// `previousHolder` is called with what a dead holder left in the file; `host`
    /// names this machine in the file, for the message another run prints.
    static func acquire(in gitDirectory: String, host: String, previousHolder: (String) -> Void) throws -> RepositoryLock {
        let path = gitDirectory + "/releasekit.lock"
        // A run that finishes removes the file between our open and our flock; the
        // inode check sees that and tries again on the new file.
        for _ in 0..<20 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard descriptor >= 0 else {
                throw OperationError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let failure = errno
                let holder = Self.holder(Self.contents(descriptor))
                close(descriptor)
                if failure == EWOULDBLOCK {
                    throw OperationError("another bump-version is running in this repository (\(holder)); wait for it to finish, then run again (lock: \(path))")
                }
                throw OperationError("cannot lock \(path): \(String(cString: strerror(failure)))")
            }
            var held = stat(), named = stat()
            guard fstat(descriptor, &held) == 0, lstat(path, &named) == 0,
                  held.st_ino == named.st_ino, held.st_dev == named.st_dev else {
                close(descriptor)
                continue
            }
            let left = Self.contents(descriptor).trimmingCharacters(in: .whitespacesAndNewlines)
            if !left.isEmpty { previousHolder(Self.holder(left)) }
            let record = Array("\(getpid()) \(host)\n".utf8)
            _ = ftruncate(descriptor, 0)
            _ = record.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
            return RepositoryLock(path: path, descriptor: descriptor)
        }
        throw OperationError("cannot lock \(path): it was replaced 20 times while locking; another bump-version is starting and finishing in a loop")
    }

    /// Removes the file while still holding it, so a waiting opener sees the inode
    /// change and never locks a file that is no longer the lock.
    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    private static func contents(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : ""
    }

    /// "pid 123 on host" from the file's "123 host".
    private static func holder(_ text: String) -> String {
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard let pid = fields.first, pid.allSatisfy(\.isNumber) else { return "pid unknown" }
        return "pid \(pid)" + (fields.count > 1 ? " on \(fields[1])" : "")
    }
}
