import Foundation
import Testing

@testable import CTGLedger

/// Decoding lines on two threads (`ParallelScan`) gives exactly what reading them one by one gives,
/// wherever the chunks fall, damaged logs included (issue 5).
@Suite struct ParallelScanTests {
    /// What a pass over a log found: every finding, every event's place and identity, the scanner's end state.
    struct Pass: Equatable {
        var findings: [Finding] = []
        var events: [String] = []
        var lastSeq = 0
        var lastHash: String?
        var lineCount = 0
        var torn: String?
        var sealed: Bool?

        init(_ scanner: LogScanner, events: [String]) {
            findings = scanner.findings
            self.events = events
            lastSeq = scanner.lastSeq
            lastHash = scanner.lastHash
            lineCount = scanner.lineCount
            torn = scanner.tornLine.map { "\($0.line) \($0.offset) \($0.length)" }
            sealed = scanner.sealed
        }
    }

    static func describe(_ event: Event, offset: Int) -> String {
        "\(event.line) \(offset) \(event.seq) \(event.id) \(event.type.rawValue) \(event.hash ?? "-") \(event.object.members.count)"
    }

    /// The reference: one line at a time.
    static func lineByLine(_ path: String) throws -> Pass {
        var scanner = LogScanner(file: path, checkHashes: true)
        var events: [String] = []
        try LineReader.forEachLine(path: path) { (raw: RawLine) throws(LedgerError) in
            if let event = scanner.scan(raw) { events.append(describe(event, offset: raw.offset)) }
        }
        return Pass(scanner, events: events)
    }

    static func inChunks(_ path: String, chunkSize: Int) throws -> Pass {
        var scanner = LogScanner(file: path, checkHashes: true)
        var events: [String] = []
        try ParallelScan.forEachLine(path: path, hashing: true, chunkSize: chunkSize) { (line: DecodedLine) throws(LedgerError) in
            if let event = scanner.accept(line) { events.append(describe(event, offset: line.offset)) }
        }
        return Pass(scanner, events: events)
    }

    /// The sealed real logs, and a damaged copy of each, found from this file's path.
    static let logs: [String] = StreamingTests.logs

    static func damaged(_ path: String, in dir: TemporaryDirectory) throws -> String {
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let last = lines.count - 1
        lines[0] = "\u{FEFF}" + lines[0]  // a byte order mark
        if lines.count > 2 { lines[1] = lines[1].replacingOccurrences(of: "\"effective\":\"2", with: "\"effective\":\"1") }  // hash mismatch
        lines.insert("", at: min(2, last))  // a blank line
        lines.insert("{\"seq\":", at: min(3, last))  // not JSON
        lines.insert("[1,2]", at: min(4, last))  // not an object
        lines.insert(lines[lines.count - 1] + "\r", at: lines.count - 1)  // CR LF, and the same id twice
        lines.insert("{\"seq\":99,\"id\":\"x\"}", at: lines.count - 1)  // not an event
        lines.append(lines[lines.count - 1])  // the same line twice: its seq and id again
        // Ends with a torn fragment.
        return try dir.write("damaged.jsonl", lines.joined(separator: "\n") + "\n" + "{\"seq\":1000,\"id\":\"torn")
    }

    @Test(arguments: logs)
    func chunksGiveWhatLineByLineGives(path: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for file in [path, try Self.damaged(path, in: dir)] {
            let expected = try Self.lineByLine(file)
            #expect(!expected.events.isEmpty)
            for chunkSize in [7, 97, 1000, 4096, ParallelScan.defaultChunkSize] {
                let got = try Self.inChunks(file, chunkSize: chunkSize)
                #expect(got == expected, "\(file), chunks of \(chunkSize) bytes")
            }
        }
    }

    @Test func damageIsFoundInTheDamagedCopy() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let pass = try Self.inChunks(try Self.damaged(Self.logs[0], in: dir), chunkSize: 97)
        let rules = Set(pass.findings.map(\.rule))
        #expect(rules.isSuperset(of: ["encoding", "chain", "blank-line", "json", "line-end", "envelope", "envelope.id", "torn"]))
    }

    @Test func aLineOverTheLimitIsRefusedAsLineByLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let roumois = try #require(Self.logs.first { $0.hasSuffix("roumois-seine-2022.jsonl") })
        let lines = try String(contentsOfFile: roumois, encoding: .utf8).split(separator: "\n").map(String.init)
        let long = "{\"note\":\"" + String(repeating: "a", count: LineReader.maximumLineLength) + "\"}"
        let path = try dir.write("long.jsonl", lines[0..<3].joined(separator: "\n") + "\n" + long + "\n" + lines[3] + "\n")
        var expected: LedgerError?
        do { _ = try Self.lineByLine(path) } catch let error as LedgerError { expected = error }
        #expect(expected?.line == 4)
        for chunkSize in [97, 4096] {
            var found: LedgerError?
            var lines = 0
            do {
                try ParallelScan.forEachLine(path: path, hashing: false, chunkSize: chunkSize) { (_: DecodedLine) throws(LedgerError) in lines += 1 }
            } catch { found = error }
            #expect(found?.description == expected?.description)
            #expect(lines == 3)
        }
    }

    @Test func anErrorThrownByTheCallerStopsThePass() throws {
        var seen = 0
        #expect(throws: LedgerError.self) {
            try ParallelScan.forEachLine(path: Self.logs[0], hashing: false, chunkSize: 97) { (_: DecodedLine) throws(LedgerError) in
                seen += 1
                if seen == 3 { throw LedgerError(.invalid, "stop") }
            }
        }
        #expect(seen == 3)
    }
}

/// `ParallelWork.map` gives every result in task order, whichever thread ran it.
@Suite struct ParallelWorkTests {
    @Test func resultsComeBackInTaskOrder() {
        let results = ParallelWork.map(count: 2000) { (index: Int) -> [Int] in
            // Uneven tasks, so that the two threads interleave.
            (0..<(index % 7) * 50).reduce(into: [index]) { partial, step in partial[0] &+= step &* 0 }
        }
        #expect(results.map { $0[0] } == Array(0..<2000))
        #expect(ParallelWork.map(count: 1) { $0 + 1 } == [1])
        #expect(ParallelWork.map(count: 0) { $0 }.isEmpty)
    }
}
