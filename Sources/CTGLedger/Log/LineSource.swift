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

    /// The bytes of the line starting at `offset`, without its `\n` (nor a byte order mark at the
    /// file's start); `nil` when it cannot be read or is longer than a line may be.
    func line(at offset: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var step = 4096
        while bytes.count <= LineReader.maximumLineLength {
            let start = bytes.count
            var found = -1
            var read = 0
            bytes.append(contentsOf: repeatElement(0, count: step))
            bytes.withUnsafeMutableBytes { buffer in
                let chunk = buffer.baseAddress! + start
                read = FileIO.read(fd, into: chunk, count: step, at: offset + start)
                guard read > 0, let newline = memchr(chunk, 0x0A, read) else { return }
                found = start + (UnsafeRawPointer(newline) - UnsafeRawPointer(chunk))
            }
            guard read >= 0 else { return nil }
            if found >= 0 {
                bytes.removeSubrange(found...)
                break
            }
            guard read == step else {
                // The end of the file: a torn fragment is never an event that was read.
                return nil
            }
            step *= 2
        }
        guard bytes.count <= LineReader.maximumLineLength else { return nil }
        if offset == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return bytes
    }

    /// The event of the line at `offset`, numbered `number`; `nil` when the line is not a well-formed
    /// event. The event keeps no copy of its line (`object` is empty): what reads lines back uses
    /// the decoded fields only.
    func event(at offset: Int, number: Int = 0, detail: DecodeDetail = .full) -> Event? {
        guard let bytes = line(at: offset) else { return nil }
        return bytes.withUnsafeBytes { Event.read(line: $0, number: number, keepingLine: false, detail: detail) }
    }
}
