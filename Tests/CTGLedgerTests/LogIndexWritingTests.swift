import Foundation
import Testing

@testable import CTGLedger

/// The index written piece by piece (issue 5) has the bytes of the index encoded whole in memory,
/// as it was before: pinned against a reference encoder kept here, on generated ledgers, with the
/// writer's passes over the lines cut small or not at all.
@Suite struct LogIndexWritingTests {
    /// The index of a log built from scratch, encoded whole as the in-memory encoder did: the
    /// conventions in order of first appearance, their entries in file order, the ids sorted.
    static func referenceEncoding(_ log: String) throws -> [UInt8] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: log)))
        var places: [(offset: Int, length: Int)] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            places.append((start, i - start))
            start = i + 1
        }
        let ledger = try Ledger.read(path: log, checkHashes: false)
        try #require(ledger.events.count == places.count && ledger.findings.isEmpty && ledger.sealed == true)
        var names: [String] = []
        var entries: [String: [LogIndex.Entry]] = [:]
        var ids: [(hash: UInt64, offset: Int)] = []
        for (event, place) in zip(ledger.events, places) {
            if entries[event.convention] == nil { names.append(event.convention) }
            entries[event.convention, default: []].append(LogIndex.Entry(offset: place.offset, length: place.length, seq: event.seq))
            ids.append((LogIndex.idHash(event.id), place.offset))
        }
        ids.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.offset < $1.offset }
        typealias S = LogIndexStorage
        let blocks: [[UInt8]] = names.map { name in
            var block: [UInt8] = []
            for entry in entries[name]! {
                S.put64(UInt64(entry.offset), &block)
                S.put32(UInt32(entry.length), &block)
                S.put32(UInt32(entry.seq), &block)
            }
            return block
        }
        var bucketed: [[Int]] = Array(repeating: [], count: S.conventionBucketCount)
        for (number, name) in names.enumerated() { bucketed[S.conventionBucket(name)].append(number) }
        let recordsSize = names.reduce(0) { $0 + 36 + $1.utf8.count }
        let directoryEnd = S.headerSize + S.fixedDirectorySize
        var position = directoryEnd + recordsSize
        var positions: [Int] = []
        for block in blocks {
            positions.append(position)
            position += block.count
        }
        var records: [UInt8] = []
        var directory: [UInt8] = []
        S.put64(UInt64(position), &directory)
        S.put64(UInt64(ids.count), &directory)
        S.put32(UInt32(names.count), &directory)
        for numbers in bucketed {
            let first = records.count
            for number in numbers {
                let utf8 = Array(names[number].utf8)
                S.put64(LogIndex.idHash(names[number]), &records)
                S.put32(UInt32(number), &records)
                S.put32(UInt32(blocks[number].count / 16), &records)
                S.put64(UInt64(positions[number]), &records)
                S.put64(S.checksum(blocks[number], from: 0, count: blocks[number].count), &records)
                S.put32(UInt32(utf8.count), &records)
                records += utf8
            }
            S.put32(UInt32(records.count - first), &directory)
            S.put64(S.checksum(records, from: first, count: records.count - first), &directory)
        }
        var buckets: [UInt8] = []
        var data: [UInt8] = []
        var next = 0
        for bucket in 0..<S.bucketCount {
            let first = data.count
            var count = 0
            while next < ids.count, Int(ids[next].hash >> UInt64(64 - S.bucketBits)) == bucket {
                S.put64(ids[next].hash, &data)
                S.put64(UInt64(ids[next].offset), &data)
                next += 1
                count += 1
            }
            S.put32(UInt32(count), &buckets)
            S.put64(S.checksum(data, from: first, count: data.count - first), &buckets)
        }
        S.put64(S.checksum(buckets, from: 0, count: buckets.count), &buckets)
        let baseEnd = position + S.bucketDirectorySize + ids.count * 16
        let header = S.Header(
            coveredSize: bytes.count, lastSeq: ledger.lastSeq, lastHash: ledger.lastHash!, lastRecorded: ledger.lastRecorded,
            directoryEnd: directoryEnd, baseEnd: baseEnd, baseChecksum: S.checksum(directory, from: 0, count: directory.count), journalLength: 0,
            journalChecksum: S.journalSeed)
        return header.bytes + directory + records + blocks.flatMap { $0 } + buckets + data
    }

    /// The index a full read writes, and the encodings of the index it builds in memory.
    static func check(_ log: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let reference = try referenceEncoding(log)
        #expect(try LogIndexTests.rebuilt(log) == reference, sourceLocation: sourceLocation)
        var index = LogIndex()
        let source = try #require(LineSource(path: log))
        let reader = LineReadBack()
        var offset = 0
        for event in try Ledger.read(path: log, checkHashes: false).events {
            let length = try #require(reader.bytes(at: offset, in: source)).count
            index.add(event, offset: offset, length: length)
            offset += length + 1
        }
        for linesPerPass in [1, 7, 100, LogIndexStorage.linesPerPass] {
            #expect(LogIndexStorage.encode(index, linesPerPass: linesPerPass) == reference, "\(linesPerPass)", sourceLocation: sourceLocation)
        }
    }

    @Test func streamedIndexEqualsTheWholeEncodingOnManyConventions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        try LogIndexTests.makeLog(log, lines: LogIndexTests.events(conventions: 40, seed: 11))
        try Self.check(log)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: LogIndexTests.generator), "ctg-generate is not built: run `swift build` first"))
    func streamedIndexEqualsTheWholeEncodingOnAGeneratedLedger() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("g.jsonl")
        let process = try Process.run(
            URL(fileURLWithPath: LogIndexTests.generator), arguments: ["--events", "4000", "--seed", "5", "--output", log, "--quiet"])
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        try Self.check(log)
    }

    @Test func compactionWithSmallPassesEqualsTheRebuiltIndex() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.file("log.jsonl")
        let lines = LogIndexTests.events(conventions: 12, seed: 4)
        try LogIndexTests.makeLog(log, lines: Array(lines.prefix(lines.count / 2)))
        // Appends through the index: a journal after the base, with conventions first met there.
        try LogIndexTests.makeLog(
            log,
            lines: Array(lines.suffix(from: lines.count / 2))
                + LogIndexTests.events(conventions: 3, seed: 8).map {
                    $0.replacingOccurrences(of: "ctg-c", with: "ctg-j")
                })
        let loaded = try #require(LogIndexTests.loaded(log))
        try #require(loaded.stored.journalLines > 0)
        let rebuilt = try LogIndexTests.rebuilt(log)
        for linesPerPass in [1, 5, LogIndexStorage.linesPerPass] {
            #expect(LogIndexStorage.encode(loaded, linesPerPass: linesPerPass) == rebuilt, "\(linesPerPass)")
        }
    }
}
