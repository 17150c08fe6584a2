#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A new file written piece by piece, as `FileIO.writeFile(_:to:replacing: false)` writes one whole:
/// into a temporary file beside it, flushed, then linked in place (`link` fails if a file appeared
/// there meanwhile, so none is ever overwritten). Until `commit()`, nothing is at `path`; whatever
/// happens, the temporary file does not stay.
final class NewFile {
    /// Where the file goes.
    let path: String
    private let temporary: String
    private var fd: Int32
    private var discarded = false
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 20

    /// Creates the temporary file.
    ///
    /// - Throws: `LedgerError` of kind `.io` when it cannot be created.
    init(path: String) throws(LedgerError) {
        self.path = path
        temporary = path + ".tmp-\(getpid())"
        fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LedgerError(.io, file: path, "cannot create the file: \(FileIO.reason()).") }
        buffer.reserveCapacity(NewFile.bufferSize)
    }

    deinit { discard() }

    /// Adds bytes at the end.
    ///
    /// - Throws: `LedgerError` of kind `.io` when they cannot be written.
    func write(_ bytes: [UInt8]) throws(LedgerError) {
        buffer += bytes
        if buffer.count >= NewFile.bufferSize { try flushBuffer() }
    }

    private func flushBuffer() throws(LedgerError) {
        let result: Result<Void, LedgerError> = buffer.withUnsafeBytes { bytes in
            do throws(LedgerError) {
                try FileIO.writeAll(fd, bytes, path: path)
                return .success(())
            } catch { return .failure(error) }
        }
        buffer.removeAll(keepingCapacity: true)
        if case .failure(let error) = result { throw error }
    }

    /// Writes what is buffered, flushes the file to disk and links it at `path`.
    ///
    /// - Throws: `LedgerError` of kind `.io`; nothing is then at `path` (unless a file appeared there meanwhile).
    func commit() throws(LedgerError) {
        defer { discard() }
        try flushBuffer()
        guard fsync(fd) == 0 else { throw LedgerError(.io, file: path, "cannot flush the file to disk: \(FileIO.reason()).") }
        close(fd)
        fd = -1
        guard link(temporary, path) == 0 else {
            throw LedgerError(.io, file: path, "cannot create the file (\(FileIO.reason())); it may have appeared meanwhile.")
        }
    }

    /// Removes the temporary file (nothing is written at `path`).
    func discard() {
        guard !discarded else { return }
        discarded = true
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        unlink(temporary)
    }
}
