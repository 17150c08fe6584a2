import Foundation
import Testing

@testable import CTGLedger

/// Any change to a sealed log is caught by `verify`, which names the line; `--head` and
/// `--expect-head` catch what the chain alone cannot: a log cut back at a line boundary (issue 6).
@Suite struct TamperEvidenceTests {
    /// The 1-based line holding byte `position`.
    private func line(of position: Int, in bytes: [UInt8]) -> Int {
        bytes[..<position].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Errors `verify` finds in these bytes (written to a file, as the command reads them).
    private func errors(_ bytes: [UInt8], directory: URL) throws -> [Finding] {
        let path = try TestSupport.write(bytes, named: "tampered.jsonl", in: directory)
        return try VerifyReport.make(path: path).findings.filter { $0.severity == .error }
    }

    /// Hundreds of random one-byte changes (a flipped bit or another byte) anywhere in the file:
    /// every one fails `verify` with an error on the changed line.
    @Test func everyChangedByteIsCaughtOnItsLine() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try TestSupport.exampleBytes()
        var random = SplitMix64(seed: 0x5EED_0006)
        for round in 0..<400 {
            var bytes = original
            let position = Int.random(in: 0..<bytes.count, using: &random)
            if round % 2 == 0 {
                bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
            } else {
                var replacement: UInt8
                repeat { replacement = UInt8.random(in: 0...255, using: &random) } while replacement == bytes[position]
                bytes[position] = replacement
            }
            let expectedLine = line(of: position, in: original)
            let found = try errors(bytes, directory: directory)
            #expect(
                found.contains { $0.line == expectedLine },
                "byte \(position) (line \(expectedLine)) changed from \(original[position]) to \(bytes[position]): \(found.map(\.description))")
        }
    }

    /// Changes a careful forger would try, each named.
    @Test(arguments: [
        "hash of the last line", "hash of the first line", "prev of a line", "a space after a comma", "a space before the hash",
        "a trailing space", "an uppercase hex digit in the hash", "a member reordered", "an escaped character",
    ])
    func targetedEditsAreCaught(_ edit: String) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = try TestSupport.exampleLines().map { String(decoding: $0, as: UTF8.self) }
        var target = 0
        func replaceFirst(_ old: String, _ new: String, inLine index: Int) {
            target = index
            let range = lines[index].range(of: old)!
            lines[index].replaceSubrange(range, with: new)
        }
        let last = lines.count - 1
        switch edit {
        case "hash of the last line":
            let hash = String(lines[last].suffix(66).prefix(64))
            let changed = String(hash.prefix(63)) + (hash.last == "0" ? "1" : "0")
            replaceFirst(hash, changed, inLine: last)
        case "hash of the first line":
            let hash = String(lines[0].suffix(66).prefix(64))
            replaceFirst(hash, String(hash.reversed()), inLine: 0)
        case "prev of a line":
            target = 3
            let digit = lines[3].range(of: #""prev":""#)!.upperBound
            lines[3].replaceSubrange(digit...digit, with: lines[3][digit] == "0" ? "1" : "0")
        case "a space after a comma": replaceFirst(#","id":"#, #", "id":"#, inLine: 2)
        case "a space before the hash": replaceFirst(#","hash":"#, #", "hash":"#, inLine: 4)
        case "a trailing space": target = 5; lines[5] += " "
        case "an uppercase hex digit in the hash":
            let hash = String(lines[6].suffix(66).prefix(64))
            replaceFirst(hash, hash.uppercased(), inLine: 6)
        case "a member reordered": replaceFirst(#"{"seq":2,"id":"ex-2","#, #"{"id":"ex-2","seq":2,"#, inLine: 1)
        default: replaceFirst(#""type""#, #""t\u0079pe""#, inLine: 2)
        }
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let found = try errors(bytes, directory: directory)
        #expect(found.contains { $0.line == target + 1 }, "\(edit): \(found.map(\.description))")
    }

    @Test func swappedLinesAreCaught() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = try TestSupport.exampleLines()
        lines.swapAt(3, 4)
        let found = try errors(Array((lines.joined(separator: [0x0A]) + [0x0A])), directory: directory)
        #expect(found.contains { $0.line == 4 && $0.rule == "envelope.seq" })
        #expect(found.contains { $0.line == 4 && $0.rule == "chain" })
    }

    @Test(arguments: [0, 3, 7])
    func aDeletedLineIsCaught(_ index: Int) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = try TestSupport.exampleLines()
        lines.remove(at: index)
        let found = try errors(Array((lines.joined(separator: [0x0A]) + [0x0A])), directory: directory)
        if index == lines.count {
            // The last line removed: a cut at a line boundary, see below.
            #expect(found.isEmpty)
        } else {
            #expect(found.contains { $0.line == index + 1 && $0.rule == "chain" })
            #expect(found.contains { $0.line == index + 1 && $0.rule == "envelope.seq" })
        }
    }

    /// The one change the chain cannot show: lines cut off the end at a line boundary. The log
    /// verifies; only a head written down elsewhere (`--head`, then `--expect-head`) shows the loss.
    @Test func aCutAtALineBoundaryNeedsTheHeadWrittenDownElsewhere() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try TestSupport.write(try TestSupport.exampleBytes(), named: "log.jsonl", in: directory)
        let head = CommandRun(["verify", path, "--head"])
        #expect(head.status == 0)
        let written = head.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(written.count == 64 && head.stderr.isEmpty)
        #expect(CommandRun(["verify", path, "--expect-head", written]).status == 0)

        let lines = try TestSupport.exampleLines()
        try Data(lines.dropLast(2).joined(separator: [0x0A]) + [0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(CommandRun(["verify", path]).status == 0, "a cut at a line boundary is invisible to the chain")
        let stale = CommandRun(["verify", path, "--expect-head", written])
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("error [head]") && stale.stdout.contains("no line of the log has that hash"))
        let quiet = CommandRun(["verify", path, "--head", "--expect-head", written])
        #expect(quiet.status == 1 && quiet.stdout.isEmpty && quiet.stderr.contains("error [head]"))
    }

    /// Appending is not rewriting: an earlier head still proves the lines up to it are unchanged.
    @Test func anEarlierHeadStillProvesThePrefixAfterAppends() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try TestSupport.write(try TestSupport.exampleBytes(), named: "log.jsonl", in: directory)
        let written = CommandRun(["verify", path, "--head"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let input = Array((TestSupport.reviewEvent(id: "r-1") + "\n" + TestSupport.reviewEvent(id: "r-2") + "\n").utf8)
        #expect(CommandRun(["append", path], input: input).status == 0)
        let run = CommandRun(["verify", path, "--expect-head", written])
        #expect(run.status == 0)
        #expect(
            run.stdout.contains(
                "is the hash of line 8, not of the last line: lines 1 to 8 are unchanged since it was written down, and 2 lines were appended since."))
        let json = CommandRun(["verify", path, "--expect-head", written, "--format", "json"])
        #expect(json.status == 0 && json.stdout.contains("\"note\": \"note: "))
        // The new head matches exactly; a forged hash matches nothing.
        let newHead = CommandRun(["verify", path, "--head"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(newHead != written)
        #expect(CommandRun(["verify", path, "--expect-head", newHead]).stdout.contains("note:") == false)
        #expect(CommandRun(["verify", path, "--expect-head", String(repeating: "ab", count: 32)]).status == 1)
        // Rewriting line 8 and re-sealing everything after it cannot keep line 8's hash.
        var bytes = try TestSupport.read(path)
        let line8 = bytes.indices.filter { bytes[$0] == 0x0A }[6] + 1
        bytes[line8 + 30] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(CommandRun(["verify", path, "--expect-head", written]).status == 1)
    }
}
