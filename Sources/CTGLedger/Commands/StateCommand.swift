extension Command {
    /// `ctg state`: what the convention said at a date.
    static let state = Command(
        name: "state",
        summary: "the state of a convention at a date, as the ledger knew it at a time",
        usage: "ctg state LOG --at D [--as-of K] [--convention ID] [--format text|json|markdown] [--draft]",
        details: """
            Shows, for the date D, the convention's status (none, draft, upcoming, in-force, expired,
            terminated), its period, parties, the elements in force (articles, annexes, fiches action,
            actions, équipements) with the act that introduced or last changed them, what was abrogated
            or annulled, the avenants, and any résiliation notice. Acts apply once every party has signed,
            from their own effect dates. --as-of K replays only what was recorded by K.
            Without --at, D is today.
            """,
        options: [
            OptionSpec("--at", "D", "the date D (YYYY-MM-DD); default: today"), CommandSupport.asOfOption, CommandSupport.conventionOption,
            CommandSupport.formatOption, OptionSpec("--draft", nil, "show the text of a convention that is not yet concluded"),
        ],
        examples: [
            "ctg state Events/roumois-seine-2022.jsonl --at 2026-03-01",
            "ctg state Events/roumois-seine-2022.jsonl --at 2026-03-01 --format json",
            "ctg state Events/gam-nord-ouest-2026.jsonl --at 2026-06-01 --draft --format markdown",
        ],
        run: { (args, io) throws(LedgerError) in
            let path = try args.log(command: "state")
            let date = try args.date("--at") ?? io.today()
            let asOf = try args.asOf()
            let format = try args.choice("--format", ["text", "json", "markdown"], default: "text")
            let ledger = try CommandSupport.readLedger(path, io: io, for: args)
            let convention = try CommandSupport.convention(args, ledger)
            let state = ledger.state(of: convention, at: date, asOf: asOf, showDraft: args.flags.contains("--draft"))
            switch format {
            case "json": io.out(CommandSupport.prettyJSON(StateRenderer.json(state)))
            case "markdown": io.out(StateRenderer.markdown(state))
            default: io.out(StateRenderer.text(state))
            }
            return 0
        })
}
