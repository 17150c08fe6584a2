import Foundation
import Testing

@testable import CTGLedger

/// `ctg append`: validation, all-or-nothing, idempotent retries, sealing.
@Suite struct AppenderTests {
    static let registration = """
        {"id":"r1","convention":"ctg-a-2026","type":"convention.registered","effective":"2025-12-01","data":{"title":"CTG A","kind":"CTG","territory":"A","parties":[{"id":"caf","name":"Caf","kind":"caf"},{"id":"ville","name":"Ville","kind":"commune"}],"start":"2026-01-01","end":"2030-12-31","elements":[{"id":"fiche:a","kind":"fiche","title":"A"}]}}
        """
    static let signature = """
        {"id":"s1","convention":"ctg-a-2026","type":"act.signed","effective":"2026-01-09","data":{"act":"convention","parties":["caf","ville"],"date":"2026-01-09"}}
        """

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func appendsSealedLinesThatVerify() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        let first = CTG.run(["append", log], stdin: Self.registration + "\n")
        #expect(first.code == 0, "\(first.err)")
        let second = CTG.run(["append", log, "--expect-seq", "1"], stdin: Self.signature + "\n", now: "2026-11-23T10:05:00Z")
        #expect(second.code == 0, "\(second.err)")
        let ledger = try Ledger.read(path: log)
        #expect(ledger.errors.isEmpty)
        #expect(ledger.sealed == true)
        #expect(ledger.events.map(\.seq) == [1, 2])
        #expect(ledger.events[0].prev == LogScanner.zeroHash)
        #expect(ledger.events[1].prev == ledger.events[0].hash)
        #expect(ledger.events[0].recorded == Timestamp(rfc3339: "2026-11-23T10:00:00Z"))
        #expect(ledger.events[1].recorded == Timestamp(rfc3339: "2026-11-23T10:05:00Z"))
        // The hash covers the line up to `,"hash":`.
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let line = String(text.split(separator: "\n")[1])
        let hashed = line[..<line.range(of: ",\"hash\":")!.lowerBound]
        #expect(SHA256.hash(Array(hashed.utf8)).hex == ledger.events[1].hash)
        #expect(line.hasPrefix("{\"seq\":2,\"id\":\"s1\",\"convention\":\"ctg-a-2026\",\"type\":\"act.signed\",\"recorded\":"))
        let verify = CTG.run(["verify", log])
        #expect(verify.code == 0)
        #expect(verify.out.contains("0 errors"))
    }

    @Test func refusedAppendLeavesTheLogByteForByte() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        #expect(CTG.run(["append", log], stdin: Self.registration + "\n" + Self.signature + "\n").code == 0)
        let before = try bytes(log)
        let refusals: [(String, [String], String)] = [
            // A valid event followed by one naming an unknown party: nothing of the batch is written.
            (
                """
                {"id":"ok1","convention":"ctg-a-2026","type":"review.held","effective":"2026-06-30","data":{"kind":"copil","date":"2026-06-30"}}
                {"id":"bad","convention":"ctg-a-2026","type":"act.signed","effective":"2026-02-01","data":{"act":"convention","parties":["mairie"],"date":"2026-02-01"}}
                """, [], "data.parties[0]"
            ),
            (
                "{\"id\":\"x\",\"convention\":\"ctg-a-2026\",\"type\":\"avenant.concluded\",\"effective\":\"2027-01-01\",\"data\":{\"number\":1,\"title\":\"n° 1\",\"effective_from\":\"2027-01-01\",\"changes\":[{\"op\":\"add\",\"element\":{\"id\":\"fiche:a\",\"kind\":\"fiche\",\"title\":\"A bis\"}}]}}",
                [], "data.changes[0]"
            ),
            (
                "{\"id\":\"x\",\"convention\":\"ctg-a-2026\",\"type\":\"avenant.concluded\",\"effective\":\"2027-01-01\",\"data\":{\"number\":1,\"title\":\"n° 1\",\"effective_from\":\"2027-01-01\",\"changes\":[{\"op\":\"abrogate\",\"id\":\"fiche:b\"}]}}",
                [], "data.changes[0]"
            ),
            (
                "{\"id\":\"x\",\"convention\":\"ctg-b\",\"type\":\"review.held\",\"effective\":\"2026-06-30\",\"data\":{\"kind\":\"copil\",\"date\":\"2026-06-30\"}}",
                [], "convention"
            ),
            (
                "{\"id\":\"x\",\"convention\":\"ctg-a-2026\",\"type\":\"review.held\",\"effective\":\"2026-02-30\",\"data\":{\"kind\":\"copil\",\"date\":\"2026-06-30\"}}",
                [], "effective"
            ),
            (
                "{\"id\":\"x\",\"convention\":\"ctg-a-2026\",\"type\":\"review.held\",\"effective\":\"2026-06-30\",\"data\":{\"kind\":\"réunion\",\"date\":\"2026-06-30\"}}",
                [], "data.kind"
            ),
            (
                "{\"id\":\"x\",\"convention\":\"ctg-a-2026\",\"type\":\"termination.withdrawn\",\"effective\":\"2026-06-30\",\"data\":{\"notice\":\"n9\",\"date\":\"2026-06-30\"}}",
                [], "data.notice"
            ),
            (
                "{\"id\":\"x\",\"convention\":\"ctg-a-2026\",\"type\":\"act.signed\",\"effective\":\"2026-06-30\",\"data\":{\"act\":\"avenant:3\",\"parties\":[\"caf\"],\"date\":\"2026-06-30\"}}",
                [], "data.act"
            ),
            (
                "{\"id\":\"x\",\"convention\":\"ctg-a-2026\",\"type\":\"review.held\",\"effective\":\"2026-06-30\",\"recorded\":\"2020-01-01T00:00:00Z\",\"data\":{\"kind\":\"copil\",\"date\":\"2026-06-30\"}}",
                [], "recorded"
            ),
            (
                "{\"id\":\"x\",\"convention\":\"ctg-a-2026\",\"type\":\"review.held\",\"effective\":\"2026-06-30\",\"hash\":\"00\",\"data\":{\"kind\":\"copil\",\"date\":\"2026-06-30\"}}",
                [], "hash"
            ),
            (
                "{\"id\":\"x\",\"convention\":\"ctg-a-2026\",\"type\":\"review.held\",\"effective\":\"2026-06-30\",\"data\":{\"kind\":\"copil\",\"date\":\"2026-06-30\"}",
                [], ""
            ),
            (
                "{\"id\":\"s1\",\"convention\":\"ctg-a-2026\",\"type\":\"review.held\",\"effective\":\"2026-06-30\",\"data\":{\"kind\":\"copil\",\"date\":\"2026-06-30\"}}",
                [], "id"
            ),
            (
                "{\"id\":\"x\",\"convention\":\"ctg-a-2026\",\"type\":\"review.held\",\"effective\":\"2026-06-30\",\"data\":{\"kind\":\"copil\",\"date\":\"2026-06-30\"}}",
                ["--expect-seq", "1"], "--expect-seq"
            ),
        ]
        for (input, flags, member) in refusals {
            let outcome = CTG.run(["append", log] + flags, stdin: input + "\n")
            #expect(outcome.code == 1, "expected a refusal for \(input)")
            if !member.isEmpty { #expect(outcome.err.contains("member `\(member)`"), "\(outcome.err)") }
            if flags.isEmpty { #expect(outcome.err.contains("<stdin>:"), "the error names the input line: \(outcome.err)") }
            #expect(try bytes(log) == before)
        }
    }

    @Test func identicalRetryIsANoOpAndDifferentContentIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        #expect(CTG.run(["append", log], stdin: Self.registration + "\n" + Self.signature + "\n").code == 0)
        let before = try bytes(log)
        let retry = CTG.run(["append", log], stdin: Self.signature + "\n", now: "2026-11-24T10:00:00Z")
        #expect(retry.code == 0)
        #expect(retry.out.contains("nothing appended"))
        #expect(try bytes(log) == before)
        let changed = Self.signature.replacingOccurrences(of: "2026-01-09\"}", with: "2026-01-10\"}")
        let refused = CTG.run(["append", log], stdin: changed + "\n")
        #expect(refused.code == 1)
        #expect(refused.err.contains("already used by seq 2"))
        #expect(try bytes(log) == before)
    }

    @Test func refusedFirstAppendLeavesNoFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("new.jsonl")
        let outcome = CTG.run(["append", log], stdin: Self.signature + "\n")
        #expect(outcome.code == 1)
        #expect(!FileManager.default.fileExists(atPath: log))
    }

    @Test func failedWriteRestoresTheLogAndExits3() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        #expect(CTG.run(["append", log], stdin: Self.registration + "\n").code == 0)
        let before = try bytes(log)
        // A disk that accepts 10 bytes and then is full.
        let halfWriter = LogWriter(
            write: { (fd, bytes, path) throws(LedgerError) in
                try FileIO.writeAll(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<10]), path: path)
                throw LedgerError(.io, file: path, "cannot write to the file: No space left on device.")
            }, sync: LogWriter.system.sync)
        #expect(throws: LedgerError.self) {
            try Appender.append(input: Array((Self.signature + "\n").utf8), to: log, now: Timestamp(rfc3339: "2026-11-23T11:00:00Z")!, writer: halfWriter)
        }
        do {
            _ = try Appender.append(input: Array((Self.signature + "\n").utf8), to: log, now: Timestamp(rfc3339: "2026-11-23T11:00:00Z")!, writer: halfWriter)
        } catch {
            #expect(error.exitCode == 3)
            #expect(error.message.contains("the log is as it was"))
        }
        #expect(try bytes(log) == before)
    }

    @Test func refusesToAppendToAnUnsealedLog() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = try dir.write("log.jsonl", try String(contentsOfFile: Fixtures.path("example-unsealed.jsonl"), encoding: .utf8))
        let before = try bytes(log)
        let outcome = CTG.run(
            ["append", log],
            stdin:
                "{\"id\":\"x\",\"convention\":\"ctg-plateau-2026\",\"type\":\"review.held\",\"effective\":\"2026-06-30\",\"data\":{\"kind\":\"copil\",\"date\":\"2026-06-30\"}}\n"
        )
        #expect(outcome.code == 1)
        #expect(outcome.err.contains("not sealed"))
        #expect(try bytes(log) == before)
    }

    @Test func sealThenAppendKeepsTheChain() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sealed = dir.file("sealed.jsonl")
        #expect(CTG.run(["seal", Fixtures.path("example-unsealed.jsonl"), "--output", sealed]).code == 0)
        // Never overwrite.
        #expect(CTG.run(["seal", Fixtures.path("example-unsealed.jsonl"), "--output", sealed]).code == 3)
        let outcome = CTG.run(
            ["append", sealed, "--expect-seq", "8"],
            stdin:
                "{\"id\":\"ex-9\",\"convention\":\"ctg-plateau-2026\",\"type\":\"termination.withdrawn\",\"effective\":\"2029-03-15\",\"data\":{\"notice\":\"denonciation-1\",\"date\":\"2029-03-15\"}}\n",
            now: "2029-03-16T09:00:00Z")
        #expect(outcome.code == 0, "\(outcome.err)")
        let ledger = try Ledger.read(path: sealed)
        #expect(ledger.errors.isEmpty)
        #expect(ledger.lastSeq == 9)
        #expect(ledger.state(of: "ctg-plateau-2026", at: CivilDate("2029-09-01")!).status == .inForce)
    }
}
