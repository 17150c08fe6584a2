extension Command {
    /// `ctg list`: the conventions in a log.
    static let list = Command(
        name: "list",
        summary: "the conventions in a log, with their status today (or at --at)",
        usage: "ctg list LOG [--at D] [--format text|json]",
        details: """
            One line per convention: its id, title, status at the date, period and number of events.
            This is the full replay of a log: it streams the file once and folds each convention's
            events as they come, keeping only what the status, period and parties depend on, so a
            national ledger of millions of events is replayed in flat memory.
            """,
        options: [OptionSpec("--at", "D", "the date (default: today)"), OptionSpec("--format", "FORMAT", "text (default) or json")],
        examples: ["ctg list Events/gam-nord-ouest-2026.jsonl"],
        run: { (args, io) throws(LedgerError) in
            let path = try args.log(command: "list")
            let date = try args.date("--at") ?? io.today()
            let format = try args.choice("--format", ["text", "json"], default: "text")
            let digests = try CommandSupport.replay(path, io: io)
            // Each digest reads its lines back for its state: independent, so on two threads; only
            // the rows are kept, one state at a time per thread.
            let rows = ParallelWork.map(count: digests.count) { (index: Int) -> (json: JSONValue?, text: String?) in
                let digest = digests[index]
                let summary = digest.summary(at: date)
                let convention = digest.convention
                let count = digest.count
                if format == "json" {
                    return (
                        .object(
                            JSONObject(pairs: [
                                ("convention", .string(convention)), ("title", .optional(summary.title)), ("status", .string(summary.status.rawValue)),
                                ("start", .optional(summary.start?.description)), ("end", .optional(summary.end?.description)),
                                ("events", .int(count)), ("last_seq", summary.lastSeq.map(JSONValue.int) ?? .null),
                            ])), nil
                    )
                }
                let period = summary.start.flatMap { s in summary.end.map { "du \(FrenchText.date(s)) au \(FrenchText.date($0))" } } ?? "période inconnue"
                return (
                    nil,
                    "\(convention) — \(summary.title ?? "(sans titre)") : \(summary.status.french) au \(FrenchText.date(date)) ; \(period) ; \(FrenchText.count(count, "événement", "événements"))\n"
                )
            }
            for row in rows { if let text = row.text { io.out(text) } }
            if format == "json" {
                io.out(
                    CommandSupport.prettyJSON(
                        .object(JSONObject(pairs: [("at", .string(date.description)), ("conventions", .array(rows.compactMap(\.json)))]))))
            } else if digests.isEmpty {
                io.out("(aucune convention dans ce registre)\n")
            }
            return 0
        })
}
