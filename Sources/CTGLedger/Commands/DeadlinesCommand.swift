#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension Command {
    /// `ctg deadlines`: every date the convention makes due from a date, with an iCalendar export.
    static let deadlines = Command(
        name: "deadlines",
        summary: "the dates a convention makes due from a date (end, notices, reviews, échéances), with iCalendar export",
        usage: "ctg deadlines LOG --at D [--until D2] [--convention ID] [--format text|json] [--ics FILE [--force]]",
        details: """
            Lists, on or after D (and up to D2), the convention's end, the latest day to send a dénonciation
            (6 months' notice, CPC art. 641), the last day in force under pending notices, the end of
            temporary avenants, the points d'étape, bilan intermédiaire and bilan final of art. 9, and the
            échéance of every fiche action or action in force with its progress; an échéance past due and
            not done is « en retard ». An échéance that names no certain day is listed as non datée.
            A date falling on a Saturday, Sunday or public holiday is flagged with the next working day
            (CPC art. 642 al. 2), as information only. Without --at, D is today.
            --ics writes the dated deadlines as all-day events (RFC 5545) with stable UIDs and a DTSTAMP
            taken from the log's last `recorded`, so the same log gives the same file; it never
            overwrites a file unless --force. docs/RULES.md explains each date.
            """,
        options: [
            OptionSpec("--at", "D", "list what falls due on or after D (YYYY-MM-DD); default: today"),
            OptionSpec("--until", "D2", "list nothing after D2"),
            CommandSupport.conventionOption,
            OptionSpec("--format", "FORMAT", "text (default, in French) or json"),
            OptionSpec("--ics", "FILE", "also write the dated deadlines to FILE as an iCalendar file"),
            OptionSpec("--force", nil, "let --ics replace an existing file"),
        ],
        examples: [
            "ctg deadlines Events/roumois-seine-2022.jsonl --at 2026-01-01",
            "ctg deadlines Events/gam-nord-ouest-2026.jsonl --at 2026-06-01 --until 2027-12-31 --format json",
            "ctg deadlines Events/gam-nord-ouest-2026.jsonl --at 2026-06-01 --ics gam.ics",
        ],
        run: { (args, io) throws(LedgerError) in
            let path = try args.log(command: "deadlines")
            let date = try args.date("--at") ?? io.today()
            let until = try args.date("--until")
            if let until, until < date {
                throw LedgerError(.usage, member: "--until", "expected a date on or after --at (\(date)); found \(until).")
            }
            let format = try args.choice("--format", ["text", "json"], default: "text")
            if args.flags.contains("--force") && args.values["--ics"] == nil {
                throw LedgerError(.usage, member: "--force", "--force only applies to --ics FILE.")
            }
            let ledger = try CommandSupport.readLedger(path, io: io, keepingOne: args.values["--convention"])
            let convention = try CommandSupport.convention(args, ledger)
            let schedule = Deadlines.schedule(ledger.history(of: convention), at: date, until: until)
            if let file = args.values["--ics"] {
                let stamp = ledger.lastRecorded.flatMap { ICalendar.stamp(rfc3339: $0.description) } ?? "19700101T000000Z"
                let events = DeadlineRenderer.calendarEvents(schedule)
                let document = ICalendar.document(
                    events, stamp: stamp, calendarName: "Échéances CTG — \(schedule.territory ?? schedule.title ?? convention)")
                try CalendarFile.write(document, to: file, replacing: args.flags.contains("--force"))
                io.err("ctg deadlines: \(events.count) échéance\(events.count > 1 ? "s" : "") écrite\(events.count > 1 ? "s" : "") dans \(file)\n")
            }
            switch format {
            case "json": io.out(CommandSupport.prettyJSON(DeadlineRenderer.json(schedule)))
            default: io.out(DeadlineRenderer.text(schedule))
            }
            return 0
        })
}

/// Writes an exported calendar next to its final name, then moves it in place in one step.
enum CalendarFile {
    /// Writes `text` to `path`; refuses an existing file unless `replacing`.
    ///
    /// - Throws: `LedgerError` of kind `.io` when the file exists (and `replacing` is false) or cannot be written.
    static func write(_ text: String, to path: String, replacing: Bool) throws(LedgerError) {
        if !replacing && FileIO.exists(path) {
            throw LedgerError(.io, file: path, "the file already exists; ctg deadlines does not overwrite it without --force.")
        }
        try FileIO.writeFile(Array(text.utf8), to: path, replacing: replacing)
    }
}
