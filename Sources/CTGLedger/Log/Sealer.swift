#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns an unsealed log (hand-written fixtures) into a sealed copy.
public enum Sealer {
    /// Writes a sealed copy of the unsealed log at `path` to `output`.
    ///
    /// The input is checked first (envelope and references); nothing is written when it has errors,
    /// and an existing `output` is never overwritten.
    /// - Returns: the number of lines and the head hash.
    /// - Throws: `LedgerError` (`.invalid` for a bad input, `.io` for file problems).
    public static func seal(path: String, output: String) throws(LedgerError) -> (lines: Int, head: String) {
        let ledger = try Ledger.read(path: path, checkHashes: false)
        if let error = ledger.errors.first {
            throw LedgerError(.invalid, file: path, line: error.line, seq: error.seq, member: error.member, error.message)
        }
        if ledger.sealed == true {
            throw LedgerError(.invalid, file: path, "the log is already sealed; there is nothing to seal.")
        }
        var validator = ReferenceValidator()
        for event in ledger.events {
            if let problem = validator.check(event).first {
                throw problem.located(file: path, line: event.line, seq: event.seq)
            }
        }
        guard !FileIO.exists(output) else {
            throw LedgerError(.io, file: output, "the output file already exists; ctg seal never overwrites a file. Choose another name.")
        }
        var bytes: [UInt8] = []
        var prev = LogScanner.zeroHash
        for event in ledger.events {
            let sealed = SealFormat.seal(event.object, prev: prev)
            bytes.append(contentsOf: sealed.line)
            prev = sealed.hash
        }
        try FileIO.writeFile(bytes, to: output, replacing: false)
        return (ledger.events.count, prev)
    }
}
