import Foundation
import Testing

@testable import CTGLedger

/// Event ids, and the targets of corrections, are compared by their exact UTF-8 bytes everywhere:
/// "revue-é" written with a composed "é" (NFC) and with "e" + U+0301 (NFD) are two ids, for
/// `verify` (the file's id table and the in-memory one), the projections, `append` and the index.
@Suite struct EventIDEqualityTests {
    /// "revue-é" with a composed "é" (U+00E9), as keyboards write it.
    static let composed = "revue-\u{E9}"
    /// "revue-é" with "e" followed by a combining acute accent (U+0301).
    static let decomposed = "revue-e\u{301}"

    static let convention = "ctg-revue-2026"

    /// The registration of `convention` with this id and title (no `seq`: for `append`).
    static func registration(id: String, title: String = "CTG de test", convention: String = convention) -> String {
        """
        {"id":"\(id)","convention":"\(convention)","type":"convention.registered","effective":"2025-12-01","data":\(registrationData(title: title))}
        """
    }

    /// A registration's data with this title.
    static func registrationData(title: String) -> String {
        """
        {"title":"\(title)","kind":"CTG","territory":"Revue","parties":[{"id":"caf","name":"Caf","kind":"caf"},{"id":"ville","name":"Ville","kind":"commune"}],"start":"2026-01-01","end":"2030-12-31","elements":[{"id":"fiche:a","kind":"fiche","title":"A"}]}
        """
    }

    /// A correction of the registration named by `target`, giving it the title "CTG corrigee" (no `seq`: for `append`).
    static func correction(id: String = "correction-1", target: String) -> String {
        """
        {"id":"\(id)","convention":"\(convention)","type":"event.corrected","effective":"2025-12-01","data":{"target":"\(target)","reason":"titre","data":\(registrationData(title: "CTG corrigee"))}}
        """
    }

    /// A review of `convention` with this id (no `seq`: for `append`).
    static func review(id: String, convention: String = convention) -> String {
        """
        {"id":"\(id)","convention":"\(convention)","type":"review.held","effective":"2026-06-30","data":{"kind":"copil","date":"2026-06-30"}}
        """
    }

    /// Seals `lines` (events as `append` takes them) with the log's own sealing code and no
    /// reference check, numbering them from 1: a log as an older `ctg`, which compared ids as
    /// `String`s, could have written it.
    static func sealedLog(_ lines: [String], in dir: TemporaryDirectory, name: String = "log.jsonl") throws -> String {
        var bytes: [UInt8] = []
        var prev = LogScanner.zeroHash
        for (index, line) in lines.enumerated() {
            guard case .object(let object) = try JSONParser.parse(Array(line.utf8)) else {
                Issue.record("not an object: \(line)")
                continue
            }
            let recorded = try #require(Timestamp(rfc3339: "2026-01-01T00:00:\(10 + index)Z"))
            let sealed = SealFormat.seal(Appender.envelopeOrdered(object, seq: index + 1, recorded: recorded), prev: prev)
            bytes += sealed.line
            prev = sealed.hash
        }
        let path = dir.file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A log whose registration's id is `revue-é` decomposed, then a correction of it naming `target`.
    static func correctedLog(target: String, in dir: TemporaryDirectory) throws -> String {
        try sealedLog([registration(id: decomposed), correction(target: target)], in: dir)
    }

    /// Runs a query twice, without the sidecar index (a full read, which writes it) then through it.
    static func withAndWithoutIndex(_ arguments: [String], log: String) -> [CommandOutcome] {
        try? FileManager.default.removeItem(atPath: LogIndex.path(for: log))
        let whole = CTG.run(arguments)
        let indexed = CTG.run(arguments)
        #expect(FileManager.default.fileExists(atPath: LogIndex.path(for: log)))
        return [whole, indexed]
    }

    /// Appends `lines` in-process, through the sidecar index (written first by a full read when
    /// there is none) or, when not `indexed`, without one (`append` then reads the whole log).
    static func append(_ lines: [String], to log: String, indexed: Bool) throws -> CommandOutcome {
        let index = LogIndex.path(for: log)
        if indexed {
            if !FileManager.default.fileExists(atPath: index) { _ = try Ledger.read(path: log, keepingOne: nil, useIndex: true) }
            #expect(FileManager.default.fileExists(atPath: index))
        } else {
            try? FileManager.default.removeItem(atPath: index)
        }
        return CTG.run(["append", log], stdin: lines.joined(separator: "\n") + "\n")
    }

    @Test func composedAndDecomposedAreDifferentBytes() {
        #expect(Array(Self.composed.utf8) != Array(Self.decomposed.utf8))
        #expect(ExactID(Self.composed) != ExactID(Self.decomposed))
        #expect(ExactID(Self.decomposed) == ExactID("revue-e" + "\u{301}"))
        #expect(Set([ExactID(Self.composed), ExactID(Self.decomposed), ExactID(Self.composed)]).count == 2)
        #expect(!Self.composed.hasSameBytes(as: Self.decomposed))
        #expect(Self.decomposed.hasSameBytes(as: String(decoding: Array(Self.decomposed.utf8), as: UTF8.self)))
    }

    /// A correction names its target by the target's exact bytes: `verify` refuses a target written
    /// otherwise, and the projections ignore that correction with a warning, with or without the index.
    @Test(arguments: [(decomposed, true), (composed, false)])
    func correctionFindsItsTargetByBytes(target: String, applies: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try Self.correctedLog(target: target, in: dir)

        let findings = try VerifyReport.make(path: log).findings
        let missing = findings.filter { $0.rule == "reference" && $0.member == "data.target" }
        #expect(missing.count == (applies ? 0 : 1))
        if !applies {
            #expect(missing.first?.message.contains("there is no event \"\(target)\" before this one") == true)
        }
        // The whole-ledger check (the validator's own, in-memory id table) finds the same.
        #expect(try StreamingTests.wholeLedgerFindings(log) == findings)
        #expect(CTG.run(["verify", log]).code == (applies ? 0 : 1))

        let history = try Ledger.read(path: log).history(of: Self.convention)
        #expect((history.correction(of: Self.decomposed) != nil) == applies)
        #expect(history.correction(of: Self.composed) == nil)
        #expect(history.warnings.contains { $0.message.contains("which is not in this convention's log") } == !applies)

        for outcome in Self.withAndWithoutIndex(["state", log, "--at", "2026-06-01", "--format", "json"], log: log) {
            #expect(outcome.code == 0, "\(outcome.err)")
            #expect(outcome.out.contains("\"title\": \"CTG corrigee\"") == applies)
            #expect(outcome.out.contains("\"title\": \"CTG de test\"") == !applies)
            #expect(outcome.out.contains("is not in this convention's log") == !applies)
        }
        for outcome in Self.withAndWithoutIndex(["history", log, "--format", "json"], log: log) {
            #expect(outcome.code == 0, "\(outcome.err)")
            #expect(outcome.out.contains("\"corrected_by\": 2") == applies)
        }
    }

    /// `append` looks the target up by the same rule, through the index or by reading the whole log.
    @Test(arguments: [true, false])
    func appendFindsATargetByBytes(indexed: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        #expect(CTG.run(["append", log], stdin: Self.registration(id: Self.decomposed) + "\n").code == 0)
        let refused = try Self.append([Self.correction(target: Self.composed)], to: log, indexed: indexed)
        #expect(refused.code == 1)
        #expect(refused.err.contains("there is no event \"\(Self.composed)\" before this one"), "\(refused.err)")
        let accepted = try Self.append([Self.correction(target: Self.decomposed)], to: log, indexed: indexed)
        #expect(accepted.code == 0, "\(accepted.err)")
        #expect(CTG.run(["verify", log]).code == 0)
        let state = CTG.run(["state", log, "--at", "2026-06-01", "--format", "json"])
        #expect(state.out.contains("\"title\": \"CTG corrigee\""))
    }

    /// Two events whose ids differ only in how "é" is written are no repeated id: not in the id
    /// table of a file (whatever the hash), not in the table kept in memory.
    @Test func differentlyNormalizedIDsAreNotRepeated() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try Self.sealedLog([Self.registration(id: Self.decomposed), Self.review(id: Self.composed)], in: dir)

        #expect(try VerifyReport.make(path: log).findings.isEmpty)
        for hash in IDTableTests.collidingHashes {
            #expect(try VerifyReport.make(path: log, idHash: hash).findings.isEmpty)
            var scanner = LogScanner(file: log, checkHashes: false)
            scanner.useIDHash(hash)
            try LineReader.forEachLine(path: log) { (raw: RawLine) throws(LedgerError) in _ = scanner.scan(raw) }
            #expect(scanner.findings.isEmpty)
            #expect(scanner.seq(ofID: Self.decomposed) == 1)
            #expect(scanner.seq(ofID: Self.composed) == 2)
        }
        #expect(try StreamingTests.wholeLedgerFindings(log).isEmpty)

        var memory = IDTable(source: nil)
        let events = try Ledger.read(path: log).events
        #expect(memory.insert(events[0], offset: 0) == nil)
        #expect(memory.insert(events[1], offset: 0) == nil)
        #expect(memory.count == 2)
        #expect(memory.first(Self.decomposed)?.seq == 1)
        #expect(memory.first(Self.composed)?.seq == 2)
        #expect(memory.insert(events[1], offset: 0)?.seq == 2)
    }

    /// `append` takes differently normalized ids for two ids, in one input and against the log,
    /// with or without the index; the same bytes again are an idempotent retry.
    @Test(arguments: [true, false])
    func appendTakesDifferentlyNormalizedIDsForTwo(indexed: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        #expect(CTG.run(["append", log], stdin: Self.registration(id: "r1") + "\n").code == 0)
        func append(_ lines: [String]) throws -> CommandOutcome { try Self.append(lines, to: log, indexed: indexed) }
        let both = try append([Self.review(id: Self.decomposed), Self.review(id: "revue-2")])
        #expect(both.code == 0, "\(both.err)")
        let again = try append([Self.review(id: Self.composed), Self.review(id: Self.decomposed)])
        #expect(again.code == 0, "\(again.err)")
        #expect(again.err.contains("already present, skipped: \(Self.decomposed)"), "\(again.err)")
        let ledger = try Ledger.read(path: log)
        #expect(ledger.events.map(\.id).map { Array($0.utf8) } == ["r1", Self.decomposed, "revue-2", Self.composed].map { Array($0.utf8) })
        #expect(CTG.run(["verify", log]).code == 0)
        let twice = try append([Self.review(id: "revue-3"), Self.review(id: "revue-3")])
        #expect(twice.code == 1)
        #expect(twice.err.contains("appears twice in the input"))
    }
}
