import Foundation
import Testing

@testable import CTGLedger

/// `ctg repair` and how `verify`, `state` and `append` treat a torn last line (issue 6, crash consistency).
@Suite struct RepairTests {
    /// The example log cut `cut` bytes into its last line: a valid prefix plus a torn fragment.
    private func tornLog(cutInLastLineAt cut: Int, in directory: URL) throws -> (path: String, original: [UInt8], lastLineStart: Int) {
        let bytes = try TestSupport.exampleBytes()
        let lastLineStart = bytes.dropLast().lastIndex(of: 0x0A)! + 1
        let path = try TestSupport.write(Array(bytes[..<(lastLineStart + cut)]), named: "torn.jsonl", in: directory)
        return (path, bytes, lastLineStart)
    }

    @Test func verifyNamesATornLastLineAsSuch() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try tornLog(cutInLastLineAt: 57, in: directory)
        let run = CommandRun(["verify", log.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("\(log.path):8: error [torn]"))
        #expect(run.stdout.contains("1 error,"))
        let ledger = try Ledger.read(path: log.path)
        #expect(ledger.tornLine?.line == 8)
        #expect(ledger.tornLine?.offset == log.lastLineStart)
        #expect(ledger.errors.map(\.rule) == ["torn"])
        #expect(ledger.lastSeq == 7)
    }

    @Test func queriesWarnAndUseTheValidPrefixWhileAppendRefuses() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try tornLog(cutInLastLineAt: 100, in: directory)
        let state = CommandRun(["state", log.path, "--at", "2026-06-01"])
        #expect(state.status == 0)
        #expect(state.stderr.contains("warning:") && state.stderr.contains("[torn]"))
        let before = try TestSupport.read(log.path)
        let append = CommandRun(["append", log.path], input: Array((TestSupport.reviewEvent(id: "r-1") + "\n").utf8))
        #expect(append.status == 1)
        #expect(append.stderr.contains("torn line") && append.stderr.contains("ctg repair"))
        #expect(try TestSupport.read(log.path) == before)
    }

    /// Every cut inside the last line (from 1 byte to all but the `\n`) is repaired the same way.
    @Test func repairMovesEveryTornFragmentAsideAndVerifyThenPasses() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = try TestSupport.exampleLines()
        let lastLength = lines.last!.count
        let now = Timestamp(rfc3339: "2026-11-23T09:16:47Z")!
        for cut in [1, 2, 9, 75, lastLength / 2, lastLength - 76, lastLength - 1, lastLength] {
            let log = try tornLog(cutInLastLineAt: cut, in: directory)
            let torn = try TestSupport.read(log.path)
            let result = try Repair.repair(path: log.path, now: now)
            let side = try #require(result.sideFile)
            #expect(side.hasPrefix(log.path + ".torn-20261123T091647Z"))
            #expect(result.line == 8)
            #expect(result.movedBytes == cut)
            #expect(result.lastSeq == 7)
            // Not a byte lost: the log plus the side file are the torn log.
            #expect(try TestSupport.read(log.path) + TestSupport.read(side) == torn)
            #expect(try TestSupport.read(log.path) == Array(log.original[..<log.lastLineStart]))
            #expect(result.completeEventID == (cut == lastLength ? "ex-8" : nil))
            #expect(CommandRun(["verify", log.path]).status == 0)
            try FileManager.default.removeItem(atPath: side)
        }
    }

    @Test func repairNeverOverwritesAnEarlierSideFile() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = Timestamp(rfc3339: "2026-11-23T09:16:47Z")!
        var sides: [String] = []
        for cut in [10, 20, 30] {
            let log = try tornLog(cutInLastLineAt: cut, in: directory)
            sides.append(try #require(try Repair.repair(path: log.path, now: now).sideFile))
        }
        let base = directory.appendingPathComponent("torn.jsonl").path + ".torn-20261123T091647Z"
        #expect(sides == [base, base + "-2", base + "-3"])
        #expect(try sides.map { try TestSupport.read($0).count } == [10, 20, 30])
    }

    @Test func repairCommandReportsAndExitCodes() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try tornLog(cutInLastLineAt: 200, in: directory)
        let repaired = CommandRun(["repair", log.path])
        #expect(repaired.status == 0)
        #expect(repaired.stdout.contains("moved the torn line 8 (200 bytes) into \(log.path).torn-"))
        // A second run finds nothing to do.
        let again = CommandRun(["repair", log.path])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("nothing to repair"))
        // A missing log is an I/O error and is not created.
        let missing = directory.appendingPathComponent("missing.jsonl").path
        #expect(CommandRun(["repair", missing]).status == 3)
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(CommandRun(["repair"]).status == 2)
    }

    /// Damage other than a torn final line is not repair's business: exit 1, nothing touched.
    @Test(arguments: ["changed byte", "changed byte and torn", "blank line", "missing newline on an earlier line"])
    func repairRefusesOtherDamage(_ damage: String) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var bytes = try TestSupport.exampleBytes()
        switch damage {
        case "changed byte": bytes[30] ^= 0x01
        case "changed byte and torn":
            bytes[30] ^= 0x01
            bytes.removeLast(10)
        case "blank line": bytes.insert(0x0A, at: bytes.firstIndex(of: 0x0A)! + 1)
        default: bytes.remove(at: bytes.firstIndex(of: 0x0A)!)
        }
        let path = try TestSupport.write(bytes, named: "damaged.jsonl", in: directory)
        let run = CommandRun(["repair", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("ctg verify \(path)"))
        #expect(try TestSupport.read(path) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["damaged.jsonl"])
    }

    /// After a repair, the interrupted append can simply be retried.
    @Test func appendWorksAgainAfterRepair() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try tornLog(cutInLastLineAt: 40, in: directory)
        #expect(CommandRun(["repair", log.path]).status == 0)
        let append = CommandRun(["append", log.path, "--expect-seq", "7"], input: Array((TestSupport.reviewEvent(id: "r-1") + "\n").utf8))
        #expect(append.status == 0)
        #expect(CommandRun(["verify", log.path]).status == 0)
    }

    /// A log that is only a fragment (the first append was cut) is repaired to an empty log.
    @Test func aLogThatIsOnlyAFragmentBecomesEmpty() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try TestSupport.write(Array(try TestSupport.exampleBytes().prefix(123)), named: "first.jsonl", in: directory)
        let result = try Repair.repair(path: path, now: Timestamp(seconds: 0))
        #expect(result.movedBytes == 123 && result.size == 0 && result.lastSeq == 0)
        #expect(try TestSupport.read(path).isEmpty)
        #expect(CommandRun(["verify", path]).status == 0)
    }
}
