#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Recomputes the SHA-256 of every sealed line on a second thread while the caller parses
/// and validates the same file on its own.
///
/// The file is cut into chunks of whole lines. The worker hashes chunks from the front; once the
/// caller has done its own pass it calls `wait`, which hashes the remaining chunks from the back
/// until the two meet. On two cores `verify` then costs about half the sum of hashing and
/// parsing, or the longer of the two when that is more.
///
/// It only says which lines' content does not match the hash written at their end; whether
/// that is reported depends on the other checks, which `LogScanner` makes (see
/// `LogScanner.deferHashes`).
final class ParallelHashCheck: @unchecked Sendable {
    /// A line whose bytes do not hash to the hash written at its end.
    struct Mismatch: Sendable {
        var line: Int
        /// The SHA-256 of the line's bytes before `,"hash":`, in hex.
        var computed: String
        /// The hash written at the line's end.
        var written: String
    }

    /// What hashing one chunk found: its lines are numbered from 1 within the chunk.
    private struct ChunkResult {
        var lines = 0
        var mismatches: [Mismatch] = []
        /// The offset just after the chunk's last complete line (its start when it has none).
        var completeEnd = 0
    }

    /// Nominal size of a chunk; a chunk runs from the first line start at or after its nominal start.
    static let defaultChunkSize = 4 << 20

    private let path: String
    private let chunkSize: Int
    private let fd: Int32
    /// The file's size when the check started: the chunks cover it; `wait` hashes what lies beyond.
    private let size: Int
    private let chunkCount: Int
    // Guarded by `lock`: the next chunk from the front, the chunk after the last one left from the back.
    private var lock = pthread_mutex_t()
    private var front = 0
    private var back: Int
    private var failure: LedgerError?
    // Each slot is written by the one thread that claimed the chunk, read after joining.
    private let results: UnsafeMutableBufferPointer<ChunkResult?>
    /// The worker, or `nil` when no thread could be started (then `wait` hashes every chunk).
    private var thread: pthread_t?

    /// Starts hashing `path` on a new thread (a POSIX thread: no Foundation, so `ctg` starts fast).
    ///
    /// A file that cannot be opened is not an error here: the caller's own read reports it.
    init(path: String, chunkSize: Int = ParallelHashCheck.defaultChunkSize) {
        self.path = path
        self.chunkSize = max(chunkSize, 1)
        fd = open(path, O_RDONLY | O_CLOEXEC)
        var info = stat()
        size = fd >= 0 && fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        chunkCount = (size + self.chunkSize - 1) / self.chunkSize
        back = chunkCount
        results = .allocate(capacity: chunkCount)
        results.initialize(repeating: nil)
        pthread_mutex_init(&lock, nil)
        guard chunkCount > 1 else { return }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 1 << 20)
        defer { pthread_attr_destroy(&attributes) }
        let context = Unmanaged.passRetained(self).toOpaque()
        #if canImport(Darwin)
            var handle: pthread_t?
        #else
            var handle = pthread_t()
        #endif
        let started = pthread_create(
            &handle, &attributes,
            { context in
                let check = Unmanaged<ParallelHashCheck>.fromOpaque(context!).takeRetainedValue()
                check.work(fromFront: true)
                return nil
            }, context)
        if started == 0 {
            thread = handle
        } else {
            Unmanaged<ParallelHashCheck>.fromOpaque(context).release()
        }
    }

    deinit {
        if fd >= 0 { close(fd) }
        results.deinitialize().deallocate()
        pthread_mutex_destroy(&lock)
    }

    /// Hashes what is left from the back, waits for the worker and returns the mismatching lines
    /// in file order.
    ///
    /// - Parameter scannedEnd: the end of the last complete line the caller read; lines between the
    ///   size seen at the start and this offset (appended meanwhile) are hashed here too.
    /// - Throws: the I/O error met while hashing, if any.
    func wait(scannedEnd: Int = 0) throws(LedgerError) -> [Mismatch] {
        work(fromFront: false)
        if let thread { pthread_join(thread, nil) }
        if let failure { throw failure }
        var mismatches: [Mismatch] = []
        var linesBefore = 0
        var coveredEnd = 0
        for result in results {
            guard let result else { continue }
            for var mismatch in result.mismatches {
                mismatch.line += linesBefore
                mismatches.append(mismatch)
            }
            linesBefore += result.lines
            coveredEnd = max(coveredEnd, result.completeEnd)
        }
        if scannedEnd > coveredEnd {
            let tail = try hash(from: coveredEnd, to: scannedEnd, firstLine: linesBefore + 1)
            mismatches += tail.mismatches
        }
        return mismatches
    }

    /// Claims and hashes chunks, from the front (the worker) or the back (the caller), until none is left.
    private func work(fromFront: Bool) {
        while true {
            pthread_mutex_lock(&lock)
            var claimed: Int?
            if front < back && failure == nil {
                if fromFront {
                    claimed = front
                    front += 1
                } else {
                    back -= 1
                    claimed = back
                }
            }
            pthread_mutex_unlock(&lock)
            guard let chunk = claimed else { return }
            do {
                let start = try lineStart(atOrAfter: chunk * chunkSize)
                let end = try lineStart(atOrAfter: (chunk + 1) * chunkSize)
                results[chunk] = try hash(from: start, to: end, firstLine: 1)
            } catch {
                pthread_mutex_lock(&lock)
                if failure == nil { failure = error }
                pthread_mutex_unlock(&lock)
                return
            }
        }
    }

    /// The offset of the first line that starts at or after `offset` (0, or just after a `\n`);
    /// the size seen at the start when there is none before it.
    private func lineStart(atOrAfter offset: Int) throws(LedgerError) -> Int {
        guard offset > 0 else { return 0 }
        guard offset < size else { return size }
        var position = offset - 1
        var buffer = [UInt8](repeating: 0, count: 4096)
        while position < size {
            let count = try read(into: &buffer, at: position, count: min(buffer.count, size - position))
            if let newline = buffer[0..<count].firstIndex(of: 0x0A) { return position + newline + 1 }
            position += count
        }
        return size
    }

    /// Hashes the complete lines in `start..<end` (a final fragment without `\n` is left alone, as
    /// the scanner reports it as torn); lines are numbered from `firstLine`.
    private func hash(from start: Int, to end: Int, firstLine: Int) throws(LedgerError) -> ChunkResult {
        var result = ChunkResult(completeEnd: start)
        // A chunk that long holds a line over the limit: the scanner refuses the log, nothing to hash.
        guard end > start, fd >= 0, end - start <= chunkSize + LineReader.maximumLineLength else { return result }
        var bytes = [UInt8](repeating: 0, count: end - start)
        let count = try read(into: &bytes, at: start, count: end - start)
        let consumed = bytes.withUnsafeBytes { buffer in
            var lineStart = 0
            while lineStart < count {
                guard let found = memchr(buffer.baseAddress! + lineStart, 0x0A, count - lineStart) else { break }
                let newline = UnsafeRawPointer(found) - buffer.baseAddress!
                var line = UnsafeRawBufferPointer(rebasing: buffer[lineStart..<newline])
                result.lines += 1
                if start + lineStart == 0, line.starts(with: [0xEF, 0xBB, 0xBF]) {
                    line = UnsafeRawBufferPointer(rebasing: line[3...])
                }
                if let mismatch = Self.check(line, number: firstLine + result.lines - 1) {
                    result.mismatches.append(mismatch)
                }
                lineStart = newline + 1
            }
            return lineStart
        }
        result.completeEnd = start + consumed
        return result
    }

    /// The mismatch of one sealed line, or `nil` when it matches or is not sealed.
    private static func check(_ line: UnsafeRawBufferPointer, number: Int) -> Mismatch? {
        guard line.count > SealFormat.suffixLength, line.count <= LineReader.maximumLineLength, SealFormat.hasHashSuffix(line) else { return nil }
        let digest = SHA256.hash(bytes: SealFormat.hashedPart(of: line))
        let written = SealFormat.writtenHash(of: line)
        guard !matches(digest, hex: written) else { return nil }
        return Mismatch(line: number, computed: digest.hex, written: String(decoding: written, as: UTF8.self))
    }

    /// Reads up to `count` bytes at `offset` (fewer only at the end of the file).
    private func read(into buffer: inout [UInt8], at offset: Int, count: Int) throws(LedgerError) -> Int {
        let path = self.path
        let fd = self.fd
        let result: Result<Int, LedgerError> = buffer.withUnsafeMutableBytes { target in
            var done = 0
            while done < count {
                let n = pread(fd, target.baseAddress! + done, count - done, off_t(offset + done))
                if n > 0 {
                    done += n
                } else if n == 0 {
                    break
                } else if errno != EINTR {
                    return .failure(LedgerError(.io, file: path, "cannot read the log: \(FileIO.reason())."))
                }
            }
            return .success(done)
        }
        return try result.get()
    }

    /// `true` when `hex` is the lowercase hex form of `digest`.
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func matches(_ digest: SHA256Digest, hex: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        for byte in digest.bytes {
            if hex[index] != digits[Int(byte >> 4)] || hex[index + 1] != digits[Int(byte & 0x0F)] { return false }
            index += 2
        }
        return true
    }
}
