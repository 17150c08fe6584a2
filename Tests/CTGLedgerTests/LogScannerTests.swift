import Foundation
import Testing

@testable import CTGLedger

/// Envelope checks of sections 2 and 3, line by line.
@Suite struct LogScannerTests {
    func findings(_ text: String) throws -> [Finding] {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        return try Ledger.read(path: try dir.write("log.jsonl", text)).findings
    }

    var example: [String] {
        (try? String(contentsOfFile: Fixtures.path("example-unsealed.jsonl"), encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
    }

    @Test func theExampleIsClean() throws {
        #expect(try findings(example.joined(separator: "\n") + "\n").isEmpty)
    }

    @Test func gapsRepeatsAndTimeGoingBackAreErrors() throws {
        var lines = example
        lines.remove(at: 2)  // seq gap: 1, 2, 4
        let gap = try findings(lines.joined(separator: "\n") + "\n")
        #expect(gap.contains { $0.rule == "envelope.seq" && $0.line == 3 && $0.seq == 4 })
        lines = example
        lines[3] = lines[3].replacingOccurrences(of: "\"id\":\"ex-4\"", with: "\"id\":\"ex-1\"")
        #expect(try findings(lines.joined(separator: "\n") + "\n").contains { $0.rule == "envelope.id" && $0.line == 4 })
        lines = example
        lines[3] = lines[3].replacingOccurrences(of: "2026-01-12T09:00:00Z", with: "2025-01-12T09:00:00Z")
        #expect(try findings(lines.joined(separator: "\n") + "\n").contains { $0.rule == "envelope.recorded" && $0.line == 4 })
    }

    @Test func tornBlankBomAndCRLFAreNamed() throws {
        let text = example.joined(separator: "\n") + "\n"
        #expect(try findings(String(text.dropLast())).contains { $0.rule == "torn" && $0.line == 8 })
        #expect(try findings(example[0] + "\n\n" + example[1] + "\n").contains { $0.rule == "blank-line" && $0.line == 2 })
        #expect(try findings("\u{FEFF}" + text).contains { $0.rule == "encoding" && $0.line == 1 })
        #expect(try findings(example[0] + "\r\n").contains { $0.rule == "line-end" && $0.line == 1 })
    }

    @Test func missingAndMistypedMembersAreNamed() throws {
        var lines = example
        lines[1] = lines[1].replacingOccurrences(of: "\"session\":\"2025-12-15\"", with: "\"session\":\"15/12/2025\"")
        let found = try findings(lines.joined(separator: "\n") + "\n")
        let finding = try #require(found.first)
        #expect(finding.line == 2)
        #expect(finding.seq == 2)
        #expect(finding.member == "data.session")
        #expect(finding.message.contains("YYYY-MM-DD"))
    }

    @Test func linesLongerThanAChunkAreRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("log.jsonl", example.joined(separator: "\n") + "\n")
        var seen: [Int] = []
        try LineReader.forEachLine(path: path, chunkSize: 64) { (line: RawLine) throws(LedgerError) in
            seen.append(line.bytes.count)
        }
        #expect(seen == example.map { $0.utf8.count })
    }

    @Test func aChangedSealedLineBreaksTheChain() throws {
        let text = try String(contentsOfFile: Fixtures.repositoryRoot + "/Events/example-plateau-2026.jsonl", encoding: .utf8)
        #expect(try findings(text).isEmpty)
        let tampered = text.replacingOccurrences(of: "Bourg-Achard", with: "Bourg-Achart")
        let found = try findings(tampered)
        #expect(found.contains { $0.rule == "chain" && $0.line == 4 && $0.member == "hash" })
    }
}
