/// Turns an unsealed log (hand-written fixtures) into a sealed copy.
public enum Sealer {
    /// Writes a sealed copy of the unsealed log at `path` to `output`.
    ///
    /// The input is checked first (envelope and references); nothing is written when it has errors,
    /// and an existing `output` is never overwritten.
    ///
    /// It streams (issue 5): one pass checks each line's envelope and writes its sealed line to a
    /// temporary file beside `output`; then the references are checked one convention at a time,
    /// over its lines read back (as `verify` does); the file is linked at `output` only once the
    /// whole input has passed. The errors reported, and their order of precedence (an envelope or
    /// chain error anywhere, then an already sealed log, then the first reference problem in file
    /// order, then a file problem with `output`), are those of checking the whole log before writing.
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
        var scanner = LogScanner(file: path, checkHashes: false)
        let source = scanner.ids.source
        // Where each convention's lines are, in order of first appearance.
        var streams = ConventionGroups<OffsetList>()
        // Without a second look at the file, references are checked as lines are read.
        var inline: ReferenceValidator? = source == nil ? ReferenceValidator() : nil
        var problem: LedgerError?
        var prev = LogScanner.zeroHash
        var count = 0
        // Small chunks, as a full read keeping one convention: its events keep their lines (to seal them).
        try LogPass.scan(path: path, with: &scanner, chunkSize: Ledger.fullReadChunkSize) {
            (event: Event?, place: LogPass.Place, scanner: inout LogScanner) throws(LedgerError) in
            guard let event else { return }
            count += 1
            guard problem == nil, !scanner.hasErrors, scanner.sealed != true else {
                // The copy will not be kept.
                file?.discard()
                file = nil
                return
            }
            if inline != nil {
                if let first = inline!.check(event).first {
                    problem = first.located(file: path, line: event.line, seq: event.seq)
                    return
                }
            } else {
                streams.update(event.convention, make: { _ in OffsetList() }) { $0.append(place.offset, length: place.length) }
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
        if let source, problem == nil {
            var lines = streams.take().values
            problem = try firstReferenceProblem(&lines, source: source, ids: scanner.ids, path: path)
        }
        if let problem { throw problem }
        if let outputError { throw outputError }
        guard let file else {
            throw LedgerError(.io, file: output, "the output file already exists; ctg seal never overwrites a file. Choose another name.")
        }
        try file.commit()
        return (count, prev)
    }

    /// The first reference problem of the log in file order, checking one convention at a time.
    ///
    /// A convention's references depend on its own earlier events and on the ids before each event
    /// (looked up in the scanner's table), so its problems are those a check of the whole log finds
    /// up to the first problem of the log, which is the earliest of the conventions' first ones.
    /// The log passed the envelope checks: every line is an event, numbered by its `seq`.
    private static func firstReferenceProblem(
        _ streams: inout [OffsetList], source: LineSource, ids: IDTable, path: String
    ) throws(LedgerError) -> LedgerError? {
        var first: LedgerError?
        let reader = LineReadBack()
        for slot in streams.indices {
            let offsets = streams[slot]
            streams[slot] = OffsetList()
            var validator = ReferenceValidator()
            for place in offsets {
                let offset = place.offset
                // The reference checks read no text (as `verify`'s second pass).
                guard var event = source.event(at: place, detail: .withoutTexts, reader: reader) else {
                    throw LedgerError(.io, file: path, "the log changed while it was sealed (a line read again is no longer an event); nothing was written.")
                }
                event.line = event.seq
                // Lines after the earliest problem found so far cannot come first.
                if let line = first?.line, event.line >= line { break }
                let known = { (id: String) -> IDTable.Known? in
                    guard let found = ids.first(id), let at = found.offset, at < offset else { return nil }
                    return found
                }
                if let problem = validator.check(event, known: known).first {
                    first = problem.located(file: path, line: event.line, seq: event.seq)
                    break
                }
            }
        }
        return first
    }
}
