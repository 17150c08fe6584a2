#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing an index whole (a full read's index, or a compaction), piece by piece (issue 5).
///
/// Every part's place follows from the conventions' names and line counts, known before anything
/// is written; so each convention's entries and each id bucket are written at their place as soon
/// as they are made, then the parts that hold their checksums (the convention records, the
/// directories, the header). At no time is the file whole in memory: besides the index itself,
/// the writer holds the entries of the lines not yet on disk (16 bytes each) and their order (4 bytes).
/// The bytes are those of the format described in `LogIndexStorage`.
extension LogIndexStorage {
    /// Where an index is written: at given positions, in any order.
    protocol Sink {
        /// Writes `bytes` at `position`; `false` on failure.
        mutating func write(_ bytes: [UInt8], at position: Int) -> Bool
    }

    /// A file open for writing.
    struct FileSink: Sink {
        /// The file descriptor.
        let fd: Int32

        mutating func write(_ bytes: [UInt8], at position: Int) -> Bool { LogIndex.pwrite(fd, bytes, at: position) }
    }

    /// A buffer in memory (tests compare it with the file).
    struct MemorySink: Sink {
        /// The bytes written so far (zeros where nothing was written yet).
        var bytes: [UInt8] = []

        mutating func write(_ new: [UInt8], at position: Int) -> Bool {
            if bytes.count < position + new.count { bytes += [UInt8](repeating: 0, count: position + new.count - bytes.count) }
            bytes.replaceSubrange(position..<(position + new.count), with: new)
            return true
        }
    }

    /// What came of writing an index.
    enum WriteOutcome {
        /// Every byte was written.
        case written
        /// A stored part could not be read back intact: nothing worth keeping was written.
        case damaged
        /// A write failed.
        case failed
    }

    /// Encodes an index whole in memory, with an empty journal; `nil` when a stored part cannot be
    /// read back intact. The bytes `write(_:to:)` writes to a file.
    static func encode(_ index: LogIndex) -> [UInt8]? {
        var sink = MemorySink()
        guard case .written = write(index, to: &sink) else { return nil }
        return sink.bytes
    }

    /// Writes an index whole, with an empty journal (a compaction writes the bytes a full read
    /// writes): the stored base, its journal and the lines added in memory, merged.
    static func write(_ index: LogIndex, to sink: inout some Sink) -> WriteOutcome {
        var stored = index.stored
        guard !index.journalBroken, stored.loadIDs(), let storedConventions = stored.allConventions() else { return .damaged }
        let names = storedConventions.map(\.name) + index.addedOrder
        // The lines not in the base (the journal's, then those added in memory), in file order.
        var extraEntries: [LogIndex.Entry] = []
        var extraNumbers: [UInt32] = []
        var extraHashes: [UInt64] = []
        let journalCount = stored.journalLines
        extraEntries.reserveCapacity(journalCount + index.addedLines.count)
        extraNumbers.reserveCapacity(journalCount)
        extraHashes.reserveCapacity(journalCount)
        stored.forEachJournalLine { number, entry, idHash in
            extraEntries.append(entry)
            extraNumbers.append(UInt32(truncatingIfNeeded: number))
            extraHashes.append(idHash)
        }
        index.addedLines.forEach { _, _, entry, _ in extraEntries.append(entry) }
        let added = index.addedLines
        func number(_ e: Int) -> Int { e < journalCount ? Int(extraNumbers[e]) : Int(added[e - journalCount].number) }
        func hash(_ e: Int) -> UInt64 { e < journalCount ? extraHashes[e] : added[e - journalCount].idHash }
        for e in 0..<extraEntries.count where number(e) >= names.count { return .damaged }

        // Every convention's line count, hence every part's place.
        var counts = storedConventions.map { $0.section?.count ?? 0 } + Array(repeating: 0, count: index.addedOrder.count)
        for e in 0..<extraEntries.count { counts[number(e)] += 1 }
        var recordsSize = 0
        for name in names { recordsSize += 36 + name.utf8.count }
        let directoryEnd = headerSize + fixedDirectorySize
        var positions: [Int] = []
        positions.reserveCapacity(names.count)
        var position = directoryEnd + recordsSize
        for count in counts {
            positions.append(position)
            position += count * 16
        }
        let idPosition = position
        let idCount = stored.baseLines + extraEntries.count

        // The entries, convention by convention: the extra lines grouped by convention (counting sort).
        var order = groupedOrder(count: extraEntries.count, groups: names.count, group: number)
        var checksums: [UInt64] = []
        checksums.reserveCapacity(names.count)
        var block: [UInt8] = []
        for n in 0..<names.count {
            guard let base = stored.rawEntries(of: n < storedConventions.count ? storedConventions[n].section : nil) else { return .damaged }
            block = base
            for e in order.members(n) {
                let entry = extraEntries[e]
                put64(UInt64(entry.offset), &block)
                put32(UInt32(truncatingIfNeeded: entry.length), &block)
                put32(UInt32(truncatingIfNeeded: entry.seq), &block)
            }
            guard block.count == counts[n] * 16 else { return .damaged }
            checksums.append(checksum(block, from: 0, count: block.count))
            guard sink.write(block, at: positions[n]) else { return .failed }
        }
        order = GroupedOrder()

        // The convention records, by bucket (then by number), and the directory.
        var bucketed: [[Int]] = Array(repeating: [], count: conventionBucketCount)
        for (number, name) in names.enumerated() { bucketed[conventionBucket(name)].append(number) }
        var records: [UInt8] = []
        records.reserveCapacity(recordsSize)
        var directory: [UInt8] = []
        directory.reserveCapacity(fixedDirectorySize)
        put64(UInt64(idPosition), &directory)
        put64(UInt64(idCount), &directory)
        put32(UInt32(names.count), &directory)
        for numbers in bucketed {
            let start = records.count
            for number in numbers {
                let utf8 = Array(names[number].utf8)
                put64(LogIndex.idHash(names[number]), &records)
                put32(UInt32(number), &records)
                put32(UInt32(counts[number]), &records)
                put64(UInt64(positions[number]), &records)
                put64(checksums[number], &records)
                put32(UInt32(utf8.count), &records)
                records += utf8
            }
            put32(UInt32(records.count - start), &directory)
            put64(checksum(records, from: start, count: records.count - start), &directory)
        }
        guard sink.write(records, at: directoryEnd) else { return .failed }
        records = []

        // The id table, bucket by bucket: the base's bucket merged with the extra lines' ids in it.
        order = groupedOrder(count: extraEntries.count, groups: bucketCount) { Int(hash($0) >> UInt64(64 - bucketBits)) }
        var buckets: [UInt8] = []
        buckets.reserveCapacity(bucketDirectorySize)
        var dataPosition = idPosition + bucketDirectorySize
        var written = 0
        for b in 0..<bucketCount {
            guard let storedPairs = stored.bucket(b) else { return .damaged }
            var extra: [(hash: UInt64, offset: Int)] = order.members(b).map { (hash: hash($0), offset: extraEntries[$0].offset) }
            extra.sort(by: LogIndexStorage.precedes)
            var data: [UInt8] = []
            data.reserveCapacity((storedPairs.count + extra.count) * 16)
            var i = 0
            var j = 0
            while i < storedPairs.count || j < extra.count {
                let pair: (hash: UInt64, offset: Int)
                let takeStored = j == extra.count || (i < storedPairs.count && LogIndexStorage.precedes(storedPairs[i], extra[j]))
                if takeStored {
                    pair = storedPairs[i]
                    i += 1
                } else {
                    pair = extra[j]
                    j += 1
                }
                put64(pair.hash, &data)
                put64(UInt64(pair.offset), &data)
            }
            put32(UInt32(data.count / 16), &buckets)
            put64(checksum(data, from: 0, count: data.count), &buckets)
            guard sink.write(data, at: dataPosition) else { return .failed }
            dataPosition += data.count
            written += data.count / 16
        }
        guard written == idCount else { return .damaged }
        put64(checksum(buckets, from: 0, count: buckets.count), &buckets)
        guard sink.write(buckets, at: idPosition) else { return .failed }

        let header = Header(
            coveredSize: index.coveredSize, lastSeq: index.lastSeq, lastHash: index.lastHash, lastRecorded: index.lastRecorded,
            directoryEnd: directoryEnd, baseEnd: dataPosition, baseChecksum: checksum(directory, from: 0, count: directory.count),
            journalLength: 0, journalChecksum: journalSeed)
        guard sink.write(header.bytes + directory, at: 0) else { return .failed }
        return .written
    }

    /// The id table's order: by hash, then by offset.
    static func precedes(_ a: (hash: UInt64, offset: Int), _ b: (hash: UInt64, offset: Int)) -> Bool {
        a.hash != b.hash ? a.hash < b.hash : a.offset < b.offset
    }

    /// Items `0..<count` grouped by `group` (each in `0..<groups`), in their order within a group:
    /// a counting sort, 4 bytes an item.
    struct GroupedOrder {
        /// The items, group after group.
        var items: [UInt32] = []
        /// Where each group starts in `items` (and where the last ends).
        var starts: [Int] = [0]

        /// The items of one group, in order.
        func members(_ group: Int) -> LazyMapSequence<ArraySlice<UInt32>, Int> {
            items[starts[group]..<starts[group + 1]].lazy.map { Int($0) }
        }
    }

    private static func groupedOrder(count: Int, groups: Int, group: (Int) -> Int) -> GroupedOrder {
        var starts = [Int](repeating: 0, count: groups + 1)
        for item in 0..<count { starts[group(item) + 1] += 1 }
        for g in 0..<groups { starts[g + 1] += starts[g] }
        var next = starts
        var items = [UInt32](repeating: 0, count: count)
        for item in 0..<count {
            let g = group(item)
            items[next[g]] = UInt32(item)
            next[g] += 1
        }
        return GroupedOrder(items: items, starts: starts)
    }
}
