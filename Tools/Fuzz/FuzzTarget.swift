// libFuzzer target over the log line parser and event decoding.
// Built only by Tools/fuzz.sh (swiftc -sanitize=fuzzer together with the library
// sources, as one module); never part of Package.swift.

/// What one fuzz input goes through: the same steps as `ctg verify` and `ctg append` take on their input.
enum FuzzHarness {
    /// A fixed clock, so runs are reproducible.
    static let now = Timestamp(rfc3339: "2026-01-01T00:00:00Z")!

    /// Feeds `input` as a log (line by line through the scanner, then references, domain rules and
    /// projections) and as `ctg append` input (parse, envelope, decode, seal, rescan). Traps only on a
    /// broken invariant; errors are expected answers.
    static func run(_ input: UnsafeRawBufferPointer) {
        // 1. As a log file.
        var scanner = LogScanner(file: "fuzz.jsonl")
        var events: [Event] = []
        var lineNumber = 0
        var start = 0
        while start < input.count {
            var end = start
            while end < input.count, input[end] != 0x0A { end += 1 }
            lineNumber += 1
            let raw = RawLine(
                number: lineNumber, offset: start, bytes: UnsafeRawBufferPointer(rebasing: input[start..<end]),
                terminated: end < input.count)
            if let event = scanner.scan(raw) { events.append(event) }
            checkDetailsAgree(raw)
            checkFastPathsAgree(raw)
            start = end + 1
        }
        let ledger = Ledger(path: "fuzz.jsonl", events: events, scanner: scanner)
        var validator = ReferenceValidator()
        for event in events {
            _ = validator.check(event)
            _ = EventDescriber.describe(event)
        }
        _ = DomainRules.findings(ledger)
        for convention in ledger.conventions.prefix(3) {
            let history = ledger.history(of: convention)
            _ = HistoryRenderer.text(history)
            _ = HistoryRenderer.json(history)
            for date in dates {
                let state = Projection.state(history, at: date, showDraft: true)
                _ = StateRenderer.text(state)
                _ = StateRenderer.json(state)
                _ = StateRenderer.markdown(state)
            }
        }

        // 2. As one JSON text: what is written back must parse to the same value.
        if let value = try? JSONParser.parse(input) {
            let text = JSONWriter.string(value)
            guard let again = try? JSONParser.parse(text), again == value else {
                fatalError("JSONWriter output does not parse back to the same value: \(text)")
            }
        }

        // 3. As `ctg append` input: each object gets an envelope, is decoded and sealed; the sealed line
        //    must then scan with a valid hash.
        guard let candidates = try? Appender.parseInput(Array(input), name: "<stdin>") else { return }
        for (index, candidate) in candidates.enumerated() {
            let object = Appender.envelopeOrdered(candidate.object, seq: index + 1, recorded: now)
            guard let event = try? Event(object: object, line: candidate.line) else { continue }
            let sealed = SealFormat.seal(event.object, prev: LogScanner.zeroHash)
            var rescanner = LogScanner(file: "sealed.jsonl")
            sealed.line.dropLast().withUnsafeBytes { bytes in
                _ = rescanner.scan(RawLine(number: 1, offset: 0, bytes: bytes, terminated: true))
            }
            if let broken = rescanner.findings.first(where: { $0.rule == "chain" || $0.rule == "json" }) {
                fatalError("a line sealed by SealFormat does not scan back: \(broken.description)")
            }
        }
    }

    static let dates = ["2020-01-01", "2026-06-01", "2031-01-01"].map { CivilDate($0)! }

    /// The lighter decodings judge a line as the full one does (`DecodeDetail`): the same outcome,
    /// the same error; a line read whole also reads at `.status` (which skips `data.elements`).
    static func checkDetailsAgree(_ raw: RawLine) {
        let tape = JSONTape()
        func verdict(_ detail: DecodeDetail) -> String {
            verdictOf(raw, LineDecoding(keepsLines: false, detail: detail), tape: tape)
        }
        let full = verdict(.full)
        for detail in [DecodeDetail.withoutTexts, .check] where verdict(detail) != full {
            fatalError("decoding at \(detail) judges a line otherwise than in full: \(verdict(detail)) / \(full)")
        }
        if full.hasPrefix("event"), !verdict(.status).hasPrefix("event") {
            fatalError("a well-formed event does not read back at .status: \(verdict(.status))")
        }
        // `.envelope` does not read the data, nor parse it: it may take a line with bad data (or data
        // that is not JSON) for an event (verify's second pass then catches it), but otherwise
        // judges it as in full.
        let envelope = verdict(.envelope)
        if envelope != full && !(envelope.hasPrefix("event") && (full.hasPrefix("invalid") || full.hasPrefix("not JSON"))) {
            fatalError("decoding at .envelope judges a line otherwise than in full: \(envelope) / \(full)")
        }
    }

    /// The fast paths say what the decoders say: a pass that reads no payload (`FastLineCheck`,
    /// data checked or skipped over) or keeps one convention judges each line as without them, and
    /// `FastLineDecode` builds the same event as the decoders at `.withoutTexts` and `.status`.
    static func checkFastPathsAgree(_ raw: RawLine) {
        let tape = JSONTape()
        for detail in [DecodeDetail.check, .envelope] {
            let fast = verdictOf(raw, LineDecoding(keepsLines: false, detail: detail, readsPayload: false), tape: tape, envelope: true)
            let slow = verdictOf(raw, LineDecoding(keepsLines: false, detail: detail), tape: tape, envelope: true)
            if fast != slow { fatalError("the fast check at \(detail) judges a line otherwise: \(fast) / \(slow)") }
        }
        let focused = verdictOf(raw, LineDecoding(keepsLines: false, detail: .full, focus: "¤ none"), tape: tape, envelope: true)
        let whole = verdictOf(raw, LineDecoding(keepsLines: false, detail: .full), tape: tape, envelope: true)
        if focused != whole { fatalError("a pass with a focus judges another convention's line otherwise: \(focused) / \(whole)") }
        guard raw.terminated else { return }
        for detail in [DecodeDetail.withoutTexts, .status] {
            let fast = Event.read(line: raw.bytes, number: 1, keepingLine: false, detail: detail, tape: tape)
            let slow = Event.read(line: raw.bytes, number: 1, keepingLine: false, detail: detail, tape: tape, fast: false)
            guard let fast else { continue }
            guard let slow else { fatalError("FastLineDecode builds a line the decoders refuse at \(detail)") }
            if fast.payload != slow.payload || fast.seq != slow.seq || fast.id != slow.id || fast.convention != slow.convention
                || fast.type != slow.type || fast.recorded != slow.recorded || fast.effective != slow.effective || fast.line != slow.line
                || fast.prevSeal != slow.prevSeal || fast.hashSeal != slow.hashSeal
            {
                fatalError("FastLineDecode builds another event than the decoders at \(detail): \(fast.payload) / \(slow.payload)")
            }
        }
    }

    /// How a line was judged, as text; with `envelope`, an event's whole envelope.
    static func verdictOf(_ raw: RawLine, _ decoding: LineDecoding, tape: JSONTape, envelope: Bool = false) -> String {
        switch LogScanner.decode(raw, tape: tape, hashing: false, decoding: decoding).outcome {
        case .event(let event, let last):
            let more = envelope ? " \(event.recorded) \(event.effective) \(event.prev ?? "-") \(event.hash ?? "-")" : ""
            return "event \(event.seq) \(event.id) \(event.convention) \(event.type) \(last)" + more
        case .badEnvelope(let error, let seq): return "invalid \(String(describing: seq)) \(error.description)"
        case .notJSON(let error): return "not JSON \(error.description)"
        case .notObject(let name): return "not an object \(name)"
        case .torn: return "torn"
        case .carriageReturn: return "CR"
        case .blank: return "blank"
        }
    }
}

/// The libFuzzer entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzHarness.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
