/// A `ctg` command: its help and how it runs.
package struct Command: Sendable {
    /// The command's name, e.g. `state`.
    package var name: String
    /// One line saying what it does.
    package var summary: String
    /// The usage line.
    package var usage: String
    /// Longer help: what it does, in a few lines.
    package var details: String
    /// The options it accepts.
    package var options: [OptionSpec]
    /// Example invocations with their explanation.
    package var examples: [String]
    /// Runs it; returns the exit code.
    package var run: @Sendable (ParsedArguments, CommandIO) throws(LedgerError) -> Int32

    /// The full help text.
    package var help: String {
        var lines = ["ctg \(name): \(summary)", "", "Usage: \(usage)", "", details]
        if !options.isEmpty {
            lines.append("")
            lines.append("Options:")
            let width = options.map { $0.name.count + ($0.value.map { $0.count + 1 } ?? 0) }.max() ?? 0
            for option in options {
                let head = option.name + (option.value.map { " " + $0 } ?? "")
                lines.append("  " + head + String(repeating: " ", count: width - head.count + 2) + option.help)
            }
        }
        if !examples.isEmpty {
            lines.append("")
            lines.append("Examples:")
            lines += examples.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Shared steps of the read-only commands.
enum CommandSupport {
    static let formatOption = OptionSpec("--format", "FORMAT", "text (default, in French), json or markdown")
    static let conventionOption = OptionSpec("--convention", "ID", "the convention (stream); optional when the log holds one")
    static let asOfOption = OptionSpec("--as-of", "K", "as the ledger knew it at K: RFC 3339 time, or a date (end of that day, UTC)")

    /// Reads a whole log for a query about one convention (`convention`, or the first one when
    /// `nil`: `convention(_:_:)` then refuses a log that holds several), keeping only its events:
    /// refuses an invalid log, warns about a torn last line. The sidecar index is not used.
    static func readLedger(_ path: String, io: CommandIO, keepingOne convention: String?) throws(LedgerError) -> Ledger {
        let ledger = try Ledger.read(path: path, keepingOne: convention, checkHashes: false)
        try refuseInvalid(ledger.findings, path: path, io: io)
        return ledger
    }

    /// Reads a log for a query about one convention (`--convention`, or the first one when the
    /// option is absent: `convention(_:_:)` then refuses a log that holds several), keeping only its events.
    /// The sidecar index is used when it matches the log (only those lines and the lines after the
    /// indexed part are then checked), and written when it is missing or stale.
    static func readLedger(_ path: String, io: CommandIO, for args: ParsedArguments) throws(LedgerError) -> Ledger {
        let ledger = try Ledger.read(path: path, keepingOne: args.values["--convention"], useIndex: true)
        try refuseInvalid(ledger.findings, path: path, io: io)
        return ledger
    }

    /// Replays a whole log in one streaming pass: each convention's digest, in order of first appearance.
    static func replay(_ path: String, io: CommandIO) throws(LedgerError) -> [ConventionDigest] {
        var digests = ConventionGroups<ConventionDigest>()
        var scanner = LogScanner(file: path, checkHashes: false)
        // The digests keep where their events' lines are, and read them back for the state: the
        // events of the pass need no copy of their lines.
        let source = scanner.ids.source
        scanner.decoding.keepsLines = source == nil
        // With a source, the digests keep only offsets: the pass checks each line's data but builds
        // none of it. Without one, they keep events, and the status reads no text.
        scanner.decoding.detail = source == nil ? .withoutTexts : .check
        // With a source, the pass reads only envelopes: lines are checked by `FastLineCheck` first.
        scanner.decoding.readsPayload = source == nil
        try LogPass.scan(path: path, with: &scanner) { (event: Event?, place: LogPass.Place, _: inout LogScanner) throws(LedgerError) in
            guard let event else { return }
            digests.update(event.convention, make: { ConventionDigest(convention: $0, source: source) }) {
                $0.add(event, place: LinePlace(offset: place.offset, length: place.length), elements: place.elements)
            }
        }
        try refuseInvalid(scanner.findings, path: path, io: io)
        return digests.values
    }

    /// Refuses an invalid log for a query; warns about a torn last line.
    static func refuseInvalid(_ findings: [Finding], path: String, io: CommandIO) throws(LedgerError) {
        for finding in findings where finding.rule == "torn" {
            io.err("warning: \(finding.description)\n")
        }
        if let error = findings.first(where: { $0.severity == .error && $0.rule != "torn" }) {
            let count = findings.filter { $0.severity == .error }.count
            throw LedgerError(
                .invalid, file: error.file, line: error.line, seq: error.seq, member: error.member,
                error.message + (count > 1 ? " (\(count) errors in all: run `ctg verify \(path)`)" : ""))
        }
    }

    /// The convention a query is about: `--convention`, or the only one in the log.
    static func convention(_ args: ParsedArguments, _ ledger: Ledger) throws(LedgerError) -> String {
        if let id = args.values["--convention"] {
            guard ledger.holds(convention: id) else {
                let conventions = ledger.conventions
                throw LedgerError(
                    .invalid, file: ledger.path, member: "--convention",
                    "there is no convention \"\(id)\" in this log; it holds: \(conventions.isEmpty ? "nothing" : conventions.joined(separator: ", ")).")
            }
            return id
        }
        let conventions = ledger.conventions
        guard conventions.count == 1 else {
            if conventions.isEmpty { throw LedgerError(.invalid, file: ledger.path, "the log holds no event.") }
            throw LedgerError(
                .usage, file: ledger.path, member: "--convention",
                "the log holds \(conventions.count) conventions; name one with --convention: \(conventions.joined(separator: ", ")).")
        }
        return conventions[0]
    }

    /// Pretty JSON for people and scripts alike (two-space indentation, members in order).
    static func prettyJSON(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: "", into: &out)
        return out + "\n"
    }

    private static func write(_ value: JSONValue, indent: String, into out: inout String) {
        let inner = indent + "  "
        switch value {
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                write(item, indent: inner, into: &out)
                out += i < items.count - 1 ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let object) where !object.members.isEmpty:
            out += "{\n"
            for (i, member) in object.members.enumerated() {
                out += inner + JSONWriter.string(.string(member.key)) + ": "
                write(member.value, indent: inner, into: &out)
                out += i < object.members.count - 1 ? ",\n" : "\n"
            }
            out += indent + "}"
        default:
            out += JSONWriter.string(value)
        }
    }
}
