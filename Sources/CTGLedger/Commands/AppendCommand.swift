extension Command {
    /// `ctg append`: add events to a log.
    static let append = Command(
        name: "append",
        summary: "append events read from standard input (JSON Lines) to a sealed or new log",
        usage: "ctg append LOG [--expect-seq N] < events.jsonl",
        details: """
            Each input line is one event without seq, prev and hash (ctg assigns them; recorded is
            now unless given). Every event is checked against the log as it stands: its envelope,
            its data, and that what it names exists (acts, parties, délibérations, notices,
            elements) and that an avenant's changes can apply. Then all lines are written at once, or
            none; the log is locked meanwhile and flushed to disk before success is reported.
            An event whose id is already in the log with the same content is skipped (a retry);
            with other content it is refused. --expect-seq N refuses unless the log's last seq is N.
            A log that does not exist is created.
            """,
        options: [OptionSpec("--expect-seq", "N", "refuse (exit 1) unless the log's last seq is N")],
        examples: [
            "ctg append ledger.jsonl < new-events.jsonl",
            "echo '{\"id\":\"e9\",\"convention\":\"ctg-x\",\"type\":\"review.held\",\"effective\":\"2026-06-30\",\"data\":{\"kind\":\"copil\",\"date\":\"2026-06-30\"}}' | ctg append ledger.jsonl --expect-seq 8",
        ],
        run: { (args, io) throws(LedgerError) in
            let path = try args.log(command: "append")
            let expect = try args.integer("--expect-seq")
            let input = try io.readInput()
            let result = try Appender.append(input: input, to: path, expectSeq: expect, now: io.now())
            if !result.alreadyPresent.isEmpty {
                io.err("already present, skipped: \(result.alreadyPresent.joined(separator: ", "))\n")
            }
            if result.appended.isEmpty {
                io.out("nothing appended; last seq \(result.lastSeq), head \(result.head ?? "none")\n")
            } else {
                let range = result.appended.count == 1 ? "seq \(result.appended[0])" : "seq \(result.appended.first!)–\(result.appended.last!)"
                io.out("appended \(result.appended.count) event\(result.appended.count == 1 ? "" : "s") (\(range)); head \(result.head ?? "")\n")
            }
            return 0
        })

    /// `ctg seal`: make a sealed copy of an unsealed log.
    static let seal = Command(
        name: "seal",
        summary: "write a sealed copy (prev and hash on every line) of an unsealed log",
        usage: "ctg seal LOG --output FILE",
        details: """
            Checks the unsealed log (envelope and references) and writes a sealed copy to FILE, which
            must not exist. The source is never changed.
            """,
        options: [OptionSpec("--output", "FILE", "where to write the sealed copy (must not exist)")],
        examples: ["ctg seal fixtures/example.jsonl --output Events/example.jsonl"],
        run: { (args, io) throws(LedgerError) in
            let path = try args.log(command: "seal")
            guard let output = args.values["--output"] else {
                throw LedgerError(.usage, member: "--output", "`ctg seal` needs --output FILE, the sealed copy to write.")
            }
            let result = try Sealer.seal(path: path, output: output)
            io.out("sealed \(result.lines) lines into \(output); head \(result.head)\n")
            return 0
        })
}
