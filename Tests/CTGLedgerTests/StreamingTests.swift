import Foundation
import Testing

@testable import CTGLedger

/// The streaming passes (verify, the full replay behind `list`) give what the whole-ledger
/// computations they replace gave (issue 5).
@Suite struct StreamingTests {
    /// The sealed real logs, found from this file's path.
    static let logs: [String] = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let folder = url.path + "/Events"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".jsonl") }.sorted().map { folder + "/" + $0 }
    }()

    /// `verify` as it was computed before streaming: the whole ledger in memory.
    static func wholeLedgerFindings(_ path: String) throws -> [Finding] {
        let ledger = try Ledger.read(path: path, checkHashes: true)
        var findings = ledger.findings
        var validator = ReferenceValidator()
        for event in ledger.events {
            for problem in validator.check(event) {
                findings.append(Finding(problem.located(file: path, line: event.line, seq: event.seq), rule: "reference"))
            }
        }
        findings += DomainRules.findings(ledger)
        findings.sort { ($0.line ?? 0, $0.severity == .error ? 0 : 1) < ($1.line ?? 0, $1.severity == .error ? 0 : 1) }
        return findings
    }

    @Test(arguments: logs)
    func verifyFindsWhatTheWholeLedgerCheckFound(path: String) throws {
        let report = try VerifyReport.make(path: path)
        #expect(report.findings == (try Self.wholeLedgerFindings(path)))
    }

    @Test(arguments: logs)
    func damagedLinesAreReportedAsBefore(path: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A changed byte (hash mismatch), a broken line (JSON error) and changed vote counts.
        lines[1] = lines[1].replacingOccurrences(of: "\"recorded\":\"2", with: "\"recorded\":\"1")
        if lines.count > 4 { lines[lines.count - 2] = String(lines[lines.count - 2].dropFirst(5)) }
        for index in lines.indices where lines[index].contains("\"votes\":{\"for\":") {
            lines[index] = lines[index].replacingOccurrences(of: "\"votes\":{\"for\":", with: "\"votes\":{\"for\":1")
        }
        let damaged = try dir.write("damaged.jsonl", lines.joined(separator: "\n"))
        let report = try VerifyReport.make(path: damaged)
        #expect(report.findings == (try Self.wholeLedgerFindings(damaged)))
        #expect(report.findings.contains { $0.severity == .error })
    }

    @Test(arguments: logs)
    func hashMismatchesAreFoundWhateverTheChunking(path: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // One changed byte in every fifth line: each is a hash mismatch, wherever the chunks fall.
        for index in stride(from: 0, to: lines.count - 1, by: 5) {
            lines[index] = lines[index].replacingOccurrences(of: "\"effective\":\"2", with: "\"effective\":\"1")
        }
        let damaged = try dir.write("damaged.jsonl", lines.joined(separator: "\n"))
        let expected = try Self.wholeLedgerFindings(damaged)
        #expect(expected.filter { $0.member == "hash" }.count >= lines.count / 5)
        for chunkSize in [ParallelScan.defaultChunkSize, 4096, 333] {
            let report = try VerifyReport.make(path: damaged, chunkSize: chunkSize)
            #expect(report.findings == expected, "chunks of \(chunkSize) bytes")
        }
    }

    /// A national sample: many conventions, checked on two threads; damaged lines and votes included.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: LogIndexTests.generator), "ctg-generate is not built: run `swift build` first"))
    func verifyOfManyConventionsFindsWhatTheWholeLedgerCheckFound() throws {
        let generated = try ReplayPropertyTests.generatedLog(events: 3000, seed: 5)
        defer { generated.directory.remove() }
        var lines = try String(contentsOfFile: generated.path, encoding: .utf8).split(separator: "\n").map(String.init)
        for index in stride(from: 7, to: lines.count, by: 97) {
            lines[index] = lines[index].replacingOccurrences(of: "\"effective\":\"2", with: "\"effective\":\"1")
        }
        for index in lines.indices where index % 5 == 0 && lines[index].contains("\"votes\":{\"for\":") {
            lines[index] = lines[index].replacingOccurrences(of: "\"votes\":{\"for\":", with: "\"votes\":{\"for\":1")
        }
        lines[lines.count / 2] = String(lines[lines.count / 2].dropFirst(3))
        let damaged = generated.directory.file("damaged.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: damaged))
        let expected = try Self.wholeLedgerFindings(damaged)
        #expect(Set(expected.map(\.rule)).count >= 3)
        #expect(Set(expected.compactMap(\.line)).count > 40)
        for chunkSize in [ParallelScan.defaultChunkSize, 50_000] {
            #expect(try VerifyReport.make(path: damaged, chunkSize: chunkSize).findings == expected)
        }
    }

    /// Lines whose data is bad (a member of the wrong type; one also with a bad `prev`, one whose id
    /// later events refer to): `verify`'s first pass, which does not read the data, leaves them to
    /// the second, which starts over at `check`: the report is the whole-ledger check's.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: LogIndexTests.generator), "ctg-generate is not built: run `swift build` first"))
    func linesWithBadDataAreReportedAsBefore() throws {
        let generated = try ReplayPropertyTests.generatedLog(events: 2000, seed: 13)
        defer { generated.directory.remove() }
        var lines = try String(contentsOfFile: generated.path, encoding: .utf8).split(separator: "\n").map(String.init)
        for (step, index) in stride(from: 11, to: lines.count, by: 173).enumerated() {
            guard case .object(var event) = try JSONParser.parse(lines[index]), case .object(var data)? = event["data"],
                let first = data.members.first
            else { continue }
            data[first.key] = .number("5")
            event["data"] = .object(data)
            if step % 3 == 1 { event["prev"] = .number("7") }
            lines[index] = JSONWriter.string(.object(event))
        }
        let damaged = generated.directory.file("damaged.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: damaged))
        let expected = try Self.wholeLedgerFindings(damaged)
        #expect(expected.filter { $0.rule == "envelope" && ($0.member ?? "").hasPrefix("data.") }.count >= 8)
        #expect(try VerifyReport.make(path: damaged).findings == expected)
        #expect(try VerifyReport.make(path: damaged, optimistic: false).findings == expected)
        // A sound log is read once, optimistically, with the same report.
        #expect(try VerifyReport.make(path: generated.path).findings == (try Self.wholeLedgerFindings(generated.path)))
        // The only bad line has a bad `prev` too: its data is named first, as by the whole check,
        // though no second pass reads a line the first did not take for an event.
        var single = try String(contentsOfFile: generated.path, encoding: .utf8).split(separator: "\n").map(String.init)
        guard case .object(var event) = try JSONParser.parse(single[40]), case .object(var data)? = event["data"], let first = data.members.first
        else { throw LedgerError(.invalid, "line 41 is not an event") }
        data[first.key] = .number("5")
        event["data"] = .object(data)
        event["prev"] = .number("7")
        single[40] = JSONWriter.string(.object(event))
        let one = generated.directory.file("one.jsonl")
        try Data((single.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: one))
        let reported = try VerifyReport.make(path: one).findings
        #expect(reported == (try Self.wholeLedgerFindings(one)))
        #expect(reported.contains { $0.line == 41 && ($0.member ?? "").hasPrefix("data.") })
        // Data that is not even JSON (the first pass only skips over it), alone on its line, then
        // with a bad `seq` on the same line.
        var syntax = try String(contentsOfFile: generated.path, encoding: .utf8).split(separator: "\n").map(String.init)
        syntax[30] = syntax[30].replacingOccurrences(of: "\"data\":{", with: "\"data\":{\"x\":1,,")
        syntax[60] = syntax[60].replacingOccurrences(of: "\"data\":{", with: "\"data\":{\"x\":\"\\q\",").replacingOccurrences(
            of: "\"seq\":61,", with: "\"seq\":\"61\",")
        let broken = generated.directory.file("syntax.jsonl")
        try Data((syntax.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: broken))
        let syntaxFindings = try VerifyReport.make(path: broken).findings
        #expect(syntaxFindings == (try Self.wholeLedgerFindings(broken)))
        #expect(syntaxFindings.filter { $0.rule == "json" }.map(\.line) == [31, 61])
    }

    /// `ctg list` on a national sample (rows made on two threads) gives, in order of first appearance,
    /// each convention's state as the full projection computes it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: LogIndexTests.generator), "ctg-generate is not built: run `swift build` first"))
    func listOfManyConventionsGivesEachFullState() throws {
        let generated = try ReplayPropertyTests.generatedLog(events: 3000, seed: 9)
        defer { generated.directory.remove() }
        let ledger = try Ledger.read(path: generated.path, checkHashes: false)
        #expect(ledger.conventions.count > 10)
        for at in ["2022-06-30", "2026-01-01"] {
            let outcome = CTG.run(["list", generated.path, "--at", at, "--format", "json"])
            #expect(outcome.code == 0)
            let rows = try #require(try JSONParser.parse(outcome.out).objectValue?["conventions"]?.arrayValue)
            #expect(rows.compactMap { $0.objectValue?["convention"]?.stringValue } == ledger.conventions)
            for row in rows {
                let convention = try #require(row.objectValue?["convention"]?.stringValue)
                let full = ledger.state(of: convention, at: CivilDate(at)!)
                #expect(row.objectValue?["status"]?.stringValue == full.status.rawValue, "\(convention) at \(at)")
                #expect(row.objectValue?["title"]?.stringValue == full.title)
                #expect(row.objectValue?["end"]?.stringValue == full.end?.description)
                #expect(row.objectValue?["events"]?.intValue == ledger.events(of: convention).count)
            }
        }
    }

    @Test(arguments: logs)
    func replayDigestGivesTheFullStatus(path: String) throws {
        let ledger = try Ledger.read(path: path, checkHashes: false)
        var digests: [String: ConventionDigest] = [:]
        for event in ledger.events { digests[event.convention, default: ConventionDigest(convention: event.convention)].add(event) }
        let dates = ["2015-01-01", "2022-06-30", "2023-01-01", "2025-12-15", "2026-06-01", "2027-12-31", "2031-01-01"].map { CivilDate($0)! }
        for convention in ledger.conventions {
            let digest = try #require(digests[convention])
            #expect(digest.count == ledger.events(of: convention).count)
            for date in dates {
                let full = ledger.state(of: convention, at: date)
                let fast = digest.summary(at: date)
                #expect(fast.status == full.status, "\(convention) at \(date)")
                #expect(fast == ConventionDigest.Summary(full, lastSeq: full.lastSeq), "\(convention) at \(date)")
            }
        }
    }

    /// `list`'s digests, which keep offsets and read lines back, answer as digests kept in memory.
    @Test(arguments: logs)
    func replayThroughOffsetsGivesWhatTheKeptEventsGive(path: String) throws {
        let ledger = try Ledger.read(path: path, checkHashes: false)
        var kept: [String: ConventionDigest] = [:]
        for event in ledger.events { kept[event.convention, default: ConventionDigest(convention: event.convention)].add(event) }
        let io = CommandIO(
            readInput: { [] }, out: { _ in }, err: { _ in }, now: { Timestamp(rfc3339: "2026-01-01T00:00:00Z")! }, today: { CivilDate("2026-01-01")! })
        let replayed = try CommandSupport.replay(path, io: io)
        #expect(replayed.map(\.convention) == ledger.conventions)
        let dates = ["2015-01-01", "2022-06-30", "2023-01-01", "2025-12-15", "2026-06-01", "2027-12-31", "2031-01-01"].map { CivilDate($0)! }
        for digest in replayed {
            let reference = try #require(kept[digest.convention])
            #expect(digest.count == reference.count)
            for date in dates {
                #expect(digest.summary(at: date) == reference.summary(at: date), "\(digest.convention) at \(date)")
            }
        }
    }

}
