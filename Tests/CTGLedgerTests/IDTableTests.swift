import Foundation
import Testing

@testable import CTGLedger

/// The compact id tables (issue 5) answer exactly: a hash collision between two ids is no
/// duplicate, a repeated id is one however its hash collides, and references to events read back
/// through their offsets are what the whole-ledger check finds.
@Suite struct IDTableTests {
    /// Hashes that collide a lot: all ids one value, or only 16 values.
    static let collidingHashes: [@Sendable (String) -> UInt64] = [{ _ in 0x1234_5678_9ABC_DEF0 }, { IDTable.hashID($0) & 0xF000_0000_0000_0000 }]

    /// A log of one convention with repeated ids, a damaged line, a refused second registration and
    /// corrections naming its id, their own id and an unknown id.
    static func damagedLog() -> [String] {
        var log = TestLog()
        log.deliberation()
        log.deliberation(id: "cc-2", number: "CC_2_2025")
        log.add(
            "convention.registered", effective: "2025-12-01",
            #"{"title":"Doublon","kind":"CTG","territory":"Plateau","parties":\#(TestLog.parties),"start":"2026-01-01","end":"2030-12-31","elements":[]}"#)
        log.add("event.corrected", effective: "2025-12-01", #"{"target":"t-dup","reason":"r","data":{"id":"cc-9"}}"#)
        log.deliberation(id: "cc-3", number: "CC_3_2025")
        log.add("event.corrected", effective: "2025-12-15", #"{"target":"t-dup","reason":"r","data":{"id":"cc-9"}}"#)
        log.add("event.corrected", effective: "2025-12-15", #"{"target":"t-9","reason":"r","data":{}}"#)
        log.add("event.corrected", effective: "2025-12-15", #"{"target":"nowhere","reason":"r","data":{}}"#)
        log.deliberation(id: "cc-4", number: "CC_4_2025")
        log.deliberation(id: "cc-5", number: "CC_5_2025")
        // Its own id: not an event before it.
        log.add("event.corrected", effective: "2025-12-15", #"{"target":"t-12","reason":"r","data":{}}"#)
        var lines = log.lines
        // The refused registration and a later délibération share an id (corrections name it
        // before and after); so do two others, one of them after a line that is not JSON, which
        // a correction names.
        lines[3] = lines[3].replacingOccurrences(of: #""id":"t-4""#, with: #""id":"t-dup""#)
        lines[5] = lines[5].replacingOccurrences(of: #""id":"t-6""#, with: #""id":"t-dup""#)
        lines[8] = String(lines[8].dropLast(3))
        lines[10] = lines[10].replacingOccurrences(of: #""id":"t-11""#, with: #""id":"t-2""#)
        // A line whose seq is not its number (`verify` numbers lines read back from their seq).
        lines[11] = lines[11].replacingOccurrences(of: #"{"seq":12,"#, with: #"{"seq":40,"#)
        return lines
    }

    @Test func collidingIDsAreNotDuplicates() throws {
        var log = TestLog()
        for n in 1...20 { log.deliberation(id: "cc-\(n)", number: "CC_\(n)_2025") }
        let path = try log.write()
        for hash in Self.collidingHashes {
            var scanner = LogScanner(file: path, checkHashes: false)
            scanner.useIDHash(hash)
            try LineReader.forEachLine(path: path) { (raw: RawLine) throws(LedgerError) in _ = scanner.scan(raw) }
            #expect(scanner.findings.isEmpty)
            #expect(scanner.seq(ofID: "t-7") == 7)
            #expect(scanner.seq(ofID: "t-77") == nil)
        }
    }

    @Test func repeatedIDsAreFoundWhateverTheHash() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("damaged.jsonl", Self.damagedLog().joined(separator: "\n") + "\n")
        let expected = try StreamingTests.wholeLedgerFindings(path)
        #expect(expected.filter { $0.rule == "envelope.id" }.count == 2)
        #expect(expected.contains { $0.message.contains("is already used by seq 4") })
        #expect(expected.contains { $0.line == 12 && $0.seq == 40 && $0.rule == "reference" })
        #expect(try VerifyReport.make(path: path).findings == expected)
        for hash in Self.collidingHashes {
            #expect(try VerifyReport.make(path: path, idHash: hash).findings == expected)
        }
    }

    @Test(arguments: StreamingTests.logs)
    func realLogsVerifyAlikeWithCollidingHashes(path: String) throws {
        let expected = try VerifyReport.make(path: path).findings
        for hash in Self.collidingHashes {
            #expect(try VerifyReport.make(path: path, idHash: hash).findings == expected)
        }
    }

    @Test func tableKeptWholeWithoutAFile() {
        var table = IDTable(source: nil)
        table.hash = { _ in 1 }
        var event = Event.sample(id: "a", seq: 1)
        #expect(table.insert(event, offset: 0) == nil)
        event.id = "b"
        event.seq = 2
        #expect(table.insert(event, offset: 0) == nil)
        event.seq = 3
        #expect(table.insert(event, offset: 0)?.seq == 2)
        #expect(table.first("a")?.seq == 1)
        #expect(table.first("c") == nil)
    }
}

extension Event {
    /// A minimal event, for tables that only read its envelope.
    static func sample(id: String, seq: Int) -> Event {
        let line =
            #"{"seq":\#(seq),"id":"\#(id)","convention":"c","type":"review.held","recorded":"2026-01-01T00:00:00Z","effective":"2026-01-01","data":{"kind":"copil","date":"2026-01-01"}}"#
        guard case .object(let object)? = try? JSONParser.parse(line), let event = try? Event(object: object, line: seq) else {
            fatalError("the sample event does not decode")
        }
        return event
    }
}
