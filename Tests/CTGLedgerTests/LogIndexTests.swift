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

    @Test func indexKeptByAppendsEqualsTheRebuiltOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        try Self.makeLog(log, lines: Self.events(conventions: 6, seed: 1))
        #expect(FileManager.default.fileExists(atPath: Self.index(log)))
        // What the appends left, brought up to the log's end and written.
        let fd = open(log, O_RDONLY)
        defer { close(fd) }
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
        for position in [12, 20, 40, 100, 130, 150] {
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
        for c in good.conventions { all += try #require(good.entries(of: c)).map { (c, $0) } }
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
}
