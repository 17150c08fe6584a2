/// Turns an unsealed log (hand-written fixtures) into a sealed copy.
public enum Sealer {
    /// Writes a sealed copy of the unsealed log at `path` to `output`.
    ///
    /// The input is checked first (envelope and references); nothing is written when it has errors,
    /// and an existing `output` is never overwritten.
    ///
    /// One streaming pass (issue 5): each event is checked and its sealed line written to a
    /// temporary file beside `output` as it is read; the file is linked at `output` only once the
    /// whole input has passed. The errors reported, and their order of precedence (an envelope or
    /// chain error anywhere, then an already sealed log, then the first reference problem, then a
    /// file problem with `output`), are those of checking the whole log before writing.
    /// - Returns: the number of lines and the head hash.
    /// - Throws: `LedgerError` (`.invalid` for a bad input, `.io` for file problems).
    public static func seal(path: String, output: String) throws(LedgerError) -> (lines: Int, head: String) {
        // An output that exists is reported after the input's problems, as before: check it now
        // only to avoid writing a copy for nothing.
        var file: NewFile?
        var outputError: LedgerError?
        if !FileIO.exists(output) {
            do { file = try NewFile(path: output) } catch { outputError = error }
        }
        var validator = ReferenceValidator()
        var problem: LedgerError?
        var prev = LogScanner.zeroHash
        var count = 0
        var scanner = LogScanner(file: path, checkHashes: false)
        try LogPass.scan(path: path, with: &scanner) { (event: Event?, place: LogPass.Place, scanner: inout LogScanner) throws(LedgerError) in
            guard let event else { return }
            count += 1
            guard problem == nil, !scanner.hasErrors, scanner.sealed != true else {
                // The copy will not be kept.
                file?.discard()
                file = nil
                return
            }
            // Ids are looked up in the scanner's table (the validator then keeps none of its own):
            // the first event with an id, when it comes before this one.
            let ids = scanner.ids
            let known: ((String) -> IDTable.Known?)? =
                ids.source == nil ? nil : { id in ids.first(id).flatMap { ($0.offset ?? .max) < place.offset ? $0 : nil } }
            let checked = validator.check(event, known: known)
            if let first = checked.first {
                problem = first.located(file: path, line: event.line, seq: event.seq)
                return
            }
            guard let writing = file else { return }
            let sealed = SealFormat.seal(event.object, prev: prev)
            prev = sealed.hash
            do throws(LedgerError) {
                try writing.write(sealed.line)
            } catch {
                outputError = error
                writing.discard()
                file = nil
            }
        }
        if let error = scanner.findings.first(where: { $0.severity == .error }) {
            throw LedgerError(.invalid, file: path, line: error.line, seq: error.seq, member: error.member, error.message)
        }
        if scanner.sealed == true {
            throw LedgerError(.invalid, file: path, "the log is already sealed; there is nothing to seal.")
        }
        if let problem { throw problem }
        if let outputError { throw outputError }
        guard let file else {
            throw LedgerError(.io, file: output, "the output file already exists; ctg seal never overwrites a file. Choose another name.")
        }
        try file.commit()
        return (count, prev)
    }
}
