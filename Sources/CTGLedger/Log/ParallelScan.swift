#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a log's lines in file order with their decoding (`LogScanner.decode`: JSON, envelope,
/// payload, and the SHA-256 when asked) done on two threads: a worker decodes chunks of whole lines
/// ahead of the caller, and the caller decodes the next chunk itself whenever the worker has not
/// taken it. Lines reach `body` in order, exactly as a line-by-line read would give them; at most
/// a few chunks are decoded ahead, so memory stays flat.
///
/// Only the chunks of the file as it was when the read began are shared out; the rest (a torn
/// final fragment, lines appended meanwhile, a line over the length limit) is read line by line
/// by `LineReader`, so the outcome is the same as its.
final class ParallelScan: @unchecked Sendable {
    /// Nominal size of a chunk.
    static let defaultChunkSize = 512 << 10
    /// How many chunks the worker may decode ahead of the one the caller is at.
    static let window = 3

    /// What decoding one chunk gave.
    private struct ChunkOutcome {
        var lines: [DecodedLine] = []
        /// Just after the last line decoded (when `stoppedAt` is set, that line's start); `nil` for
        /// a chunk with no line of its own (inside a long line or the final fragment).
        var end: Int?
        /// The offset of a line too long to decode here: read on from there line by line.
        var stoppedAt: Int?
        var failure: LedgerError?
        /// Decoded by the worker: its memory goes back to the worker to be freed.
        var byWorker = false
    }

    /// What the caller does next for the chunk it is at.
    private enum Step {
        /// Decode it: nobody has.
        case decode
        /// It is ready.
        case ready(ChunkOutcome)
        /// The worker is on it: decode this later chunk meanwhile.
        case help(Int)
    }

    private let chunks: LineChunks
    private let hashing: Bool
    private let decoding: LineDecoding
    private var lock = pthread_mutex_t()
    private var changed = pthread_cond_t()
    // Guarded by `lock`.
    private var nextUnclaimed = 0
    private var consumerAt = 0
    private var stopping = false
    private var ready: [Int: ChunkOutcome] = [:]
    private var returned: [[DecodedLine]] = []

    private init(chunks: LineChunks, hashing: Bool, decoding: LineDecoding) {
        self.chunks = chunks
        self.hashing = hashing
        self.decoding = decoding
        pthread_mutex_init(&lock, nil)
        pthread_cond_init(&changed, nil)
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&lock)
    }

    /// Calls `body` with each line of the log at `path`, decoded, in file order.
    ///
    /// - Parameters:
    ///   - hashing: compute each sealed event line's SHA-256 (`DecodedLine.computedHash`).
    ///   - decoding: what each event keeps of its line and how much is built (`LogScanner.decoding`).
    ///   - chunkSize: nominal size of the chunks shared out (tests vary it).
    /// - Throws: what `LineReader` throws for the same file, or what `body` throws.
    static func forEachLine(
        path: String, hashing: Bool, decoding: LineDecoding = LineDecoding(), chunkSize: Int = defaultChunkSize,
        _ body: (DecodedLine) throws(LedgerError) -> Void
    ) throws(LedgerError) {
        let fd = try FileIO.openForReading(path)
        defer { close(fd) }
        try forEachLine(fd: fd, path: path, hashing: hashing, decoding: decoding, chunkSize: chunkSize, body)
    }

    /// The same, on a file already open (`fd`, read with `pread` only; `path` names it in messages).
    static func forEachLine(
        fd: Int32, path: String, hashing: Bool, decoding: LineDecoding = LineDecoding(), chunkSize: Int = defaultChunkSize,
        _ body: (DecodedLine) throws(LedgerError) -> Void
    ) throws(LedgerError) {
        let chunks = LineChunks(fd: fd, path: path, size: chunkSize)
        let tape = JSONTape()
        var lineNumber = 0
        var resumeAt = 0
        if chunks.count > 1 {
            let scan = ParallelScan(chunks: chunks, hashing: hashing, decoding: decoding)
            let worker = WorkerThread.start { scan.work() }
            defer { scan.stop(worker) }
            let buffer = ReadBuffer()
            for index in 0..<chunks.count {
                var outcome: ChunkOutcome
                steps: while true {
                    switch scan.next(index) {
                    case .decode:
                        outcome = scan.decode(index, tape: tape, buffer: buffer)
                        break steps
                    case .ready(let decoded):
                        outcome = decoded
                        break steps
                    case .help(let later):
                        scan.post(later, scan.decode(later, tape: tape, buffer: buffer))
                    }
                }
                if let failure = outcome.failure { throw failure }
                // Numbered in place and lent to `body`: a copy of each line would be retained and
                // released again, field by field.
                for index in outcome.lines.indices {
                    lineNumber += 1
                    outcome.lines[index].number = lineNumber
                    try body(outcome.lines[index])
                }
                if let end = outcome.end { resumeAt = end }
                if outcome.stoppedAt != nil { break }
                // What the worker allocated is freed by the worker: freeing it here would make
                // both threads wait on each other's allocator locks.
                if outcome.byWorker { scan.giveBack(&outcome.lines) }
            }
        }
        // The rest, line by line: the whole file when it is small.
        try LineReader.forEachLine(fd: fd, path: path, startOffset: resumeAt, firstLine: lineNumber + 1) { (raw: RawLine) throws(LedgerError) in
            try body(LogScanner.decode(raw, tape: tape, hashing: hashing, decoding: decoding))
        }
    }

    /// What to do for chunk `index`, the one the caller is at: decode it, take it, or help.
    private func next(_ index: Int) -> Step {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        if consumerAt != index {
            consumerAt = index
            pthread_cond_broadcast(&changed)
        }
        if nextUnclaimed == index {
            nextUnclaimed += 1
            return .decode
        }
        if let outcome = ready.removeValue(forKey: index) { return .ready(outcome) }
        if nextUnclaimed < chunks.count && nextUnclaimed < index + Self.window {
            nextUnclaimed += 1
            return .help(nextUnclaimed - 1)
        }
        while ready[index] == nil { pthread_cond_wait(&changed, &lock) }
        return .ready(ready.removeValue(forKey: index)!)
    }

    /// Posts the outcome of a chunk.
    private func post(_ index: Int, _ outcome: ChunkOutcome) {
        pthread_mutex_lock(&lock)
        ready[index] = outcome
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&lock)
    }

    /// Hands the lines of a chunk the worker decoded back to it, to be freed on its thread.
    private func giveBack(_ lines: inout [DecodedLine]) {
        pthread_mutex_lock(&lock)
        returned.append(lines)
        lines = []
        pthread_mutex_unlock(&lock)
    }

    /// Decodes the lines of chunk `index`, stopping before a line too long for `LineReader`.
    private func decode(_ index: Int, tape: JSONTape, buffer: ReadBuffer) -> ChunkOutcome {
        var outcome = ChunkOutcome(end: nil)
        do {
            let range = try chunks.range(of: index)
            guard !range.isEmpty else { return outcome }
            outcome.end = range.lowerBound
            guard range.count <= chunks.size + LineReader.maximumLineLength else {
                outcome.stoppedAt = range.lowerBound
                return outcome
            }
            let hashing = self.hashing
            let decoding = self.decoding
            // The chunk's lines (in `buffer`), then their hashes all together (in SIMD lanes), then each decoded.
            var lines: [(bytes: UnsafeRawBufferPointer, offset: Int)] = []
            lines.reserveCapacity(range.count / 256)
            outcome.end = try chunks.forEachLine(in: range, buffer: buffer) { (bytes, offset) throws(LedgerError) in
                guard outcome.stoppedAt == nil else { return }
                guard bytes.count < LineReader.maximumLineLength else {
                    outcome.stoppedAt = offset
                    return
                }
                lines.append((bytes, offset))
            }
            if let stoppedAt = outcome.stoppedAt { outcome.end = stoppedAt }
            let digests = hashing ? LogScanner.sealedDigests(lines) : []
            outcome.lines.reserveCapacity(lines.count)
            for (index, line) in lines.enumerated() {
                // The number is set by the caller; 1 here only tells the first line (byte order mark).
                let raw = RawLine(number: line.offset == 0 ? 1 : 0, offset: line.offset, bytes: line.bytes, terminated: true)
                outcome.lines.append(
                    LogScanner.decode(
                        raw, tape: tape, hashing: hashing, decoding: decoding, digest: hashing ? digests[index] : nil))
            }
        } catch {
            outcome.failure = error
        }
        return outcome
    }

    /// The worker: claims the next chunk within the window ahead of the caller, decodes it, posts it.
    private func work() {
        let tape = JSONTape()
        let buffer = ReadBuffer()
        while true {
            pthread_mutex_lock(&lock)
            while !stopping && nextUnclaimed < chunks.count && nextUnclaimed >= consumerAt + Self.window {
                pthread_cond_wait(&changed, &lock)
            }
            guard !stopping, nextUnclaimed < chunks.count else {
                pthread_mutex_unlock(&lock)
                return
            }
            let index = nextUnclaimed
            nextUnclaimed += 1
            let garbage = returned
            returned = []
            pthread_mutex_unlock(&lock)
            withExtendedLifetime(garbage) {}
            var outcome = decode(index, tape: tape, buffer: buffer)
            outcome.byWorker = true
            post(index, outcome)
        }
    }

    /// Tells the worker to stop and waits for it.
    private func stop(_ worker: WorkerThread?) {
        pthread_mutex_lock(&lock)
        stopping = true
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&lock)
        worker?.join()
        WorkerThread.releaseFreedMemory()
    }
}
