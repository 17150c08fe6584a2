#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin, typed wrappers over the POSIX calls the log needs, each failure a `LedgerError` of kind `.io`.
enum FileIO {
    /// The text of `errno` for messages.
    static func reason(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    static func openForReading(_ path: String) throws(LedgerError) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ENOENT {
                throw LedgerError(.io, file: path, "the log file does not exist.")
            }
            throw LedgerError(.io, file: path, "cannot open the log for reading: \(reason(code)).")
        }
        return fd
    }

    /// Reads up to `count` bytes; retries on EINTR.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, path: String) throws(LedgerError) -> Int {
        while true {
            let n = systemRead(fd, buffer, count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw LedgerError(.io, file: path, "cannot read the log: \(reason()).")
        }
    }

    /// Throws what `openForReading` throws when `path` cannot be opened for reading.
    static func checkReadable(_ path: String) throws(LedgerError) {
        close(try openForReading(path))
    }

    /// Reads up to `count` bytes at `offset` without moving the file position (`pread`), retrying
    /// on EINTR and short reads: fewer bytes only at the end of the file, -1 on an error (`errno`).
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Int {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset + done))
            if n > 0 {
                done += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                return -1
            }
        }
        return done
    }

    /// Writes every byte or throws; retries on EINTR and short writes.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(LedgerError) {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                let code = n == 0 ? ENOSPC : errno
                throw LedgerError(.io, file: path, "cannot write to the file: \(reason(code)).")
            }
        }
    }

    static func size(_ fd: Int32, path: String) throws(LedgerError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw LedgerError(.io, file: path, "cannot read the file's size: \(reason()).")
        }
        return Int(info.st_size)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Writes a whole file in one step: into a temporary file beside it, flushed, then moved
    /// in place. Without `replacing`, an existing file is never overwritten (`link` fails if one
    /// appeared meanwhile).
    ///
    /// - Throws: `LedgerError` of kind `.io`; the target is then untouched.
    static func writeFile(_ bytes: [UInt8], to path: String, replacing: Bool) throws(LedgerError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LedgerError(.io, file: path, "cannot create the file: \(reason()).") }
        let written: Result<Void, LedgerError> = bytes.withUnsafeBytes { buffer in
            do throws(LedgerError) {
                try writeAll(fd, buffer, path: path)
                guard fsync(fd) == 0 else { throw LedgerError(.io, file: path, "cannot flush the file to disk: \(reason()).") }
                return .success(())
            } catch { return .failure(error) }
        }
        close(fd)
        if case .failure(let error) = written {
            unlink(temporary)
            throw error
        }
        let moved = replacing ? rename(temporary, path) == 0 : link(temporary, path) == 0
        let why = reason()
        if !replacing || !moved { unlink(temporary) }
        guard moved else {
            throw LedgerError(
                .io, file: path, replacing ? "cannot write the file: \(why)." : "cannot create the file (\(why)); it may have appeared meanwhile.")
        }
    }

    /// Makes a new file's directory entry durable (best effort).
    static func syncDirectory(of path: String) {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    /// Reads a whole file (for standard input and small files), refusing more than `limit` bytes.
    static func readAll(fd: Int32, path: String, limit: Int = .max) throws(LedgerError) -> [UInt8] {
        var result: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = try read(fd, into: chunk.baseAddress!, count: chunk.count, path: path)
            if n == 0 { return result }
            if result.count + n > limit {
                throw LedgerError(.invalid, file: path, "the input is longer than \(limit) bytes, the most one `ctg append` takes; append in several batches.")
            }
            result.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
        }
    }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
