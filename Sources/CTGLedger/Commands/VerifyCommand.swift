extension Command {
    /// `ctg verify`: is this log intact and sound?
    static let verify = Command(
        name: "verify",
        summary: "check a log: envelope, sequence, hash chain, references (errors) and domain rules (warnings)",
        usage: "ctg verify LOG [--strict] [--format text|json] [--head] [--expect-head HASH]",
        details: """
            Errors (exit 1): a line that is not JSON or misses a member, a gap in seq, a repeated id,
            recorded going backwards, a broken hash chain or a changed line, a torn last line, a
            reference to an act, party, délibération, notice or element that does not exist, an
            avenant change that cannot apply. Warnings (exit 0 unless --strict): domain rules such as
            vote arithmetic, quorum, SIREN check digits, @ctes identifiers, duration, chronology;
            each cites its source. Every finding names its line and seq.
            --head prints the last hash (write it down elsewhere); --expect-head proves the log was
            not rewritten since that hash was written down: the hash must be the last line's, or an
            earlier line's when lines were appended since (a note says how many). Without it, a log
            cut back at a line boundary still verifies: only a head kept elsewhere shows the loss.
            """,
        options: [
            OptionSpec("--strict", nil, "treat warnings as failures (exit 1)"),
            OptionSpec("--format", "FORMAT", "text (default) or json"),
            OptionSpec("--head", nil, "print only the last line's hash (after checking the log)"),
            OptionSpec(
                "--expect-head", "HASH", "fail unless HASH is the last line's hash, or an earlier line's (then a note says how many lines were appended since)"),
        ],
        examples: ["ctg verify Events/roumois-seine-2022.jsonl", "ctg verify ledger.jsonl --strict --format json"],
        run: { (args, io) throws(LedgerError) in
            let path = try args.log(command: "verify")
            let format = try args.choice("--format", ["text", "json"], default: "text")
            let report = try VerifyReport.make(path: path, expectHead: args.values["--expect-head"])
            var findings = report.findings
            var headNote: String?
            if let expected = args.values["--expect-head"], report.head != expected {
                if let line = report.expectedHeadLine {
                    // The chain commits to every line up to that one: they are unchanged, later ones were appended.
                    headNote =
                        "note: \(expected) is the hash of line \(line), not of the last line: lines 1 to \(line) are unchanged since it was written down, and \(report.lines - line) line\(report.lines - line == 1 ? " was" : "s were") appended since."
                } else {
                    findings.append(
                        Finding(
                            .error, rule: "head", file: path, member: "--expect-head",
                            "the log's head is \(report.head ?? "none"), not \(expected), and no line of the log has that hash: the log was rewritten (or cut back), or it is not the log that hash was written down from."
                        ))
                }
            }
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.count - errors
            let failed = errors > 0 || (args.flags.contains("--strict") && warnings > 0)
            if args.flags.contains("--head") && format == "text" {
                for finding in findings where finding.severity == .error { io.err(finding.description + "\n") }
                if let headNote, errors == 0 { io.err(headNote + "\n") }
                if let head = report.head, errors == 0 { io.out(head + "\n") }
                return failed ? 1 : 0
            }
            if format == "json" {
                let value = JSONValue.object(
                    JSONObject(pairs: [
                        ("file", .string(path)), ("lines", .int(report.lines)), ("events", .int(report.events)),
                        ("sealed", report.sealed.map(JSONValue.bool) ?? .null), ("head", .optional(report.head)),
                        ("errors", .int(errors)), ("warnings", .int(warnings)), ("ok", .bool(!failed)),
                        ("note", headNote.map(JSONValue.string)),
                        ("findings", .array(findings.map(\.json))),
                    ]))
                io.out(CommandSupport.prettyJSON(value))
            } else {
                for finding in findings { io.out(finding.description + "\n") }
                if let headNote { io.out(headNote + "\n") }
                let sealing = report.sealed == true ? "sealed, head \(report.head ?? "")" : (report.sealed == false ? "not sealed" : "empty")
                io.out(
                    "\(path): \(report.events) events in \(report.lines) lines, \(sealing); \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\(failed ? "" : ": OK")\n"
                )
            }
            return failed ? 1 : 0
        })
}

/// Everything `verify` found in a log.
///
/// Made in one streaming pass while a second thread recomputes every line's SHA-256. The domain
/// rules read whole convention histories: the pass records where each convention's lines are, and
/// the rules then run one convention at a time over its lines read back, so that memory is bounded
/// by the largest convention, not by the log (issue 5).
struct VerifyReport {
    var findings: [Finding]
    var lines: Int
    var events: Int
    var sealed: Bool?
    var head: String?
    /// The last line whose hash is the `expectHead` asked for, to explain a stale `--expect-head`.
    var expectedHeadLine: Int?

    /// Where one convention's well-formed lines are, in file order.
    struct ConventionLines {
        var offsets: [Int] = []
        var numbers: [UInt32] = []
        /// Its events that are not read back (the log cannot be opened again, or lines numbered
        /// beyond 2³²), reduced for the rules: they follow those at `offsets`.
        var kept: [Event] = []
    }

    /// Checks the log at `path`.
    ///
    /// - Parameters:
    ///   - expectHead: a hash written down earlier, to find the line it belongs to.
    ///   - idHash: replaces the hash of event ids (tests force collisions with it).
    /// - Throws: `LedgerError` of kind `.io` when the file cannot be read.
    static func make(path: String, expectHead: String? = nil, idHash: (@Sendable (String) -> UInt64)? = nil) throws(LedgerError) -> VerifyReport {
        let hashing = ParallelHashCheck(path: path)
        var scanner = LogScanner(file: path, checkHashes: true)
        scanner.deferHashes = true
        if let idHash { scanner.useIDHash(idHash) }
        let source = scanner.ids.source
        var validator = ReferenceValidator(source: source)
        var streams: [ConventionLines] = []
        var conventions: [String] = []
        var slots: [String: Int] = [:]
        var referenceFindings: [Finding] = []
        var events = 0
        var expectedHeadLine: Int?
        let read: Result<Void, LedgerError>
        do {
            try LineReader.forEachLine(path: path) { (raw: RawLine) throws(LedgerError) in
                guard let event = scanner.scan(raw) else { return }
                events += 1
                for problem in validator.check(event, offset: raw.offset, scannerIDs: scanner.ids) {
                    referenceFindings.append(Finding(problem.located(file: path, line: event.line, seq: event.seq), rule: "reference"))
                }
                let slot: Int
                if let known = slots[event.convention] {
                    slot = known
                } else {
                    slot = streams.count
                    slots[event.convention] = slot
                    streams.append(ConventionLines())
                    conventions.append(event.convention)
                }
                if source != nil, event.line <= Int(UInt32.max) {
                    streams[slot].offsets.append(raw.offset)
                    streams[slot].numbers.append(UInt32(event.line))
                } else {
                    streams[slot].kept.append(event.reducedForRules())
                }
                if let expectHead, event.hash == expectHead { expectedHeadLine = event.line }
            }
            read = .success(())
        } catch {
            read = .failure(error)
        }
        let mismatches = try hashing.wait()
        try read.get()
        slots = [:]
        scanner.applyDeferredHashes(mismatches)
        var findings = scanner.findings + referenceFindings
        for (slot, convention) in conventions.enumerated() {
            let history = ConventionHistory(events: Self.events(of: streams[slot], source: source), convention: convention)
            streams[slot] = ConventionLines()
            findings += DomainRules.findings([history], file: path)
        }
        findings.sort { ($0.line ?? 0, $0.severity == .error ? 0 : 1) < ($1.line ?? 0, $1.severity == .error ? 0 : 1) }
        return VerifyReport(
            findings: findings, lines: scanner.lineCount, events: events, sealed: scanner.sealed, head: scanner.lastHash,
            expectedHeadLine: expectedHeadLine)
    }

    /// One convention's events, read back from their lines, reduced as the rules need them.
    private static func events(of lines: ConventionLines, source: LineSource?) -> [Event] {
        guard let source else { return lines.kept }
        var events: [Event] = []
        events.reserveCapacity(lines.offsets.count)
        for (offset, number) in zip(lines.offsets, lines.numbers) {
            // Each line was read as a well-formed event; the log is append-only.
            if let event = source.event(at: offset, number: Int(number)) { events.append(event.reducedForRules()) }
        }
        return events + lines.kept
    }
}
