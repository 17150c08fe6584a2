import Foundation
import Testing

@testable import CTGLedger

/// The sidecar index (`LOG.ctgindex`): kept up to date by appends, rebuilt when stale or damaged,
/// never changing what a command answers.
@Suite struct LogIndexTests {
    static func registration(_ c: String) -> String {
        """
        {"id":"\(c)-r","convention":"\(c)","type":"convention.registered","effective":"2025-12-01","data":{"title":"CTG \(c)","kind":"CTG","territory":"\(c)","parties":[{"id":"caf","name":"Caf","kind":"caf"},{"id":"ville","name":"Ville","kind":"commune"}],"start":"2026-01-01","end":"2030-12-31","elements":[{"id":"fiche:a","kind":"fiche","title":"A"}]}}
        """
    }

    static func signature(_ c: String, act: String = "convention", date: String = "2026-01-09", id: String) -> String {
        """
        {"id":"\(id)","convention":"\(c)","type":"act.signed","effective":"\(date)","data":{"act":"\(act)","parties":["caf","ville"],"date":"\(date)"}}
        """
    }

    static func review(_ c: String, id: String, date: String = "2026-06-30") -> String {
        """
        {"id":"\(id)","convention":"\(c)","type":"review.held","effective":"\(date)","data":{"kind":"copil","date":"\(date)"}}
        """
    }

    static func avenant(_ c: String, number: Int, id: String, from: String) -> String {
        """
        {"id":"\(id)","convention":"\(c)","type":"avenant.concluded","effective":"\(from)","data":{"number":\(number),"title":"n° \(number)","effective_from":"\(from)","changes":[{"op":"add","element":{"id":"fiche:n\(number)","kind":"fiche","title":"N\(number)"}}]}}
        """
    }

    /// The events of a multi-convention log, interleaved, one string per event.
    static func events(conventions: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        let names = (0..<conventions).map { "ctg-c\($0)-2026" }
        var lines = names.map { registration($0) }
        var avenants = [Int](repeating: 0, count: conventions)
        var signed = [Bool](repeating: false, count: conventions)
        for step in 0..<(conventions * 8) {
            let i = Int.random(in: 0..<conventions, using: &random)
            let c = names[i]
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where !signed[i]:
                signed[i] = true
                lines.append(signature(c, id: "\(c)-s"))
            case 1:
                avenants[i] += 1
                let n = avenants[i]
                lines.append(avenant(c, number: n, id: "\(c)-a\(n)", from: "202\(6 + min(n, 3))-0\(1 + n % 9)-01"))
                lines.append(signature(c, act: "avenant:\(n)", date: "2027-0\(1 + n % 9)-15", id: "\(c)-as\(n)"))
            default:
                lines.append(review(c, id: "\(c)-v\(step)", date: "2026-0\(1 + step % 9)-1\(step % 10)"))
            }
        }
        return lines
    }

    /// Writes a sealed log by appending `lines` in batches of one to four, as `ctg append` would.
    static func makeLog(_ path: String, lines: [String], now: String = "2026-11-23T10:00:00Z") throws {
        var start = 0
        var batch = 1
        while start < lines.count {
            let end = min(lines.count, start + batch)
            let outcome = CTG.run(["append", path], stdin: lines[start..<end].joined(separator: "\n") + "\n", now: now)
            try #require(outcome.code == 0, "\(outcome.err)")
            start = end
            batch = batch % 4 + 1
        }
    }

    static func index(_ log: String) -> String { LogIndex.path(for: log) }

    /// The index a from-scratch pass would build.
    static func rebuilt(_ log: String) throws -> [UInt8] {
        try? FileManager.default.removeItem(atPath: index(log))
        _ = try Ledger.read(path: log, keepingOne: nil, useIndex: true)
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: index(log))))
    }

    /// The answers of the read-only commands, for comparison with and without an index.
    static func answers(_ log: String, conventions: [String], dates: [String]) -> [String] {
        var out: [String] = []
        for c in conventions {
            for d in dates {
                let r = CTG.run(["state", log, "--convention", c, "--at", d, "--format", "json"])
                out.append("\(r.code)\(r.out)\(r.err)")
            }
            let h = CTG.run(["history", log, "--convention", c])
            out.append("\(h.code)\(h.out)\(h.err)")
            let diff = CTG.run(["diff", log, "--convention", c, "--from", "2026-01-01", "--to", "2028-06-01"])
            out.append("\(diff.code)\(diff.out)\(diff.err)")
        }
        let missing = CTG.run(["state", log, "--convention", "ctg-none", "--at", "2026-05-01"])
        out.append("\(missing.code)\(missing.out)\(missing.err)")
        let unnamed = CTG.run(["state", log, "--at", "2026-05-01"])
        out.append("\(unnamed.code)\(unnamed.out)\(unnamed.err)")
        return out
    }

    static func withoutIndex(_ log: String, _ body: () throws -> [String]) rethrows -> [String] {
        let saved = try? Data(contentsOf: URL(fileURLWithPath: index(log)))
        try? FileManager.default.removeItem(atPath: index(log))
        // A directory in the index's place: it can be neither read nor written.
        try? FileManager.default.createDirectory(atPath: index(log), withIntermediateDirectories: false)
        defer {
            try? FileManager.default.removeItem(atPath: index(log))
            if let saved { try? saved.write(to: URL(fileURLWithPath: index(log))) }
        }
        return try body()
    }

    /// The index as loaded from disk with its ids, or `nil`.
    static func loaded(_ log: String) -> LogIndex? {
        let fd = open(log, O_RDONLY)
        defer { close(fd) }
        return LogIndex.load(log: log, fd: fd, checkHashes: true, needIDs: true)
    }

    /// The lines in the journal of the index on disk (`nil` when it cannot be read).
    static func journalLines(_ log: String) -> Int? { LogIndexStorage(path: index(log))?.journalLines }

    /// Two indexes answer alike: same covered part, same conventions in the same order, same
    /// entries for each, same offsets for every id of the log (and for an unknown id).
    static func expectEquivalent(_ a: LogIndex, _ b: LogIndex, log: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(a.coveredSize == b.coveredSize, sourceLocation: sourceLocation)
        #expect(a.lastSeq == b.lastSeq && a.lastHash == b.lastHash && a.lastRecorded == b.lastRecorded, sourceLocation: sourceLocation)
        #expect(a.conventions != nil && a.conventions == b.conventions, sourceLocation: sourceLocation)
        for c in (a.conventions ?? []) + ["ctg-none"] {
            #expect(a.entries(of: c) != nil && a.entries(of: c) == b.entries(of: c), "\(c)", sourceLocation: sourceLocation)
        }
        let ids = try Ledger.read(path: log, checkHashes: false).events.map(\.id) + ["no-such-id"]
        for id in ids {
            #expect(a.offsets(forID: id) != nil && a.offsets(forID: id)?.sorted() == b.offsets(forID: id)?.sorted(), "\(id)", sourceLocation: sourceLocation)
        }
    }

    @Test func indexKeptByAppendsEqualsTheRebuiltOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        try Self.makeLog(log, lines: Self.events(conventions: 6, seed: 1))
        #expect(FileManager.default.fileExists(atPath: Self.index(log)))
        // The appends wrote their lines into the journal, not a new index each time: the journal
        // layout differs from the rebuilt index's, the answers do not.
        let journal = try #require(Self.journalLines(log))
        #expect(journal > 40)
        let fd = open(log, O_RDONLY)
        defer { close(fd) }
        let beforeCompaction = try #require(LogIndex.load(log: log, fd: fd, checkHashes: true, needIDs: true))
        #expect(beforeCompaction.coveredSize == (try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int))
        #expect(beforeCompaction.unsavedLines == 0)
        let savedJournal = try Data(contentsOf: URL(fileURLWithPath: Self.index(log)))
        _ = try Self.rebuilt(log)
        let fresh = try #require(Self.loaded(log))
        #expect(fresh.stored.journalLines == 0)
        try Self.expectEquivalent(beforeCompaction, fresh, log: log)
        try savedJournal.write(to: URL(fileURLWithPath: Self.index(log)))
        // Compacted, it is byte for byte the rebuilt one.
        var kept = try #require(LogIndex.load(log: log, fd: fd, checkHashes: true))
        kept.save(log: log)
        let keptBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.index(log))))
        // Read back, it encodes the same.
        let reloaded = try #require(LogIndex.load(log: log, fd: fd, checkHashes: true, needIDs: true))
        #expect(LogIndexStorage.encode(reloaded) == keptBytes ? true : false)
        #expect(try Self.rebuilt(log) == keptBytes ? true : false)
    }

    @Test func stateThroughTheIndexEqualsTheFullRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        try Self.makeLog(log, lines: Self.events(conventions: 8, seed: 7))
        var random = SplitMix64(seed: 42)
        let conventions = (0..<8).map { "ctg-c\($0)-2026" }
        for _ in 0..<30 {
            let c = conventions.randomElement(using: &random)!
            let date = CivilDate(
                String(
                    format: "%04d-%02d-%02d", Int.random(in: 2025...2031, using: &random), Int.random(in: 1...12, using: &random),
                    Int.random(in: 1...28, using: &random)))!
            let asOf: Timestamp? = Bool.random(using: &random) ? nil : Timestamp(rfc3339: "2026-11-23T10:00:00Z")
            let indexed = try Ledger.read(path: log, keepingOne: c, useIndex: true)
            let full = try Ledger.read(path: log, keepingOne: c, useIndex: false)
            #expect(indexed.events.map(\.seq) == full.events.map(\.seq))
            #expect(indexed.conventions == full.conventions)
            #expect(indexed.lastSeq == full.lastSeq && indexed.lastHash == full.lastHash && indexed.lastRecorded == full.lastRecorded)
            #expect(StateRenderer.text(indexed.state(of: c, at: date, asOf: asOf)) == StateRenderer.text(full.state(of: c, at: date, asOf: asOf)))
        }
        let dates = ["2026-01-05", "2027-03-01", "2029-12-31"]
        let with = Self.answers(log, conventions: conventions, dates: dates)
        let without = Self.withoutIndex(log) { Self.answers(log, conventions: conventions, dates: dates) }
        #expect(with == without)
    }

    static var generator: String {
        URL(fileURLWithPath: CTG.binary).deletingLastPathComponent().appendingPathComponent("ctg-generate").path
    }

    /// Needs `ctg-generate`, which `swift build` builds (as `.ci/run` does) but `swift test` alone may not: shown as skipped then.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: LogIndexTests.generator), "ctg-generate is not built: run `swift build` first"))
    func generatedLogThroughTheIndexEqualsTheFullRead() throws {
        let generator = Self.generator
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("g.jsonl")
        let process = try Process.run(URL(fileURLWithPath: generator), arguments: ["--events", "3000", "--seed", "3", "--output", log, "--quiet"])
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let all = try Ledger.read(path: log, checkHashes: false).conventions
        var random = SplitMix64(seed: 9)
        for _ in 0..<40 {
            let c = all.randomElement(using: &random)!
            let date = CivilDate(String(format: "%04d-%02d-15", Int.random(in: 2012...2030, using: &random), Int.random(in: 1...12, using: &random)))!
            let indexed = try Ledger.read(path: log, keepingOne: c, useIndex: true)
            let full = try Ledger.read(path: log, keepingOne: c, useIndex: false)
            #expect(indexed.events.map(\.seq) == full.events.map(\.seq))
            #expect(StateRenderer.text(indexed.state(of: c, at: date)) == StateRenderer.text(full.state(of: c, at: date)))
        }
    }

    @Test func staleOrDamagedIndexIsRebuiltAndNeverChangesAnswers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        let lines = Self.events(conventions: 5, seed: 3)
        try Self.makeLog(log, lines: Array(lines.prefix(20)))
        _ = try Self.rebuilt(log)
        let early = try Data(contentsOf: URL(fileURLWithPath: Self.index(log)))
        try Self.makeLog(log, lines: Array(lines.dropFirst(20)))
        let conventions = (0..<5).map { "ctg-c\($0)-2026" }
        let dates = ["2026-03-01", "2028-01-01"]
        let expected = Self.withoutIndex(log) { Self.answers(log, conventions: conventions, dates: dates) }
        let fresh = try Self.rebuilt(log)
        let full = try Data(contentsOf: URL(fileURLWithPath: log))

        var damaged: [(String, Data)] = [
            ("grown since (another writer)", early),
            ("truncated", fresh.count > 100 ? Data(fresh.prefix(fresh.count / 2)) : Data()),
            ("empty", Data()),
            ("garbage", Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })),
            ("header only", Data(fresh.prefix(40))),
        ]
        // The header, the directory, a convention bucket.
        let directory = LogIndexStorage.headerSize
        for position in [12, 20, 40, 100, 130, 150, directory + 30, directory + LogIndexStorage.fixedDirectorySize + 10] {
            var flipped = fresh
            flipped[position] ^= 0x10
            damaged.append(("one bit flipped at \(position)", Data(flipped)))
        }
        for (what, bytes) in damaged {
            try bytes.write(to: URL(fileURLWithPath: Self.index(log)))
            #expect(Self.answers(log, conventions: conventions, dates: dates) == expected, "\(what)")
            // The first command wrote a good index again.
            let after = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.index(log))))
            if what.hasPrefix("grown") {
                // Few lines behind: left as it is, brought up to date in memory by each command.
                let fd = open(log, O_RDONLY)
                defer { close(fd) }
                #expect(LogIndex.load(log: log, fd: fd, checkHashes: true).flatMap { LogIndexStorage.encode($0) } == fresh)
            } else {
                #expect(after == fresh ? true : false, "\(what)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == full, "\(what)")
        }

        // Damage in the entries or the id table is found when that part is read: the answers never change,
        // and an append (which looks ids up and rewrites the index) still does what it does without one.
        for position in [fresh.count / 2, fresh.count - 20] {
            var flipped = fresh
            flipped[position] ^= 0x10
            try Data(flipped).write(to: URL(fileURLWithPath: Self.index(log)))
            #expect(Self.answers(log, conventions: conventions, dates: dates) == expected, "flip at \(position)")
        }
        try Data(fresh).write(to: URL(fileURLWithPath: Self.index(log)))

        // An index whose checksum is right but whose offsets point at another convention's lines.
        let fd = open(log, O_RDONLY)
        defer { close(fd) }
        let good = try #require(LogIndex.load(log: log, fd: fd, checkHashes: false, needIDs: true))
        var wrong = LogIndex()
        let target = conventions[1]
        let other = try #require(good.entries(of: conventions[2]))[0]
        var all: [(String, LogIndex.Entry)] = []
        for c in try #require(good.conventions) { all += try #require(good.entries(of: c)).map { (c, $0) } }
        for (c, entry) in all.sorted(by: { $0.1.offset < $1.1.offset }) {
            let e = try #require(LogIndex.event(at: entry, fd: fd))
            let place = c == target && entry.offset != good.coveredSize - entry.length - 1 ? other : entry
            wrong.add(convention: c, id: e.id, seq: e.seq, hash: e.hash!, recorded: e.recorded, offset: place.offset, length: place.length)
        }
        #expect(wrong.coveredSize == good.coveredSize)
        wrong.save(log: log)
        #expect(Self.answers(log, conventions: conventions, dates: dates) == expected)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.index(log)))) == fresh ? true : false)
    }

    @Test func unsealedOrInvalidLogsGetNoIndex() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var builder = LogBuilder()
        builder.register(elements: #"[{"id":"fiche:a","kind":"fiche","title":"A"}]"#)
        builder.sign("convention", on: "2026-01-09")
        let unsealed = try dir.write("u.jsonl", builder.text)
        let first = CTG.run(["state", unsealed, "--at", "2026-03-01"])
        #expect(first.code == 0)
        #expect(!FileManager.default.fileExists(atPath: Self.index(unsealed)))
        // A sealed log with a damaged line: refused as before, and no index is written.
        let sealed = dir.file("s.jsonl")
        try Self.makeLog(sealed, lines: Self.events(conventions: 2, seed: 2))
        try FileManager.default.removeItem(atPath: Self.index(sealed))
        var text = try String(contentsOfFile: sealed, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"seq\":3,", with: "\"seq\":33,")
        try text.write(toFile: sealed, atomically: true, encoding: .utf8)
        let refused = CTG.run(["state", sealed, "--convention", "ctg-c0-2026", "--at", "2026-03-01"])
        #expect(refused.code != 0)
        #expect(!FileManager.default.fileExists(atPath: Self.index(sealed)))
        #expect(CTG.run(["state", unsealed, "--at", "2026-03-01"]).out == first.out)
    }

    @Test func replacedLogOfTheSameSizeIsDetected() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = dir.file("a.jsonl")
        let b = dir.file("b.jsonl")
        let lines = Self.events(conventions: 4, seed: 5)
        try Self.makeLog(a, lines: lines, now: "2026-11-23T10:00:00Z")
        try Self.makeLog(b, lines: lines, now: "2026-11-24T11:00:00Z")
        let sizeA = try FileManager.default.attributesOfItem(atPath: a)[.size] as? Int
        let sizeB = try FileManager.default.attributesOfItem(atPath: b)[.size] as? Int
        #expect(sizeA == sizeB)
        let conventions = (0..<4).map { "ctg-c\($0)-2026" }
        let expected = Self.withoutIndex(b) { Self.answers(b, conventions: conventions, dates: ["2026-12-01"]) }
        _ = try Self.rebuilt(a)
        let freshB = try Self.rebuilt(b)
        try FileManager.default.removeItem(atPath: Self.index(b))
        try FileManager.default.copyItem(atPath: Self.index(a), toPath: Self.index(b))
        let fd = open(b, O_RDONLY)
        defer { close(fd) }
        #expect(LogIndex.load(log: b, fd: fd, checkHashes: false) == nil)
        #expect(Self.answers(b, conventions: conventions, dates: ["2026-12-01"]) == expected)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.index(b)))) == freshB ? true : false)
    }

    @Test func appendAnswersTheSameWithAndWithoutTheIndex() throws {
        let c0 = "ctg-c0-2026"
        let c1 = "ctg-c1-2026"
        let attempts: [String] = [
            Self.review(c0, id: "new-1"),
            Self.review(c0, id: "new-1"),  // identical retry
            Self.review(c0, id: "new-1", date: "2026-07-01"),  // reused id, other content
            Self.review(c0, id: "\(c1)-r"),  // an id of another convention
            Self.registration(c1).replacingOccurrences(of: "\"id\":\"\(c1)-r\"", with: "\"id\":\"again\""),
            Self.review("ctg-unknown", id: "u1"),
            """
            {"id":"k1","convention":"\(c0)","type":"event.corrected","effective":"2026-06-30","data":{"target":"\(c1)-r","data":{}}}
            """,
            """
            {"id":"k2","convention":"\(c0)","type":"event.corrected","effective":"2026-06-30","data":{"target":"nothing","data":{}}}
            """,
            """
            {"id":"k3","convention":"\(c0)","type":"event.corrected","effective":"2026-06-30","data":{"target":"new-1","data":{"kind":"copil","date":"2026-07-02"}}}
            """,
            Self.avenant(c0, number: 1, id: "dup-avenant", from: "2027-01-01"),
            "{\"id\":\"x\",\"convention\":\"\(c0)\",\"type\":\"avenant.concluded\",\"effective\":\"2027-01-01\",\"data\":{\"number\":40,\"title\":\"n° 40\",\"effective_from\":\"2027-01-01\",\"changes\":[{\"op\":\"abrogate\",\"id\":\"fiche:zz\"}]}}",
            Self.review(c1, id: "new-2") + "\n" + Self.review(c1, id: "new-3"),
        ]
        func run(useIndex: Bool) throws -> ([String], Data) {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let log = dir.file("log.jsonl")
            try Self.makeLog(log, lines: Self.events(conventions: 3, seed: 11))
            var outcomes: [String] = []
            for (i, attempt) in attempts.enumerated() {
                if !useIndex {
                    try? FileManager.default.removeItem(atPath: Self.index(log))
                    try FileManager.default.createDirectory(atPath: Self.index(log), withIntermediateDirectories: false)
                }
                let r = CTG.run(["append", log], stdin: attempt + "\n", now: "2026-11-25T10:00:\(10 + i)Z")
                outcomes.append("\(r.code)|\(r.out)|\(r.err)")
                if !useIndex { try FileManager.default.removeItem(atPath: Self.index(log)) }
            }
            return (outcomes, try Data(contentsOf: URL(fileURLWithPath: log)))
        }
        let (indexed, indexedLog) = try run(useIndex: true)
        let (full, fullLog) = try run(useIndex: false)
        #expect(indexed == full)
        #expect(indexedLog == fullLog)
        #expect(indexed.contains { $0.hasPrefix("0|appended") })
        #expect(indexed.contains { $0.hasPrefix("1|") })
    }

    @Test func tornOrDamagedJournalIsIgnored() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        let lines = Self.events(conventions: 5, seed: 13)
        try Self.makeLog(log, lines: Array(lines.prefix(12)))
        _ = try Self.rebuilt(log)
        try Self.makeLog(log, lines: Array(lines[12..<20]))
        let earlier = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.index(log))))
        try Self.makeLog(log, lines: Array(lines.dropFirst(20)))
        let withJournal = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.index(log))))
        let storage = try #require(LogIndexStorage(path: Self.index(log)))
        let header = try #require(storage.header)
        #expect(storage.journalLines == lines.count - 12)
        #expect(withJournal.count == header.baseEnd + header.journalLength)
        let conventions = (0..<5).map { "ctg-c\($0)-2026" }
        let dates = ["2026-03-01", "2028-01-01"]
        let expected = Self.withoutIndex(log) { Self.answers(log, conventions: conventions, dates: dates) }
        let fresh = try Self.rebuilt(log)
        let logBytes = try Data(contentsOf: URL(fileURLWithPath: log))
        func write(_ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: Self.index(log))) }

        // Usable: records beyond what the header vouches for (an append stopped between its records and
        // its header), and the header of an earlier state in front of a longer journal.
        let garbage = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 131) }
        let usable: [(String, [UInt8])] = [
            ("records the header does not count", withJournal + garbage),
            ("an earlier header", Array(earlier[0..<LogIndexStorage.headerSize]) + Array(withJournal[LogIndexStorage.headerSize...])),
        ]
        for (what, bytes) in usable {
            try write(bytes)
            #expect(Self.loaded(log) != nil, "\(what)")
            #expect(Self.answers(log, conventions: conventions, dates: dates) == expected, "\(what)")
        }

        // Ignored, and rebuilt by the first query: a journal that does not match its header's checksum or length.
        var longer = header
        longer.journalLength += 32
        var damaged: [(String, [UInt8])] = [
            ("journal cut short", Array(withJournal.dropLast(8))),
            ("journal cut in the header's middle", Array(withJournal.prefix(LogIndexStorage.headerSize / 2))),
            ("a header vouching for more records", longer.bytes + Array(withJournal[LogIndexStorage.headerSize...]) + garbage.prefix(32)),
        ]
        for position in [header.baseEnd, header.baseEnd + 4, header.baseEnd + header.journalLength / 2, withJournal.count - 1, 140, 150] {
            var flipped = withJournal
            flipped[position] ^= 0x04
            damaged.append(("one bit flipped at \(position)", flipped))
        }
        // An index of the previous version, otherwise whole: ignored and rebuilt.
        var previousVersion = withJournal
        previousVersion[8] = 2
        let checksum = LogIndexStorage.checksum(previousVersion, from: 0, count: LogIndexStorage.headerSize - 8)
        withUnsafeBytes(of: checksum.littleEndian) { previousVersion.replaceSubrange((LogIndexStorage.headerSize - 8)..<LogIndexStorage.headerSize, with: $0) }
        damaged.append(("version 2", previousVersion))
        for (what, bytes) in damaged {
            try write(bytes)
            #expect(Self.loaded(log) == nil, "\(what)")
            #expect(Self.answers(log, conventions: conventions, dates: dates) == expected, "\(what)")
            #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.index(log)))) == fresh ? true : false, "\(what)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == logBytes, "\(what)")
        }

        // The next append writes over records the header did not count.
        try write(withJournal + garbage)
        let appended = CTG.run(["append", log], stdin: Self.review(conventions[0], id: "after-torn") + "\n", now: "2026-11-24T10:00:00Z")
        #expect(appended.code == 0, "\(appended.err)")
        let kept = try #require(Self.loaded(log))
        #expect(kept.stored.journalLines == storage.journalLines + 1)
        #expect(kept.unsavedLines == 0)
        _ = try Self.rebuilt(log)
        try Self.expectEquivalent(kept, try #require(Self.loaded(log)), log: log)
    }

    @Test func manyAppendsCrossTheCompactionThresholds() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        let names = (0..<10).map { "ctg-c\($0)-2026" }
        // The first append to the log's existing lines writes the index whole (a base of a few
        // lines); the others add to its journal.
        try Self.makeLog(log, lines: names.map { Self.registration($0) })
        let start = try #require(LogIndexStorage(path: Self.index(log)))
        #expect(start.journalLines > 0 && start.baseLines + start.journalLines == names.count)
        func check() throws {
            let saved = try Data(contentsOf: URL(fileURLWithPath: Self.index(log)))
            let kept = try #require(Self.loaded(log))
            #expect(kept.unsavedLines == 0)
            _ = try Self.rebuilt(log)
            try Self.expectEquivalent(kept, try #require(Self.loaded(log)), log: log)
            try saved.write(to: URL(fileURLWithPath: Self.index(log)))
        }
        var compactions = 0
        var previous = start.journalLines
        var baseLines = start.baseLines
        for i in 0..<300 {
            let outcome = CTG.run(["append", log], stdin: Self.review(names[i % names.count], id: "m\(i)") + "\n")
            try #require(outcome.code == 0, "\(outcome.err)")
            let storage = try #require(LogIndexStorage(path: Self.index(log)))
            if storage.journalLines < previous {
                // Compacted by the append: its journal had reached a quarter of the base (at least 256 lines).
                #expect(previous == LogIndex.appendCompactionLimit(baseLines: baseLines))
                #expect(storage.journalLines == 0)
                compactions += 1
                baseLines = storage.baseLines
                #expect(baseLines == names.count + i + 1)
            } else {
                #expect(storage.journalLines == previous + 1)
            }
            previous = storage.journalLines
            if i % 60 == 59 { try check() }
        }
        #expect(compactions == 1)
        try check()
        // A query compacts once the journal passes an eighth of the base (at least 64 lines):
        // the result is byte for byte the rebuilt index.
        let limit = LogIndex.queryCompactionLimit(baseLines: baseLines)
        var n = 0
        while try #require(Self.journalLines(log)) <= limit {
            let outcome = CTG.run(["append", log], stdin: Self.review(names[n % names.count], id: "q\(n)") + "\n")
            try #require(outcome.code == 0, "\(outcome.err)")
            n += 1
        }
        let below = CTG.run(["state", log, "--convention", names[0], "--at", "2026-12-01"])
        #expect(below.code == 0)
        #expect(Self.journalLines(log) == 0)
        let compacted = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.index(log))))
        #expect(try Self.rebuilt(log) == compacted ? true : false)
        #expect(CTG.run(["state", log, "--convention", names[0], "--at", "2026-12-01"]).out == below.out)
    }

    @Test func concurrentAppendsAndQueriesNeverAcceptAHalfWrittenJournal() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        let names = (0..<4).map { "ctg-c\($0)-2026" }
        try Self.makeLog(log, lines: names.map { Self.registration($0) })
        _ = try Self.rebuilt(log)
        let appends = 150
        let last = names.count + appends
        let now = Timestamp(rfc3339: "2026-11-23T10:00:00Z")!
        let counts = try await withThrowingTaskGroup(of: (indexed: Int, ignored: Int).self) { group in
            group.addTask {
                for i in 0..<appends {
                    let input = Array((LogIndexTests.review(names[i % names.count], id: "w\(i)") + "\n").utf8)
                    _ = try Appender.append(input: input, to: log, now: now)
                }
                return (0, 0)
            }
            for reader in 0..<2 {
                group.addTask {
                    var indexed = 0
                    var ignored = 0
                    var seen = 0
                    for _ in 0..<20_000 where seen < last {
                        let fd = open(log, O_RDONLY)
                        defer { close(fd) }
                        if let index = LogIndex.load(log: log, fd: fd, checkHashes: false) {
                            // Whatever it vouches for reads back as that convention's events.
                            for c in index.conventions ?? [] where index.events(of: c, fd: fd) == nil {
                                Issue.record("the index names a line that is not one of \(c)'s")
                            }
                            #expect(index.lastSeq >= seen)
                            indexed += 1
                        } else {
                            ignored += 1
                        }
                        // A query (which may compact the index while the appends go on).
                        let ledger = try Ledger.read(path: log, keepingOne: names[reader], useIndex: true)
                        if ledger.errors.isEmpty {
                            #expect(ledger.lastSeq >= seen)
                            #expect(ledger.events.allSatisfy { $0.convention == names[reader] })
                            seen = ledger.lastSeq
                        }
                    }
                    #expect(seen == last)
                    return (indexed, ignored)
                }
            }
            var total = (indexed: 0, ignored: 0)
            for try await count in group {
                total.indexed += count.indexed
                total.ignored += count.ignored
            }
            return total
        }
        #expect(counts.indexed > 0)
        let full = try Ledger.read(path: log)
        #expect(full.errors.isEmpty && full.lastSeq == last)
        let kept = try #require(Self.loaded(log))
        _ = try Self.rebuilt(log)
        try Self.expectEquivalent(kept, try #require(Self.loaded(log)), log: log)
    }
}
