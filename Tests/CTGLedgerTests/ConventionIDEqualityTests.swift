import Foundation
import Testing

@testable import CTGLedger

/// Convention ids are compared by their exact UTF-8 bytes, as event ids are: "ctg-vallée" with a
/// composed "é" and with "e" + U+0301 are two conventions, for every command, with or without the
/// sidecar index (which files conventions by a hash of their bytes).
@Suite struct ConventionIDEqualityTests {
    /// "ctg-vallée-2026" with a composed "é" (U+00E9).
    static let composed = "ctg-vall\u{E9}e-2026"
    /// "ctg-vallée-2026" with "e" followed by a combining acute accent (U+0301).
    static let decomposed = "ctg-valle\u{301}e-2026"

    /// Both conventions, registered with different titles, their events interleaved.
    static func log(in dir: TemporaryDirectory) throws -> String {
        try EventIDEqualityTests.sealedLog(
            [
                EventIDEqualityTests.registration(id: "r-nfc", title: "CTG composee", convention: composed),
                EventIDEqualityTests.registration(id: "r-nfd", title: "CTG decomposee", convention: decomposed),
                EventIDEqualityTests.review(id: "v-nfd-1", convention: decomposed),
                EventIDEqualityTests.review(id: "v-nfc-1", convention: composed),
                EventIDEqualityTests.review(id: "v-nfd-2", convention: decomposed),
            ], in: dir)
    }

    @Test func verifyAndListSeeTwoConventions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try Self.log(in: dir)
        let findings = try VerifyReport.make(path: log).findings
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings.map(\.description))")
        #expect(try StreamingTests.wholeLedgerFindings(log) == findings)
        let ledger = try Ledger.read(path: log)
        #expect(ledger.conventions.map { Array($0.utf8) } == [Self.composed, Self.decomposed].map { Array($0.utf8) })
        #expect(ledger.events(of: Self.decomposed).map(\.id) == ["r-nfd", "v-nfd-1", "v-nfd-2"])
        #expect(ledger.history(of: Self.composed).events.map(\.id) == ["r-nfc", "v-nfc-1"])
        let list = CTG.run(["list", log, "--at", "2026-06-01"])
        #expect(list.code == 0, "\(list.err)")
        #expect(list.out.contains("CTG composee") && list.out.contains("CTG decomposee"), "\(list.out)")
        #expect(list.out.contains("2 événements") && list.out.contains("3 événements"), "\(list.out)")
    }

    /// `state` and `history` answer about the convention named, byte for byte, whether they read
    /// the whole log or go through the index.
    @Test(arguments: [(composed, "CTG composee", ["r-nfc", "v-nfc-1"]), (decomposed, "CTG decomposee", ["r-nfd", "v-nfd-1", "v-nfd-2"])])
    func queriesNameOneConventionByBytes(convention: String, title: String, ids: [String]) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try Self.log(in: dir)
        let state = ["state", log, "--convention", convention, "--at", "2026-06-01", "--format", "json"]
        for outcome in EventIDEqualityTests.withAndWithoutIndex(state, log: log) {
            #expect(outcome.code == 0, "\(outcome.err)")
            #expect(outcome.out.contains("\"title\": \"\(title)\""), "\(outcome.out)")
            #expect(!outcome.out.contains("registered a second time"), "\(outcome.out)")
        }
        let history = ["history", log, "--convention", convention, "--format", "json"]
        for outcome in EventIDEqualityTests.withAndWithoutIndex(history, log: log) {
            #expect(outcome.code == 0, "\(outcome.err)")
            for id in ["r-nfc", "v-nfc-1", "r-nfd", "v-nfd-1", "v-nfd-2"] {
                #expect(outcome.out.contains("\"\(id)\"") == ids.contains(id), "\(id) in \(outcome.out)")
            }
        }
        for outcome in EventIDEqualityTests.withAndWithoutIndex(["state", log, "--at", "2026-06-01"], log: log) {
            #expect(outcome.code == 2)
            #expect(outcome.err.contains("the log holds 2 conventions"), "\(outcome.err)")
        }
    }

    /// `append` registers the second one as a new convention and files each event under its own,
    /// with or without the index.
    @Test(arguments: [true, false])
    func appendKeepsTheConventionsApart(indexed: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        func append(_ lines: [String]) throws -> CommandOutcome { try EventIDEqualityTests.append(lines, to: log, indexed: indexed) }
        let first = CTG.run(["append", log], stdin: EventIDEqualityTests.registration(id: "r-nfc", title: "CTG composee", convention: Self.composed) + "\n")
        #expect(first.code == 0, "\(first.err)")
        let second = try append([EventIDEqualityTests.registration(id: "r-nfd", title: "CTG decomposee", convention: Self.decomposed)])
        #expect(second.code == 0, "\(second.err)")
        let review = try append([EventIDEqualityTests.review(id: "v-nfd-1", convention: Self.decomposed)])
        #expect(review.code == 0, "\(review.err)")
        // The same id and content but the other convention's bytes: not a retry, a different event.
        let retry = try append([EventIDEqualityTests.review(id: "v-nfd-1", convention: Self.composed)])
        #expect(retry.code == 1)
        #expect(retry.err.contains("is already used by seq 3 with different content"), "\(retry.err)")
        let same = try append([EventIDEqualityTests.review(id: "v-nfd-1", convention: Self.decomposed)])
        #expect(same.code == 0, "\(same.err)")
        #expect(same.err.contains("already present, skipped: v-nfd-1"), "\(same.err)")
        #expect(CTG.run(["verify", log]).code == 0)
        let ledger = try Ledger.read(path: log)
        #expect(ledger.events(of: Self.decomposed).map(\.id) == ["r-nfd", "v-nfd-1"])
        #expect(ledger.events(of: Self.composed).map(\.id) == ["r-nfc"])
    }
}
