#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `ctg repair` did.
public struct RepairResult: Sendable, Equatable {
    /// The side file that now holds the torn fragment; `nil` when there was nothing to repair.
    public var sideFile: String?
    /// The torn fragment's line number, when there was one.
    public var line: Int?
    /// How many bytes were moved into the side file.
    public var movedBytes: Int
    /// The log's size in bytes afterwards.
    public var size: Int
    /// The log's last `seq` afterwards.
    public var lastSeq: Int
    /// The log's last hash afterwards (the head of the chain), on a sealed log.
    public var head: String?
    /// When the fragment was a whole, valid event missing only its final `\n`: that event's id.
    /// Its append was never confirmed; it can be appended again.
    public var completeEventID: String?
}

/// Moves a torn final line (a fragment without `\n`, left by an interrupted append) out of a log
/// into a side file next to it, so the log is again a valid prefix. Nothing is ever deleted.
public enum Repair {
    /// Repairs the log at `path` when, and only when, its only damage is a torn final line.
    ///
    /// The fragment is first written to `<path>.torn-<UTC time>` (created exclusively, flushed, its
    /// directory flushed), and only then is the log cut back to the end of its last complete line
    /// and flushed. The log is locked meanwhile, like `append` does.
    ///
    /// - Parameters:
    ///   - path: the log.
    ///   - now: the time written into the side file's name.
    ///   - lockTimeout: how long to wait for an append in progress.
    /// - Returns: what was done; `sideFile` is `nil` when the log does not end with a torn line.
    /// - Throws: `LedgerError` `.invalid` when the log has damage other than a torn final line
    ///   (nothing is changed; `ctg verify` lists it), `.io` when reading or writing fails.
    public static func repair(path: String, now: Timestamp, lockTimeout: Double = 30) throws(LedgerError) -> RepairResult {
        let file = try LockedFile(path: path, timeout: lockTimeout, create: false)
        var scanner = LogScanner(file: path)
        var probe: LogScanner?
        try LineReader.forEachLine(fd: file.fd, path: path) { (raw: RawLine) throws(LedgerError) in
            if !raw.terminated { probe = scanner }  // the state just before the fragment
            _ = scanner.scan(raw)
        }
        let errors = scanner.findings.filter { $0.severity == .error && $0.rule != "torn" }
        if let first = errors.first {
            throw LedgerError(
                .invalid, file: path, line: first.line, seq: first.seq, member: first.member,
                "the log has \(errors.count) error\(errors.count == 1 ? "" : "s") that repair does not fix (it only moves a torn final line aside), so nothing was changed. First: \(first.message) Run `ctg verify \(path)` for the list."
            )
        }
        let size = try FileIO.size(file.fd, path: path)
        guard let torn = scanner.tornLine else {
            return RepairResult(sideFile: nil, line: nil, movedBytes: 0, size: size, lastSeq: scanner.lastSeq, head: scanner.lastHash)
        }
        guard torn.offset + torn.length == size else {
            throw LedgerError(
                .io, file: path,
                "the log changed while it was read (it is \(size) bytes, the torn line ends at byte \(torn.offset + torn.length)); nothing was changed. Try again."
            )
        }
        var fragment = [UInt8](repeating: 0, count: torn.length)
        let read = fragment.withUnsafeMutableBytes { buffer in FileIO.read(file.fd, into: buffer.baseAddress!, count: torn.length, at: torn.offset) }
        guard read == torn.length else {
            throw LedgerError(.io, file: path, "cannot read the torn line: \(read < 0 ? FileIO.reason() : "short read"); nothing was changed.")
        }
        // A fragment that is a whole valid event (only the `\n` missing) is named, so it can be appended again.
        var completeEventID: String?
        if var probe {
            let before = probe.findings.count
            let event = fragment.withUnsafeBytes { bytes in
                probe.scan(RawLine(number: torn.line, offset: torn.offset, bytes: bytes, terminated: true))
            }
            if let event, probe.findings.count == before { completeEventID = event.id }
        }
        let side = try writeSideFile(fragment, for: path, now: now)
        guard ftruncate(file.fd, off_t(torn.offset)) == 0, fsync(file.fd) == 0 else {
            throw LedgerError(
                .io, file: path,
                "the torn line was copied to \(side) but the log could not be cut back to \(torn.offset) bytes: \(FileIO.reason()). The log still ends with the torn line; run `ctg repair \(path)` again."
            )
        }
        return RepairResult(
            sideFile: side, line: torn.line, movedBytes: torn.length, size: torn.offset, lastSeq: scanner.lastSeq,
            head: scanner.lastHash, completeEventID: completeEventID)
    }

    /// The side file's name: `<log>.torn-<YYYYMMDDTHHMMSSZ>`.
    static func sideFileName(for path: String, now: Timestamp) -> String {
        let stamp = Timestamp(seconds: now.seconds).description.filter { $0 != "-" && $0 != ":" }
        return "\(path).torn-\(stamp)"
    }

    /// Creates a new side file (never overwriting one: `-2`, `-3`… are added), writes and flushes it.
    private static func writeSideFile(_ bytes: [UInt8], for path: String, now: Timestamp) throws(LedgerError) -> String {
        let base = sideFileName(for: path, now: now)
        var name = base
        var attempt = 1
        var fd: Int32
        while true {
            fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 { break }
            guard errno == EEXIST, attempt < 1000 else {
                throw LedgerError(.io, file: name, "cannot create the side file for the torn line: \(FileIO.reason()); nothing was changed.")
            }
            attempt += 1
            name = "\(base)-\(attempt)"
        }
        defer { close(fd) }
        do throws(LedgerError) {
            let written: Result<Void, LedgerError> = bytes.withUnsafeBytes { buffer in
                do throws(LedgerError) { return .success(try FileIO.writeAll(fd, buffer, path: name)) } catch { return .failure(error) }
            }
            try written.get()
            guard fsync(fd) == 0 else {
                throw LedgerError(.io, file: name, "cannot flush the side file: \(FileIO.reason()).")
            }
        } catch {
            unlink(name)
            throw LedgerError(.io, file: name, error.message + " Nothing was changed in the log.")
        }
        FileIO.syncDirectory(of: name)
        return name
    }
}
