import Foundation
import Testing

@testable import CTGLedger

/// `ctg seal` streams (issue 5): its copy, and the errors it reports in their order of precedence,
/// are those of the whole-log implementation it replaced, kept here as the reference.
@Suite struct SealerTests {
    /// The former `Sealer.seal`: the whole log read into memory, checked, then sealed.
    static func wholeLogSeal(path: String, output: String) throws(LedgerError) -> (lines: Int, head: String) {
        let ledger = try Ledger.read(path: path, checkHashes: false)
        if let error = ledger.errors.first {
            throw LedgerError(.invalid, file: path, line: error.line, seq: error.seq, member: error.member, error.message)
        }
        if ledger.sealed == true {
            throw LedgerError(.invalid, file: path, "the log is already sealed; there is nothing to seal.")
        }
        var validator = ReferenceValidator()
        for event in ledger.events {
            if let problem = validator.check(event).first {
                throw problem.located(file: path, line: event.line, seq: event.seq)
            }
        }
        guard !FileIO.exists(output) else {
            throw LedgerError(.io, file: output, "the output file already exists; ctg seal never overwrites a file. Choose another name.")
        }
        var bytes: [UInt8] = []
        var prev = LogScanner.zeroHash
        for event in ledger.events {
            let sealed = SealFormat.seal(event.object, prev: prev)
            bytes.append(contentsOf: sealed.line)
            prev = sealed.hash
        }
        try FileIO.writeFile(bytes, to: output, replacing: false)
        return (ledger.events.count, prev)
    }

    /// What a seal gives: its result or its error, and the output's bytes.
    static func outcome(_ seal: (String, String) throws(LedgerError) -> (lines: Int, head: String), _ input: String, _ output: String) -> String {
        let result: String
        do throws(LedgerError) {
            let sealed = try seal(input, output)
            result = "\(sealed.lines) \(sealed.head)"
        } catch {
            result = "\(error.kind) \(error.description)".replacingOccurrences(of: output, with: "OUTPUT")
        }
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: output))).map { Array($0) }
        return result + " | " + (bytes.map { b in "\(b.count) bytes, \(b.withUnsafeBytes { SHA256.hash(bytes: $0).hex })" } ?? "no output")
    }

    /// Seals `input` both ways (into fresh outputs, or into an existing one) and compares.
    @discardableResult
    static func expectSame(
        _ input: String, in dir: TemporaryDirectory, outputExists: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let old = dir.file("old-\(UUID().uuidString).jsonl")
        let new = dir.file("new-\(UUID().uuidString).jsonl")
        if outputExists {
            try "x\n".write(toFile: old, atomically: false, encoding: .utf8)
            try "x\n".write(toFile: new, atomically: false, encoding: .utf8)
        }
        let expected = outcome(wholeLogSeal, input, old)
        let streamed = outcome(Sealer.seal, input, new)
        #expect(streamed == expected, sourceLocation: sourceLocation)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, sourceLocation: sourceLocation)
        return expected
    }

    /// The log with `prev` and `hash` taken off every line.
    static func unsealed(_ sealed: String, into dir: TemporaryDirectory, name: String) throws -> String {
        let text = try String(contentsOfFile: sealed, encoding: .utf8)
        let lines = text.split(separator: "\n").map { line -> String in
            guard let range = line.range(of: ",\"prev\":\"") else { return String(line) }
            return String(line[..<range.lowerBound]) + "}"
        }
        return try dir.write(name, lines.joined(separator: "\n") + "\n")
    }

    @Test func sealingTheEventsLogsGivesTheirSealedCopies() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let events = Fixtures.repositoryRoot + "/Events"
        let logs = try FileManager.default.contentsOfDirectory(atPath: events).filter { $0.hasSuffix(".jsonl") }.sorted()
        try #require(!logs.isEmpty)
        for name in logs {
            let input = try Self.unsealed(events + "/" + name, into: dir, name: "u-" + name)
            try Self.expectSame(input, in: dir)
            let output = dir.file("s-" + name)
            _ = try Sealer.seal(path: input, output: output)
            #expect(FileManager.default.contentsEqual(atPath: output, andPath: events + "/" + name), "\(name)")
            // Already sealed; an output that exists.
            try Self.expectSame(events + "/" + name, in: dir)
            try Self.expectSame(input, in: dir, outputExists: true)
        }
        try Self.expectSame(Fixtures.path("example-unsealed.jsonl"), in: dir)
    }

    @Test func invalidInputsAreRefusedAsBefore() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let lines = try String(contentsOfFile: Fixtures.path("example-unsealed.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        try #require(lines.count >= 4)
        let correction =
            #"{"seq":\#(lines.count + 1),"id":"bad-correction","convention":"CONV","type":"event.corrected","recorded":"2030-01-01T00:00:00Z","effective":"2030-01-01","data":{"target":"TARGET","data":{}}}"#
        let convention = try #require(Array(lines[0].utf8).withUnsafeBytes { Event.read(line: $0, number: 1) }).convention
        func correcting(_ target: String, seq: Int) -> String {
            correction.replacingOccurrences(of: "CONV", with: convention).replacingOccurrences(of: "TARGET", with: target)
                .replacingOccurrences(of: "\"seq\":\(lines.count + 1)", with: "\"seq\":\(seq)")
        }
        let cases: [(String, [String])] = [
            ("empty", []),
            ("unknown target", lines + [correcting("no-such-event", seq: lines.count + 1)]),
            ("self target", lines + [correcting("bad-correction", seq: lines.count + 1)]),
            ("reference problem then envelope error", lines + [correcting("no-such-event", seq: lines.count + 1), "{not json"]),
            ("duplicate line", lines + [lines[lines.count - 1]]),
            ("blank line", Array(lines[0..<2]) + [""] + Array(lines[2...])),
            ("torn", lines),
        ]
        for (name, body) in cases {
            var text = body.joined(separator: "\n")
            if name != "torn" && !body.isEmpty { text += "\n" }
            let input = try dir.write(name.replacingOccurrences(of: " ", with: "-") + ".jsonl", text)
            try Self.expectSame(input, in: dir)
            try Self.expectSame(input, in: dir, outputExists: true)
        }
        // A missing input, and an output in a directory that does not exist.
        try Self.expectSame(dir.file("missing.jsonl"), in: dir)
        let input = Fixtures.path("example-unsealed.jsonl")
        #expect(Self.outcome(Sealer.seal, input, dir.file("no/such/dir.jsonl")) == Self.outcome(Self.wholeLogSeal, input, dir.file("no/such/dir.jsonl")))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: LogIndexTests.generator), "ctg-generate is not built: run `swift build` first"))
    func sealingAGeneratedLedgerGivesItBack() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("g.jsonl")
        let process = try Process.run(
            URL(fileURLWithPath: LogIndexTests.generator), arguments: ["--events", "1500", "--seed", "7", "--output", log, "--quiet"])
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let input = try Self.unsealed(log, into: dir, name: "u.jsonl")
        try Self.expectSame(input, in: dir)
        let output = dir.file("s.jsonl")
        _ = try Sealer.seal(path: input, output: output)
        #expect(FileManager.default.contentsEqual(atPath: output, andPath: log))

        // Reference problems in several conventions: the first in file order is reported, whichever
        // convention is checked first; a target in another convention, or an earlier one.
        let ledger = try Ledger.read(path: input, checkHashes: false)
        let conventions = ledger.conventions
        try #require(conventions.count >= 3)
        let last = try #require(ledger.events.last)
        let firstEvent = try #require(ledger.events.first { $0.convention == conventions[1] })
        func correction(_ seq: Int, _ convention: String, target: String) -> String {
            #"{"seq":\#(seq),"id":"bad-\#(seq)","convention":"\#(convention)","type":"event.corrected","recorded":"\#(last.recorded)","effective":"2030-01-01","data":{"target":"\#(target)","reason":"test","data":{}}}"#
        }
        let base = try String(contentsOfFile: input, encoding: .utf8)
        let n = ledger.lastSeq
        let variants = [
            [correction(n + 1, conventions[2], target: "nothing"), correction(n + 2, conventions[0], target: "nothing")],
            [correction(n + 1, conventions[0], target: firstEvent.id), correction(n + 2, conventions[2], target: "nothing")],
            [correction(n + 1, conventions[1], target: "bad-2"), correction(n + 2, conventions[1], target: firstEvent.id)],
        ]
        for (i, lines) in variants.enumerated() {
            let damaged = try dir.write("bad-\(i).jsonl", base + lines.joined(separator: "\n") + "\n")
            let outcome = try Self.expectSame(damaged, in: dir)
            #expect(
                outcome.hasPrefix("invalid") && outcome.contains(":\(n + 1), seq \(n + 1), member `data.target`") && outcome.hasSuffix("no output"),
                "\(outcome)")
        }
    }
}
