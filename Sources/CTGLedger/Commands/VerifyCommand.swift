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
/// Made in one streaming pass that decodes lines and recomputes their SHA-256 on two threads
/// (envelope, sequence, chain, ids), then one convention at a time: the pass records where each convention's
/// lines are, and the reference checks and the domain rules (which read whole histories) run over
/// each convention's lines read back. Memory is bounded by the largest convention, not by the log
/// (issue 5); findings are the same, in the same order.
struct VerifyReport {
    var findings: [Finding]
    var lines: Int
    var events: Int
    var sealed: Bool?
    var head: String?
    /// The last line whose hash is the `expectHead` asked for, to explain a stale `--expect-head`.
    var expectedHeadLine: Int?

    /// Checks the log at `path`.
    ///
    /// - Parameters:
    ///   - expectHead: a hash written down earlier, to find the line it belongs to.
    ///   - chunkSize: how the file is cut for the first pass, decoded and hashed on two threads
    ///     (`ParallelScan`; tests vary it).
    ///   - idHash: replaces the hash of event ids (tests force collisions with it).
    ///   - optimistic: the first pass does not read the events' data (`DecodeDetail.envelope`),
    ///     which the second pass reads and checks anyway; when that finds a line whose data is bad,
    ///     verify starts over with a first pass that checks it (`false`: from the start), so the
    ///     report is the same either way: a sound log is decoded once, a damaged one twice.
    /// - Throws: `LedgerError` of kind `.io` when the file cannot be read.
    static func make(
        path: String, expectHead: String? = nil, chunkSize: Int = ParallelScan.defaultChunkSize,
        idHash: (@Sendable (String) -> UInt64)? = nil, optimistic: Bool = true
    ) throws(LedgerError) -> VerifyReport {
        if optimistic,
            let report = try attempt(path: path, expectHead: expectHead, chunkSize: chunkSize, idHash: idHash, optimistic: true)
        {
            return report
        }
        // Everything the optimistic attempt held is freed by now: give it back before starting over,
        // so that a damaged log stays within the memory a sound one takes.
        WorkerThread.releaseFreedMemory()
        // Not optimistic, an attempt always gives a report.
        guard let report = try attempt(path: path, expectHead: expectHead, chunkSize: chunkSize, idHash: idHash, optimistic: false)
        else { throw LedgerError(.io, file: path, "the log changed while it was verified; try again.") }
        return report
    }

    /// One attempt of `make`; `nil` only when `optimistic` and a line read again by the second pass
    /// is not a well-formed event (its data is bad, or it changed meanwhile). Not optimistic, such a
    /// line is left out of the second pass (the first reported it, or the log changed meanwhile).
    private static func attempt(
        path: String, expectHead: String?, chunkSize: Int, idHash: (@Sendable (String) -> UInt64)?, optimistic: Bool
    ) throws(LedgerError) -> VerifyReport? {
        var scanner = LogScanner(file: path, checkHashes: true)
        if let idHash { scanner.useIDHash(idHash) }
        guard let source = scanner.ids.source else {
            // The log cannot be opened: the same error as every read gives.
            try FileIO.checkReadable(path)
            throw LedgerError(.io, file: path, "the log could not be opened a second time, to read lines back; try again.")
        }
        // Lines are read back for the second pass: the first needs no copy of them.
        scanner.decoding.keepsLines = false
        // The first pass reads only the envelope (each line's data is not read, or checked and not
        // built); the second builds the data without its texts: the rules read events reduced to
        // what they read (`reducedForRules`).
        scanner.decoding.detail = optimistic ? .envelope : .check
        // It reads no payload: lines are checked by `FastLineCheck` first.
        scanner.decoding.readsPayload = false
        // Where each convention's well-formed lines are, in file order.
        var streams = ConventionGroups<OffsetList>()
        // A line's number is its seq plus the shift of the last change before it (a change in a
        // damaged log only): numbers are not kept per line.
        var shifts: [(offset: Int, shift: Int)] = [(0, 0)]
        var events = 0
        var expectedHeadLine: Int?
        let expectedSeal = expectHead.map(SealText.init)
        // What the reference validator will record, so that ids are looked up as it would have:
        // every event except a second registration of a convention, which it refuses.
        var registered: Set<ExactID> = []
        var unrecorded: [ExactID: IDTable.Known?] = [:]
        let read: Result<Void, LedgerError>
        do {
            try LogPass.scan(path: path, with: &scanner, chunkSize: chunkSize) {
                (event: Event?, raw: LogPass.Place, scanner: inout LogScanner) throws(LedgerError) in
                guard let event else { return }
                events += 1
                if event.type == .conventionRegistered, !registered.insert(ExactID(event.convention)).inserted {
                    // Refused: an id first used here is not known to later events until recorded again.
                    let id = ExactID(event.id)
                    if unrecorded[id] == nil, scanner.ids.first(event.id)?.offset == raw.offset { unrecorded[id] = .some(nil) }
                } else if !unrecorded.isEmpty, case let id = ExactID(event.id), let shadowed = unrecorded[id], shadowed == nil {
                    unrecorded[id] = IDTable.Known(convention: event.convention, type: event.type, seq: event.seq, offset: raw.offset)
                }
                streams.update(event.convention, make: { _ in OffsetList() }) { $0.append(raw.offset, length: raw.length) }
                if event.line - event.seq != shifts[shifts.count - 1].shift { shifts.append((raw.offset, event.line - event.seq)) }
                if let expectedSeal, event.hashSeal == expectedSeal { expectedHeadLine = event.line }
            }
            read = .success(())
        } catch {
            read = .failure(error)
        }
        if case .failure(let error) = read { throw error }
        let (conventions, offsetLists) = streams.take()
        registered = []
        let ids = scanner.ids
        // Conventions are independent: checked on two threads, their findings kept in convention order.
        let checked = ParallelWork.map(count: conventions.count) { (slot: Int) -> (references: [Finding], rules: [Finding], unread: Bool) in
            var references: [Finding] = []
            var validator = ReferenceValidator()
            let reader = LineReadBack()
            var kept: [Event] = []
            let offsets = offsetLists[slot]
            kept.reserveCapacity(offsets.count)
            var run = 0
            for place in offsets {
                let offset = place.offset
                while run + 1 < shifts.count, shifts[run + 1].offset <= offset { run += 1 }
                // Each line was read as a well-formed event (its data unread when optimistic); the log is append-only.
                guard var event = source.event(at: place, detail: .withoutTexts, reader: reader) else {
                    if optimistic { return ([], [], true) }
                    continue
                }
                event.line = event.seq + shifts[run].shift
                let known = { (id: String) -> IDTable.Known? in
                    if let shadowed = unrecorded[ExactID(id)] { return shadowed.flatMap { ($0.offset ?? offset) < offset ? $0 : nil } }
                    guard let first = ids.first(id), let at = first.offset, at < offset else { return nil }
                    return first
                }
                for problem in validator.check(event, known: known) {
                    references.append(Finding(problem.located(file: path, line: event.line, seq: event.seq), rule: "reference"))
                }
                kept.append((consume event).reducedForRules())
            }
            return (references, DomainRules.findings([ConventionHistory(events: kept, convention: conventions[slot])], file: path), false)
        }
        if checked.contains(where: \.unread) {
            // A line whose data is bad (or that changed meanwhile): the first pass must judge it.
            return nil
        }
        let referenceFindings = checked.flatMap(\.references)
        let ruleFindings = checked.flatMap(\.rules)
        var findings = scanner.findings + referenceFindings + ruleFindings
        findings.sort { ($0.line ?? 0, $0.severity == .error ? 0 : 1) < ($1.line ?? 0, $1.severity == .error ? 0 : 1) }
        return VerifyReport(
            findings: findings, lines: scanner.lineCount, events: events, sealed: scanner.sealed, head: scanner.lastHash,
            expectedHeadLine: expectedHeadLine)
    }
}
