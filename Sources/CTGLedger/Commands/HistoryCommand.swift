extension Command {
    /// `ctg history`: every act and change in order, or one element's life.
    static let history = Command(
        name: "history",
        summary: "every event of a convention in order, or with --element the whole life of one element",
        usage: "ctg history LOG [--convention ID] [--element ID] [--as-of K] [--format text|json]",
        details: """
            Lists the convention's events in the order they were recorded, each with its effect date,
            recording time and provenance (source document and place). With --element ID, shows who
            introduced, changed, completed, abrogated or annulled that element, and when (effect dates),
            whether the act is concluded, and the progress recorded for it.
            """,
        options: [
            CommandSupport.conventionOption, OptionSpec("--element", "ID", "one element's life, e.g. fiche:aller-vers"),
            CommandSupport.asOfOption, OptionSpec("--format", "FORMAT", "text (default, in French) or json"),
        ],
        examples: [
            "ctg history Events/roumois-seine-2022.jsonl",
            "ctg history Events/roumois-seine-2022.jsonl --element fiche:aller-vers",
        ],
        run: { (args, io) throws(LedgerError) in
            let path = try args.log(command: "history")
            let format = try args.choice("--format", ["text", "json"], default: "text")
            let ledger = try CommandSupport.readLedger(path, io: io, for: args)
            let convention = try CommandSupport.convention(args, ledger)
            let history = ledger.history(of: convention, asOf: try args.asOf())
            if let id = args.values["--element"] {
                let life = ElementLife(history, element: id)
                guard !life.steps.isEmpty else {
                    throw LedgerError(
                        .invalid, file: path, member: "--element", "no act of \(convention) introduces or changes \"\(id)\" (as of the time asked).")
                }
                io.out(format == "json" ? CommandSupport.prettyJSON(HistoryRenderer.json(life)) : HistoryRenderer.text(life))
            } else {
                io.out(format == "json" ? CommandSupport.prettyJSON(HistoryRenderer.json(history)) : HistoryRenderer.text(history))
            }
            return 0
        })

    /// `ctg diff`: what changed between two dates.
    static let diff = Command(
        name: "diff",
        summary: "what was added, changed and abrogated between two dates",
        usage: "ctg diff LOG --from D1 --to D2 [--convention ID] [--as-of K] [--format text|json|markdown]",
        details:
            "Compares the state at D1 with the state at D2 (section 5 semantics): status, period, and each element added, changed or removed, with the act responsible.",
        options: [
            OptionSpec("--from", "D1", "the first date"), OptionSpec("--to", "D2", "the second date"),
            CommandSupport.conventionOption, CommandSupport.asOfOption, CommandSupport.formatOption,
            OptionSpec("--draft", nil, "compare the text even if the convention is not concluded"),
        ],
        examples: ["ctg diff Events/roumois-seine-2022.jsonl --from 2025-12-14 --to 2025-12-15"],
        run: { (args, io) throws(LedgerError) in
            let path = try args.log(command: "diff")
            guard let from = try args.date("--from"), let to = try args.date("--to") else {
                throw LedgerError(.usage, member: args.values["--from"] == nil ? "--from" : "--to", "`ctg diff` needs both --from D1 and --to D2.")
            }
            let format = try args.choice("--format", ["text", "json", "markdown"], default: "text")
            let ledger = try CommandSupport.readLedger(path, io: io, for: args)
            let convention = try CommandSupport.convention(args, ledger)
            let history = ledger.history(of: convention, asOf: try args.asOf())
            let draft = args.flags.contains("--draft")
            let diff = StateDiff(
                from: Projection.state(history, at: from, showDraft: draft), to: Projection.state(history, at: to, showDraft: draft))
            switch format {
            case "json": io.out(CommandSupport.prettyJSON(HistoryRenderer.json(diff)))
            case "markdown": io.out(HistoryRenderer.text(diff, markdown: true))
            default: io.out(HistoryRenderer.text(diff, markdown: false))
            }
            return 0
        })
}
