import Foundation
import Testing

@testable import CTGLedger

/// The built `ctg` binary, run as a user would.
@Suite(.serialized) struct EndToEndTests {
    static func review(_ id: String) -> String {
        "{\"id\":\"\(id)\",\"convention\":\"ctg-plateau-2026\",\"type\":\"review.held\",\"effective\":\"2026-06-30\",\"data\":{\"kind\":\"copil\",\"date\":\"2026-06-30\",\"summary\":\"comité \(id)\"}}\n"
    }

    func sealedExample(in dir: TemporaryDirectory) throws -> String {
        let log = dir.file("ledger.jsonl")
        let sealed = try CTG.process(["seal", Fixtures.path("example-unsealed.jsonl"), "--output", log])
        #expect(sealed.code == 0, "\(sealed.err)")
        return log
    }

    @Test func appendThenVerifyFromDisk() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try sealedExample(in: dir)
        let outcome = try CTG.process(["append", log, "--expect-seq", "8"], stdin: Self.review("r1") + Self.review("r2"))
        #expect(outcome.code == 0, "\(outcome.err)")
        #expect(outcome.out.contains("appended 2 events (seq 9–10)"))
        let verify = try CTG.process(["verify", log])
        #expect(verify.code == 0, "\(verify.out)")
        let head = try CTG.process(["verify", log, "--head"])
        let ledger = try Ledger.read(path: log)
        #expect(head.out == (ledger.lastHash ?? "") + "\n")
        #expect(ledger.events.last?.prev == ledger.events[8].hash)
        #expect(try CTG.process(["verify", log, "--expect-head", ledger.lastHash!]).code == 0)
        // An earlier line's hash proves the prefix: a note says how many lines were appended since.
        let earlier = try CTG.process(["verify", log, "--expect-head", ledger.events[8].hash!])
        #expect(earlier.code == 0)
        #expect(earlier.out.contains("line 9") && earlier.out.contains("1 line was appended since"))
        #expect(try CTG.process(["verify", log, "--expect-head", String(repeating: "ab", count: 32)]).code == 1)
    }

    @Test func refusedAppendKeepsTheFileIdentical() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try sealedExample(in: dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: log))
        let outcome = try CTG.process(["append", log], stdin: Self.review("r1") + "{\"id\":\"bad\"}\n")
        #expect(outcome.code == 1)
        #expect(outcome.err.contains("<stdin>:2"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == before)
        let stale = try CTG.process(["append", log, "--expect-seq", "7"], stdin: Self.review("r1"))
        #expect(stale.code == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == before)
    }

    @Test func twoConcurrentAppendersNeverInterleave() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try sealedExample(in: dir)
        let perWriter = 15
        let group = DispatchGroup()
        let failures = LockedBox("")
        for writer in ["a", "b"] {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                for i in 0..<perWriter {
                    do {
                        let outcome = try CTG.process(["append", log], stdin: Self.review("\(writer)\(i)"))
                        if outcome.code != 0 { failures.mutate { $0 += outcome.err } }
                    } catch {
                        failures.mutate { $0 += "\(error)" }
                    }
                }
            }
        }
        group.wait()
        #expect(failures.value.isEmpty)
        let ledger = try Ledger.read(path: log)
        #expect(ledger.errors.isEmpty)
        #expect(ledger.lastSeq == 8 + 2 * perWriter)
        #expect(Set(ledger.events.map(\.id)).count == ledger.events.count)
        #expect(try CTG.process(["verify", log]).code == 0)
    }

    @Test func exitCodesFollowTheContract() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try sealedExample(in: dir)
        #expect(try CTG.process(["state", log, "--at", "2026-06-01"]).code == 0)
        #expect(try CTG.process(["state", log, "--at", "2026-13-01"]).code == 2)
        #expect(try CTG.process(["state", log, "--bogus"]).code == 2)
        #expect(try CTG.process(["frobnicate"]).code == 2)
        #expect(try CTG.process(["state", dir.file("missing.jsonl"), "--at", "2026-06-01"]).code == 3)
        #expect(try CTG.process(["state", log, "--at", "2026-06-01", "--convention", "ctg-autre"]).code == 1)
        let help = try CTG.process(["--help"])
        #expect(help.code == 0)
        #expect(help.out.contains("state"))
    }
}
