#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A log read from disk: its events in file order and what its envelope check found.
///
/// Conventions (and event ids) are named by their exact UTF-8 bytes: "ctg-vallée" written with a
/// composed "é" and with "e" + U+0301 are two conventions.
///
/// This is the entry point for replaying a log in tests:
/// ```swift
/// let ledger = try Ledger.read(path: "Events/roumois-seine-2022.jsonl")
/// let state = ledger.state(of: "ctg-roumois-seine-2022", at: CivilDate("2026-03-01")!)
/// ```
public struct Ledger: Sendable {
    /// The file it was read from.
    public let path: String
    /// The well-formed events, in file order.
    public let events: [Event]
    /// Envelope, sequence and chain problems (errors), and a torn last line if any.
    public let findings: [Finding]
    /// `true` when the lines carry `prev` and `hash`; `nil` for an empty log.
    public let sealed: Bool?
    /// The last `seq` in the file (0 when empty).
    public let lastSeq: Int
    /// The last line's hash, on a sealed log.
    public let lastHash: String?
    /// The last `recorded` time in the file.
    public let lastRecorded: Timestamp?
    /// The number of lines read (a torn fragment included).
    public let lineCount: Int
    /// The torn final fragment, if the file does not end with `\n`.
    public let tornLine: (line: Int, offset: Int, length: Int)?

    /// A ledger of `events`, with what `scanner` found reading the log at `path`.
    init(path: String, events: [Event], scanner: LogScanner) {
        self.init(
            path: path, events: events, findings: scanner.findings, sealed: scanner.sealed, lastSeq: scanner.lastSeq,
            lastHash: scanner.lastHash, lastRecorded: scanner.lastRecorded, lineCount: scanner.lineCount, tornLine: scanner.tornLine)
    }

    /// A ledger with these contents.
    init(
        path: String, events: [Event], findings: [Finding], sealed: Bool?, lastSeq: Int, lastHash: String?, lastRecorded: Timestamp?,
        lineCount: Int, tornLine: (line: Int, offset: Int, length: Int)?
    ) {
        self.path = path
        self.events = events
        self.findings = findings
        self.sealed = sealed
        self.lastSeq = lastSeq
        self.lastHash = lastHash
        self.lastRecorded = lastRecorded
        self.lineCount = lineCount
        self.tornLine = tornLine
    }

    /// Reads and checks a whole log.
    ///
    /// - Parameters:
    ///   - path: the log file.
    ///   - convention: keep only this stream's events in `events` (all lines are still checked).
    ///   - checkHashes: recompute every line's SHA-256 (`false` only checks that the links chain).
    /// - Throws: `LedgerError` of kind `.io` when the file cannot be read.
    public static func read(path: String, convention: String? = nil, checkHashes: Bool = true) throws(LedgerError) -> Ledger {
        var events: [Event] = []
        let scanner = try LogPass.run(path: path, checkHashes: checkHashes) { (event: Event) throws(LedgerError) in
            if let convention, !event.convention.hasSameBytes(as: convention) { return }
            events.append(event)
        }
        return Ledger(path: path, events: events, scanner: scanner)
    }

    /// Reads and checks a whole log, keeping only the events of one convention: `only`, or when
    /// `nil` the first one met; `conventions` still lists every convention of the log.
    /// This is what a query about one convention needs, in memory proportional to that convention.
    ///
    /// With `useIndex`, the sidecar index (`LOG.ctgindex`) is used when it matches the log: only that
    /// convention's lines and the lines after the indexed part are then read and checked. Otherwise
    /// the whole log is read and the index written anew (best effort: a failure changes nothing).
    static func read(path: String, keepingOne only: String?, checkHashes: Bool = false, useIndex: Bool = false) throws(LedgerError) -> Ledger {
        if useIndex, let ledger = readIndexed(path: path, keepingOne: only) { return ledger }
        let (ledger, index) = try readWhole(path: path, keepingOne: only, checkHashes: checkHashes, buildingIndex: useIndex)
        // The scanner and its id table are gone by now; the index is written piece by piece.
        if var index { index.save(log: path) }
        return ledger
    }

    /// The full read behind `read(path:keepingOne:…)`, and the index of the log when it is worth
    /// writing (asked for, sealed, no finding).
    private static func readWhole(
        path: String, keepingOne only: String?, checkHashes: Bool, buildingIndex: Bool
    ) throws(LedgerError) -> (Ledger, LogIndex?) {
        var events: [Event] = []
        var seen: Set<ExactID> = []
        var order: [String] = []
        var kept = only
        var scanner = LogScanner(file: path, checkHashes: checkHashes)
        // The other conventions' lines are checked, not built: the index needs only their envelope.
        scanner.decoding.focus = only
        var index: LogIndex? = buildingIndex ? LogIndex() : nil
        // Chunks of 64 KiB rather than 1 MiB: the decoded chunks in flight took 25 MiB at a million
        // lines, next to the scanner's id table and the index being built (see PERFORMANCE.md).
        try LogPass.scan(path: path, with: &scanner, chunkSize: Ledger.fullReadChunkSize) {
            (event: Event?, place: LogPass.Place, scanner: inout LogScanner) throws(LedgerError) in
            guard let event else { return }
            if scanner.sealed == true { index?.add(event, offset: place.offset, length: place.length) }
            if seen.insert(ExactID(event.convention)).inserted { order.append(event.convention) }
            if kept == nil { kept = event.convention }
            if let kept, event.convention.hasSameBytes(as: kept) { events.append(event) }
        }
        var ledger = Ledger(path: path, events: events, scanner: scanner)
        ledger.allConventions = order
        return (ledger, scanner.sealed == true && scanner.findings.isEmpty ? index : nil)
    }

    /// The chunk size of a full read keeping one convention (`LogPass.scan`).
    static let fullReadChunkSize = 1 << 16

    /// The same through the sidecar index, or `nil` when it is missing, stale beyond repair or disagrees with the log.
    private static func readIndexed(path: String, keepingOne only: String?) -> Ledger? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard var index = LogIndex.load(log: path, fd: fd, checkHashes: false) else { return nil }
        // Listing every convention reads the whole directory: only when none is named, or the one
        // named is not in the log (the query then lists them in its refusal).
        var conventions: [String]?
        if only == nil {
            conventions = index.conventions
            guard conventions != nil else { return nil }
        }
        guard let kept = only ?? conventions?.first, let events = index.events(of: kept, fd: fd) else { return nil }
        if events.isEmpty {
            conventions = index.conventions
            guard conventions != nil else { return nil }
        }
        index.compactIfWorthIt(log: path)
        var ledger = Ledger(
            path: path, events: events, findings: [], sealed: true, lastSeq: index.lastSeq, lastHash: index.lastHash,
            lastRecorded: index.lastRecorded, lineCount: index.lastSeq, tornLine: nil)
        if let conventions {
            ledger.allConventions = conventions
        } else {
            let listed = index
            ledger.listConventions = (
                kept,
                {
                    // The index was good when read; should the directory be damaged since, read the log.
                    listed.conventions ?? (try? Ledger.read(path: path, keepingOne: kept).conventions) ?? [kept]
                }
            )
        }
        return ledger
    }

    /// Every convention of the file in order of first appearance, when `events` holds only some.
    private var allConventions: [String]?
    /// After a read through the index: the convention kept (in the log), and how to list them all when asked.
    private var listConventions: (kept: String, list: @Sendable () -> [String])?

    /// Errors only (a torn last line included).
    public var errors: [Finding] { findings.filter { $0.severity == .error } }

    /// The convention ids in order of first appearance.
    public var conventions: [String] { allConventions ?? listConventions?.list() ?? streams.order }

    /// `true` when the log holds events of `convention` (without listing every convention after a read through the index).
    func holds(convention: String) -> Bool {
        if let listConventions, listConventions.kept.hasSameBytes(as: convention) { return true }
        return conventions.contains { $0.hasSameBytes(as: convention) }
    }

    /// Each convention's events, grouped once (`history(of:)` must not scan the whole log each time).
    private var streams: (order: [String], events: [ExactID: [Event]]) {
        var order: [String] = []
        var grouped: [ExactID: [Event]] = [:]
        for event in events {
            let convention = ExactID(event.convention)
            if grouped[convention] == nil { order.append(event.convention) }
            grouped[convention, default: []].append(event)
        }
        return (order, grouped)
    }

    /// The events of one convention, in file order.
    public func events(of convention: String) -> [Event] {
        events.filter { $0.convention.hasSameBytes(as: convention) }
    }

    /// The histories of every convention as known at `asOf`, in order of first appearance.
    public func histories(asOf: Timestamp? = nil) -> [ConventionHistory] {
        let streams = self.streams
        return streams.order.map { ConventionHistory(events: streams.events[ExactID($0)] ?? [], convention: $0, asOf: asOf) }
    }

    /// The history of one convention as known at `asOf`.
    public func history(of convention: String, asOf: Timestamp? = nil) -> ConventionHistory {
        ConventionHistory(events: events, convention: convention, asOf: asOf)
    }

    /// The state of one convention at `date` as known at `asOf` (section 5).
    public func state(of convention: String, at date: CivilDate, asOf: Timestamp? = nil, showDraft: Bool = false) -> ConventionState {
        Projection.state(history(of: convention, asOf: asOf), at: date, showDraft: showDraft)
    }
}
