extension Command {
    /// `ctg repair`: move a torn final line aside.
    static let repair = Command(
        name: "repair",
        summary: "move a torn final line (left by an interrupted append) into a side file",
        usage: "ctg repair LOG",
        details: """
            An append interrupted by a crash or a kill may leave a last line without its final newline:
            a torn write, which verify reports and append refuses to build on. repair moves that
            fragment into a new file next to the log, LOG.torn-<UTC time> (never deleting a byte),
            flushes it, then cuts the log back to its last complete line and flushes it. The log is
            locked meanwhile. The torn append was never confirmed: retry it (an identical retry is
            accepted). When the log does not end with a torn line, nothing is done (exit 0). When the
            log has any other error, nothing is done either (exit 1): repair fixes nothing else; run
            ctg verify to see the errors.
            """,
        options: [],
        examples: ["ctg repair ledger.jsonl && ctg verify ledger.jsonl"],
        run: { (args, io) throws(LedgerError) in
            let path = try args.log(command: "repair")
            let result = try Repair.repair(path: path, now: io.now())
            guard let side = result.sideFile, let line = result.line else {
                io.out("nothing to repair: \(path) ends with a complete line (last seq \(result.lastSeq)); `ctg verify \(path)` checks the rest.\n")
                return 0
            }
            io.out(
                "moved the torn line \(line) (\(result.movedBytes) bytes) into \(side); \(path) now ends at seq \(result.lastSeq)\(result.head.map { ", head \($0)" } ?? "").\n"
            )
            if let id = result.completeEventID {
                io.out(
                    "note: the torn line was a whole event (id \"\(id)\") missing only its final newline; its append was never confirmed. Append it again if it should be kept.\n"
                )
            }
            return 0
        })
}
