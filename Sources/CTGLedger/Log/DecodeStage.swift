#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One stage of reading a log's lines, run alone on the calling thread: what `Tools/DecodeBench`
/// times, to tell where a full read spends its time on one core (issue 5). Listed from the
/// cheapest; a stage below another does at least its work (but `envelope`, which parses less than
/// `tape` and builds more).
package enum DecodeStage: String, CaseIterable, Sendable {
    /// Finding each line's end (`memchr`), nothing else: the floor every stage stands on.
    case lines
    /// The JSON tape of each line with `data` skipped over, nothing decoded.
    case skip
    /// The JSON tape of each whole line, nothing decoded.
    case tape
    /// The envelope built, `data` only skipped over by the parser (`DecodeDetail.envelope`:
    /// `verify`'s optimistic first pass, without its hashing).
    case envelope
    /// The envelope built and every member of `data` checked, nothing of it built
    /// (`DecodeDetail.check`: the first pass of `list`).
    case check
    /// Each line checked by `FastLineCheck` alone, without a fallback (lines it is not sure of are
    /// not counted as events).
    case fast
    /// The first pass of `list`: `check`, with `FastLineCheck` first (`LineDecoding.readsPayload` off).
    case fastCheck
    /// `data` built without its free texts (`DecodeDetail.withoutTexts`), by the decoders on a tape.
    case withoutTexts
    /// The same by `FastLineDecode` (`verify`'s second pass, which reads lines back with
    /// `Event.read`), the decoders only for what it leaves to them.
    case fastWithoutTexts
    /// Everything built, each event keeping a copy of its line (`DecodeDetail.full`: the queries).
    case full

    /// Runs the stage over every line of `bytes` (each ends with `\n`; a last line without one is
    /// left out).
    ///
    /// - Returns: the number of lines read, and how many of them read as well-formed events (for
    ///   `lines`, non-empty lines; for `skip` and `tape`, JSON texts).
    package func run(over bytes: UnsafeRawBufferPointer) -> (lines: Int, events: Int) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        let tape = JSONTape()
        var decoding = LineDecoding()
        switch self {
        case .envelope: decoding = LineDecoding(keepsLines: false, detail: .envelope)
        case .check: decoding = LineDecoding(keepsLines: false, detail: .check)
        case .fastCheck: decoding = LineDecoding(keepsLines: false, detail: .check, readsPayload: false)
        case .withoutTexts: decoding = LineDecoding(keepsLines: false, detail: .withoutTexts)
        default: break
        }
        var lines = 0
        var events = 0
        var start = 0
        while start < bytes.count, let newline = memchr(base + start, 0x0A, bytes.count - start) {
            let end = base.distance(to: UnsafeRawPointer(newline))
            let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            lines += 1
            switch self {
            case .lines:
                events += line.isEmpty ? 0 : 1
            case .skip, .tape:
                if (try? tape.parse(line, skipping: self == .skip ? .data : .nothing)) != nil { events += 1 }
            case .fast:
                if FastLineCheck.check(line) != nil { events += 1 }
            case .fastWithoutTexts:
                if Event.read(line: line, number: lines, keepingLine: false, detail: .withoutTexts, tape: tape) != nil { events += 1 }
            case .envelope, .check, .fastCheck, .withoutTexts, .full:
                let raw = RawLine(number: lines, offset: start, bytes: line, terminated: true)
                if case .event = LogScanner.decode(raw, tape: tape, hashing: false, decoding: decoding).outcome { events += 1 }
            }
            start = end + 1
        }
        return (lines, events)
    }
}
