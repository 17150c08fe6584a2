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
    static let defaultChunkSize = 1 << 20

    private let fd: Int32
    /// The file as it was when the check started, in chunks; `wait` hashes what lies beyond.
    private let chunks: LineChunks
    private let chunkCount: Int
    // Guarded by `lock`: the next chunk from the front, the chunk after the last one left from the back.
    private var lock = pthread_mutex_t()
    private var front = 0
    private var back: Int
    private var failure: LedgerError?
    // Each slot is written by the one thread that claimed the chunk, read after joining.
    private let results: UnsafeMutableBufferPointer<ChunkResult?>
    /// The worker, or `nil` when no thread could be started (then `wait` hashes every chunk).
    private var thread: WorkerThread?

    /// Starts hashing `path` on a new thread (a POSIX thread: no Foundation, so `ctg` starts fast).
    ///
    /// A file that cannot be opened is not an error here: the caller's own read reports it.
    init(path: String, chunkSize: Int = ParallelHashCheck.defaultChunkSize) {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        chunks = LineChunks(fd: fd, path: path, size: chunkSize)
        chunkCount = chunks.count
        back = chunkCount
        results = .allocate(capacity: chunkCount)
        results.initialize(repeating: nil)
        pthread_mutex_init(&lock, nil)
        guard chunkCount > 1 else { return }
        thread = WorkerThread.start { [self] in work(fromFront: true) }
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
        thread?.join()
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
            let buffer = ReadBuffer()
            mismatches += try hash(coveredEnd..<scannedEnd, firstLine: linesBefore + 1, buffer: buffer).mismatches
        }
        return mismatches
    }

    /// Claims and hashes chunks, from the front (the worker) or the back (the caller), until none is left.
    private func work(fromFront: Bool) {
        let buffer = ReadBuffer()
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
                results[chunk] = try hash(try chunks.range(of: chunk), firstLine: 1, buffer: buffer)
            } catch {
                pthread_mutex_lock(&lock)
                if failure == nil { failure = error }
                pthread_mutex_unlock(&lock)
                return
            }
        }
    }

    /// Hashes the complete lines of `range` (a final fragment without `\n` is left alone, as the
    /// scanner reports it as torn); lines are numbered from `firstLine`.
    ///
    /// The chunk's sealed lines are gathered first, then hashed together, four at a time in SIMD
    /// lanes (`MultiBufferSHA256`), then compared in file order.
    private func hash(_ range: Range<Int>, firstLine: Int, buffer: ReadBuffer) throws(LedgerError) -> ChunkResult {
        // A chunk with no line of its own (inside a long line or the final fragment) covers nothing.
        var result = ChunkResult(completeEnd: range.isEmpty ? 0 : range.lowerBound)
        // A chunk that long holds a line over the limit: the scanner refuses the log, nothing to hash.
        guard fd >= 0, range.count <= chunks.size + LineReader.maximumLineLength else { return result }
        // The sealed lines (in `buffer`, valid until its next read), their numbers and hashed parts.
        var sealed: [(line: UnsafeRawBufferPointer, number: Int)] = []
        var hashed: [UnsafeRawBufferPointer] = []
        result.completeEnd = try chunks.forEachLine(in: range, buffer: buffer) { (bytes, offset) throws(LedgerError) in
            var line = bytes
            result.lines += 1
            if offset == 0, line.starts(with: [0xEF, 0xBB, 0xBF]) {
                line = UnsafeRawBufferPointer(rebasing: line[3...])
            }
            if Self.isSealed(line) {
                sealed.append((line, firstLine + result.lines - 1))
                hashed.append(SealFormat.hashedPart(of: line))
            }
        }
        guard !sealed.isEmpty else { return result }
        let digests = [SHA256Digest](unsafeUninitializedCapacity: hashed.count) { digests, initialized in
            hashed.withUnsafeBufferPointer { MultiBufferSHA256.hash($0, into: digests.baseAddress!) }
            initialized = hashed.count
        }
        for (index, entry) in sealed.enumerated() {
            let written = SealFormat.writtenHash(of: entry.line)
            guard !digests[index].matches(hex: written) else { continue }
            result.mismatches.append(
                Mismatch(line: entry.number, computed: digests[index].hex, written: String(decoding: written, as: UTF8.self)))
        }
        return result
    }

    /// `true` when the line ends like a sealed one, so that its hash is checked.
    private static func isSealed(_ line: UnsafeRawBufferPointer) -> Bool {
        line.count > SealFormat.suffixLength && line.count <= LineReader.maximumLineLength && SealFormat.hasHashSuffix(line)
    }
}
