#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open log file held under an exclusive `flock`, so that two processes never
/// check and write at the same time. The lock goes with the descriptor on `close`.
struct LockedFile: ~Copyable {
    let fd: Int32
    let path: String
    /// `true` when this process created the file (it is removed again if nothing is written).
    let created: Bool

    /// Opens (creating if needed, unless `create` is `false`) and locks `path`, waiting up to `timeout` seconds for other writers.
    ///
    /// - Throws: `LedgerError` of kind `.io` when the file cannot be opened or the lock is not obtained in time.
    init(path: String, timeout: Double = 30, create: Bool = true) throws(LedgerError) {
        let deadline = Double(LockedFile.monotonicNanoseconds()) / 1e9 + timeout
        while true {
            let existed = FileIO.exists(path)
            let fd = open(path, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0o644)
            guard fd >= 0 else {
                if errno == ENOENT && !create { throw LedgerError(.io, file: path, "the log file does not exist.") }
                throw LedgerError(.io, file: path, "cannot open the log for writing: \(FileIO.reason()).")
            }
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                guard code == EWOULDBLOCK || code == EINTR else {
                    close(fd)
                    throw LedgerError(.io, file: path, "cannot lock the log: \(FileIO.reason(code)).")
                }
                if Double(LockedFile.monotonicNanoseconds()) / 1e9 > deadline {
                    close(fd)
                    throw LedgerError(
                        .io, file: path,
                        "the log is locked by another process (an append in progress?) and stayed locked for \(Int(timeout)) seconds; try again.")
                }
                usleep(2_000)
            }
            // The file may have been removed or replaced while we waited: lock the one at `path`.
            var opened = stat()
            var current = stat()
            if fstat(fd, &opened) == 0, stat(path, &current) == 0, opened.st_ino == current.st_ino, opened.st_dev == current.st_dev {
                self.fd = fd
                self.path = path
                self.created = !existed
                return
            }
            close(fd)
        }
    }

    /// Removes the file if this process created it and it is still empty (a refused first append).
    func removeIfCreatedAndEmpty() {
        if created, (try? FileIO.size(fd, path: path)) == 0 { unlink(path) }
    }

    deinit {
        close(fd)
    }

    static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
