#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One physical line of a log, as bytes, without its `\n`.
struct RawLine {
    /// 1-based line number.
    var number: Int
    /// Byte offset of the line's first byte in the file.
    var offset: Int
    /// The line's bytes, valid only during the callback.
    var bytes: UnsafeRawBufferPointer
    /// `false` for a final fragment with no `\n`: a torn write.
    var terminated: Bool
}

/// Streams the lines of a file through a fixed buffer, so memory stays flat whatever the file's size.
enum LineReader {
    /// Longest line accepted, in bytes (8 MiB): longer lines are refused, never read whole.
    static let maximumLineLength = 8 << 20

    /// Calls `body` for each line in order.
    ///
    /// - Throws: `LedgerError` for I/O failures, lines over `maximumLineLength`, or what `body` throws.
    static func forEachLine(
        path: String, chunkSize: Int = 1 << 20, _ body: (RawLine) throws(LedgerError) -> Void
    ) throws(LedgerError) {
        let fd = try FileIO.openForReading(path)
        defer { close(fd) }
        try forEachLine(fd: fd, path: path, chunkSize: chunkSize, body)
    }

    /// Calls `body` for each line read from an open file descriptor, from its current position, or
    /// from `startOffset` (then numbering lines from `firstLine`) when given.
    static func forEachLine(
        fd: Int32, path: String, chunkSize: Int = 1 << 20, startOffset: Int? = nil, firstLine: Int = 1,
        _ body: (RawLine) throws(LedgerError) -> Void
    ) throws(LedgerError) {
        if let startOffset, lseek(fd, off_t(startOffset), SEEK_SET) < 0 {
            throw LedgerError(.io, file: path, "cannot seek in the log: \(FileIO.reason()).")
        }
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0  // bytes in buffer
        var fileOffset = startOffset ?? 0  // file offset of buffer[0]
        var lineNumber = firstLine - 1
        var eof = false
        while true {
            if !eof && filled < buffer.count {
                let n = try FileIO.read(fd, into: buffer.baseAddress! + filled, count: buffer.count - filled, path: path)
                if n == 0 { eof = true } else { filled += n }
            }
            var start = 0
            let view = UnsafeRawBufferPointer(buffer)
            while start < filled {
                guard let newline = memchrIndex(view, from: start, to: filled) else { break }
                lineNumber += 1
                try body(
                    RawLine(
                        number: lineNumber, offset: fileOffset + start,
                        bytes: UnsafeRawBufferPointer(rebasing: view[start..<newline]), terminated: true))
                start = newline + 1
            }
            if start > 0 {
                // Move the unfinished tail to the front.
                let rest = filled - start
                if rest > 0 {
                    (buffer.baseAddress! as UnsafeMutableRawPointer).copyMemory(from: buffer.baseAddress! + start, byteCount: rest)
                }
                filled = rest
                fileOffset += start
                continue
            }
            if eof {
                if filled > 0 {
                    lineNumber += 1
                    try body(RawLine(number: lineNumber, offset: fileOffset, bytes: UnsafeRawBufferPointer(buffer).prefix(filled).rebased, terminated: false))
                }
                return
            }
            if filled == buffer.count {
                // No newline in the whole buffer: grow up to the limit.
                if buffer.count >= maximumLineLength {
                    throw LedgerError(
                        .invalid, file: path, line: lineNumber + 1,
                        "the line is longer than \(maximumLineLength) bytes, the longest a log line may be.")
                }
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: min(buffer.count * 2, maximumLineLength), alignment: 16)
                bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = bigger
            }
        }
    }

    private static func memchrIndex(_ view: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard let found = memchr(view.baseAddress! + from, 0x0A, to - from) else { return nil }
        return UnsafeRawPointer(found) - view.baseAddress!
    }
}

extension Slice where Base == UnsafeRawBufferPointer {
    /// The slice as a buffer of its own.
    var rebased: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: self) }
}
