#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file cut into chunks of whole lines, so that several threads can each read and handle their
/// own chunks and agree on where every chunk starts without talking to each other.
///
/// Chunk `k` holds the lines that start in `[k × size, (k + 1) × size)`: it runs from the first line
/// start at or after its nominal start to the first line start at or after the next chunk's. The
/// chunks cover the file as it was when they were made (`fileSize`).
struct LineChunks: @unchecked Sendable {
    /// The open file (owned by the caller, which closes it).
    let fd: Int32
    let path: String
    /// Nominal size of a chunk.
    let size: Int
    /// The file's size when the chunks were made.
    let fileSize: Int

    /// Cuts the open file `fd` into chunks of about `size` bytes.
    init(fd: Int32, path: String, size: Int) {
        self.fd = fd
        self.path = path
        self.size = max(size, 1)
        var info = stat()
        fileSize = fd >= 0 && fstat(fd, &info) == 0 ? Int(info.st_size) : 0
    }

    /// The number of chunks.
    var count: Int { (fileSize + size - 1) / size }

    /// The byte range of chunk `index`.
    func range(of index: Int) throws(LedgerError) -> Range<Int> {
        let start = try lineStart(atOrAfter: index * size)
        return start..<max(start, try lineStart(atOrAfter: (index + 1) * size))
    }

    /// The offset of the first line that starts at or after `offset` (0, or just after a `\n`);
    /// `fileSize` when there is none before it.
    private func lineStart(atOrAfter offset: Int) throws(LedgerError) -> Int {
        guard offset > 0 else { return 0 }
        guard offset < fileSize else { return fileSize }
        var position = offset - 1
        let buffer = ReadBuffer(capacity: 4096)
        while position < fileSize {
            let count = try read(into: buffer.bytes.baseAddress!, at: position, count: min(buffer.bytes.count, fileSize - position))
            guard count > 0 else { break }
            if let found = memchr(buffer.bytes.baseAddress!, 0x0A, count) {
                return position + (UnsafeRawPointer(found) - UnsafeRawPointer(buffer.bytes.baseAddress!)) + 1
            }
            position += count
        }
        return fileSize
    }

    /// Reads up to `count` bytes at `offset` (fewer only at the end of the file).
    func read(into buffer: UnsafeMutableRawPointer, at offset: Int, count: Int) throws(LedgerError) -> Int {
        let done = FileIO.read(fd, into: buffer, count: count, at: offset)
        guard done >= 0 else { throw LedgerError(.io, file: path, "cannot read the log: \(FileIO.reason()).") }
        return done
    }

    /// Calls `body` with each complete line (`\n` excluded) of `range`, read into `buffer` (grown
    /// as needed and kept for the next chunk), and its offset; returns the offset just after the
    /// last complete line. A final fragment without `\n` is left to the caller.
    func forEachLine(
        in range: Range<Int>, buffer: ReadBuffer, _ body: (UnsafeRawBufferPointer, Int) throws(LedgerError) -> Void
    ) throws(LedgerError) -> Int {
        guard !range.isEmpty else { return range.lowerBound }
        buffer.reserve(range.count)
        let base = UnsafeRawPointer(buffer.bytes.baseAddress!)
        let count = try read(into: buffer.bytes.baseAddress!, at: range.lowerBound, count: range.count)
        var lineStart = 0
        while lineStart < count {
            guard let found = memchr(base + lineStart, 0x0A, count - lineStart) else { break }
            let newline = UnsafeRawPointer(found) - base
            try body(UnsafeRawBufferPointer(start: base + lineStart, count: newline - lineStart), range.lowerBound + lineStart)
            lineStart = newline + 1
        }
        return range.lowerBound + lineStart
    }
}

/// A growable byte buffer that one thread reuses from chunk to chunk.
final class ReadBuffer {
    /// The buffer's bytes (uninitialized until read into).
    private(set) var bytes: UnsafeMutableRawBufferPointer

    /// A buffer of `capacity` bytes.
    init(capacity: Int = 0) {
        bytes = .allocate(byteCount: max(capacity, 16), alignment: 16)
    }

    deinit { bytes.deallocate() }

    /// Makes room for at least `count` bytes (the contents are not kept).
    func reserve(_ count: Int) {
        guard bytes.count < count else { return }
        bytes.deallocate()
        bytes = .allocate(byteCount: count, alignment: 16)
    }
}
