/// One streaming pass over a log: each line is checked (envelope, sequence, chain links) and each
/// well-formed event handed to the caller, then dropped. Memory stays flat whatever the log's size.
enum LogPass {
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
        try LineReader.forEachLine(path: path) { (line: RawLine) throws(LedgerError) in
            if let event = scanner.scan(line) { try body(event) }
        }
        return scanner
    }
}
