#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A log file open for reading lines back at known byte offsets, so that long passes keep offsets
/// instead of events: the id tables confirm a hash match with it, `verify` runs the domain rules
/// and the reference validator folds texts from it (issue 5).
final class LineSource: @unchecked Sendable {
    /// The file's path, for messages.
    let path: String
    private let fd: Int32

    /// Opens `path` for reading, or `nil` when it cannot be opened.
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    /// The event of the line at `offset`, numbered `number`; `nil` when the line is not a well-formed
    /// event. The event keeps no copy of its line (`object` is empty): what reads lines back uses
    /// the decoded fields only.
    ///
    /// - Parameter reader: the buffer and tape to use (a thread reading many lines back reuses one).
    func event(at offset: Int, number: Int = 0, detail: DecodeDetail = .full, reader: LineReadBack = LineReadBack()) -> Event? {
        guard let bytes = reader.bytes(at: offset, in: self) else { return nil }
        return Event.read(line: bytes, number: number, keepingLine: false, detail: detail, tape: reader.tape)
    }

    /// The same, for a line whose length is known (`nil` also when it no longer has that length).
    func event(at place: LinePlace, number: Int = 0, detail: DecodeDetail = .full, reader: LineReadBack) -> Event? {
        guard let bytes = reader.bytes(at: place, in: self) else { return nil }
        return Event.read(line: bytes, number: number, keepingLine: false, detail: detail, tape: reader.tape)
    }

    /// The same, with the part of the line at `gap` (an array, such as a registration's elements)
    /// read as an empty array, when given: a read at `DecodeDetail.status`, which does not read it.
    func event(at place: LinePlace, leavingOut gap: Range<Int>?, detail: DecodeDetail, reader: LineReadBack) -> Event? {
        guard let gap else { return event(at: place, detail: detail, reader: reader) }
        guard let bytes = reader.bytes(at: place, in: self, emptyArrayAt: gap) else { return nil }
        return Event.read(line: bytes, number: 0, keepingLine: false, detail: detail, tape: reader.tape)
    }

    /// Reads up to `count` bytes at `offset` into `buffer`; the number read, or -1.
    fileprivate func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Int {
        FileIO.read(fd, into: buffer, count: count, at: offset)
    }
}

/// What reading lines back one after the other needs, kept from one line to the next by the one
/// thread that uses it: a buffer for the line and a tape to parse it on.
final class LineReadBack {
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    /// The tape the lines read back are parsed on.
    let tape = JSONTape()

    /// An empty reader.
    init() {
        capacity = 8192
        buffer = .allocate(byteCount: capacity, alignment: 8)
    }

    deinit { buffer.deallocate() }

    /// The bytes of the line of `source` starting at `offset`, without its `\n` (nor a byte order
    /// mark at the file's start), valid until the next call; `nil` when it cannot be read or is
    /// longer than a line may be.
    func bytes(at offset: Int, in source: LineSource) -> UnsafeRawBufferPointer? {
        var length = 0
        var step = 4096
        while true {
            if length + step > capacity { grow(to: length + step) }
            let chunk = buffer + length
            let read = source.read(into: chunk, count: step, at: offset + length)
            guard read >= 0 else { return nil }
            if read > 0, let newline = memchr(chunk, 0x0A, read) {
                length += UnsafeRawPointer(newline) - UnsafeRawPointer(chunk)
                break
            }
            length += read
            // The end of the file: a torn fragment is never an event that was read.
            guard read == step, length <= LineReader.maximumLineLength else { return nil }
            step *= 2
        }
        guard length <= LineReader.maximumLineLength else { return nil }
        return withoutByteOrderMark(offset: offset, length: length)
    }

    /// The bytes of the line at `place`, read with one `pread` of exactly its bytes and its `\n`;
    /// `nil` when they cannot be read or the line no longer ends there (the file changed).
    func bytes(at place: LinePlace, in source: LineSource) -> UnsafeRawBufferPointer? {
        let count = place.length + 1
        guard place.length <= LineReader.maximumLineLength else { return nil }
        if count > capacity { grow(to: count) }
        guard source.read(into: buffer, count: count, at: place.offset) == count,
            let newline = memchr(buffer, 0x0A, count), UnsafeRawPointer(newline) - UnsafeRawPointer(buffer) == place.length
        else { return nil }
        return withoutByteOrderMark(offset: place.offset, length: place.length)
    }

    /// The bytes of the line at `place` with its bytes at `gap` (offsets in the line; an array)
    /// replaced by `[]`: the part before the gap and the part after it (with the line's `\n`) in
    /// two `pread`s, the gap not read at all. `nil` as `bytes(at:in:)` gives it, or when `gap` does
    /// not lie inside the line.
    func bytes(at place: LinePlace, in source: LineSource, emptyArrayAt gap: Range<Int>) -> UnsafeRawBufferPointer? {
        guard place.length <= LineReader.maximumLineLength, gap.lowerBound > 0, gap.count >= 2, gap.upperBound < place.length else {
            return nil
        }
        let before = gap.lowerBound
        let after = place.length - gap.upperBound + 1
        let count = before + 2 + after
        if count > capacity { grow(to: count) }
        guard source.read(into: buffer, count: before, at: place.offset) == before,
            source.read(into: buffer + before + 2, count: after, at: place.offset + gap.upperBound) == after
        else { return nil }
        buffer.storeBytes(of: UInt8(ascii: "["), toByteOffset: before, as: UInt8.self)
        buffer.storeBytes(of: UInt8(ascii: "]"), toByteOffset: before + 1, as: UInt8.self)
        guard let newline = memchr(buffer, 0x0A, count), UnsafeRawPointer(newline) - UnsafeRawPointer(buffer) == count - 1 else { return nil }
        return withoutByteOrderMark(offset: place.offset, length: count - 1)
    }

    /// The `length` bytes in the buffer, without a byte order mark when they start the file.
    private func withoutByteOrderMark(offset: Int, length: Int) -> UnsafeRawBufferPointer {
        var start = 0
        if offset == 0, length >= 3, buffer.load(as: UInt8.self) == 0xEF, buffer.load(fromByteOffset: 1, as: UInt8.self) == 0xBB,
            buffer.load(fromByteOffset: 2, as: UInt8.self) == 0xBF
        {
            start = 3
        }
        return UnsafeRawBufferPointer(start: buffer + start, count: length - start)
    }

    private func grow(to needed: Int) {
        var bigger = capacity * 2
        while bigger < needed { bigger *= 2 }
        let new = UnsafeMutableRawPointer.allocate(byteCount: bigger, alignment: 8)
        new.copyMemory(from: buffer, byteCount: capacity)
        buffer.deallocate()
        buffer = new
        capacity = bigger
    }
}
