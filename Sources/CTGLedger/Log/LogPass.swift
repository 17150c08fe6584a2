/// One streaming pass over a log: each line is checked (envelope, sequence, chain links) and each
/// well-formed event handed to the caller, then dropped. Memory stays flat whatever the log's size.
enum LogPass {
    /// Where a line is in the file.
    struct Place {
        /// 1-based line number.
        var number: Int
        /// Byte offset of the line's first byte.
        var offset: Int
        /// Length in bytes, without the `\n`.
        var length: Int
        /// `false` for a final fragment with no `\n`.
        var terminated: Bool
        /// For a registration, when known: where its `data.elements` array is in the line
        /// (`DecodedLine.elements`).
        var elements: Range<Int>? = nil
    }

    /// Reads the log at `path` once.
    ///
    /// - Parameters:
    ///   - checkHashes: recompute every line's SHA-256 (`false` only checks that the links chain).
    ///   - body: called with each well-formed event, in file order.
    /// - Returns: the scanner, with its findings and the log's last `seq`, hash and line count.
    /// - Throws: `LedgerError` of kind `.io` when the file cannot be read, or what `body` throws.
    static func run(
        path: String, checkHashes: Bool, _ body: (Event) throws(LedgerError) -> Void
    ) throws(LedgerError) -> LogScanner {
        var scanner = LogScanner(file: path, checkHashes: checkHashes)
        try scan(path: path, with: &scanner) { (event: Event?, _: Place, _: inout LogScanner) throws(LedgerError) in
            if let event { try body(event) }
        }
        return scanner
    }

    /// Reads every line of the log at `path` through `scanner`, in file order, decoding lines on two
    /// threads (`ParallelScan`); `body` gets each line's event when it is well formed, its place, and
    /// the scanner (to read what it has found so far).
    ///
    /// - Parameters:
    ///   - fd: the file already open (`append` reads the log it holds locked); `nil` opens `path`.
    ///   - chunkSize: the size of the chunks decoded ahead (a few are in memory at once,
    ///     decoded: smaller chunks, less memory).
    static func scan(
        path: String, fd: Int32? = nil, with scanner: inout LogScanner, chunkSize: Int = ParallelScan.defaultChunkSize,
        _ body: (Event?, Place, inout LogScanner) throws(LedgerError) -> Void
    ) throws(LedgerError) {
        let hashing = scanner.checkHashes
        let accept = { (line: DecodedLine) throws(LedgerError) in
            let place = Place(
                number: line.number, offset: line.offset, length: line.length, terminated: !line.isTorn, elements: line.elements)
            let event = scanner.accept(line)
            try body(event, place, &scanner)
        }
        if let fd {
            try ParallelScan.forEachLine(fd: fd, path: path, hashing: hashing, decoding: scanner.decoding, chunkSize: chunkSize, accept)
        } else {
            try ParallelScan.forEachLine(path: path, hashing: hashing, decoding: scanner.decoding, chunkSize: chunkSize, accept)
        }
    }
}
