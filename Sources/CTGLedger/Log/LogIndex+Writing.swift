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
/// the writer holds the entries or ids of about `linesPerPass` lines at a time, reading the lines
/// added in memory once per such range.
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
    static func encode(_ index: LogIndex, linesPerPass: Int = LogIndexStorage.linesPerPass) -> [UInt8]? {
        var sink = MemorySink()
        guard case .written = write(index, to: &sink, linesPerPass: linesPerPass) else { return nil }
        return sink.bytes
    }

    /// Lines whose entries or ids one pass over the extra lines gathers: the writer reads the
    /// lines several times rather than holding them all a second time.
    static let linesPerPass = 1 << 16

    /// Writes an index whole, with an empty journal (a compaction writes the bytes a full read
    /// writes): the stored base, its journal and the lines added in memory, merged.
    ///
    /// - Parameter linesPerPass: about how many lines' entries or ids are gathered per pass over
    ///   the lines (tests make it small, to cross many ranges).
    static func write(_ index: LogIndex, to sink: inout some Sink, linesPerPass: Int = LogIndexStorage.linesPerPass) -> WriteOutcome {
        var stored = index.stored
        guard !index.journalBroken, stored.loadIDs(), let storedConventions = stored.allConventions() else { return .damaged }
        let names = storedConventions.map(\.name) + index.addedOrder
        // The lines not in the base (the journal's, then those added in memory), in file order.
        func forEachExtra(_ body: (Int, LogIndex.Entry, UInt64) -> Void) {
            stored.forEachJournalLine(body)
            index.addedLines.forEach { _, number, entry, idHash in body(number, entry, idHash) }
        }

        // Every convention's line count, hence every part's place.
        var counts = storedConventions.map { $0.section?.count ?? 0 } + Array(repeating: 0, count: index.addedOrder.count)
        var extraCount = 0
        var outOfRange = false
        forEachExtra { number, _, _ in
            extraCount += 1
            if number < counts.count { counts[number] += 1 } else { outOfRange = true }
        }
        guard !outOfRange else { return .damaged }
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
        let idCount = stored.baseLines + extraCount

        // The entries, a range of conventions at a time (about `linesPerPass` lines): each pass
        // reads the extra lines once and keeps those of its range.
        var checksums: [UInt64] = []
        checksums.reserveCapacity(names.count)
        var first = 0
        while first < names.count {
            var end = first + 1
            var lines = counts[first]
            while end < names.count, lines + counts[end] <= linesPerPass {
                lines += counts[end]
                end += 1
            }
            var blocks: [[UInt8]] = []
            blocks.reserveCapacity(end - first)
            for n in first..<end {
                guard var block = stored.rawEntries(of: n < storedConventions.count ? storedConventions[n].section : nil) else { return .damaged }
                block.reserveCapacity(counts[n] * 16)
                blocks.append(block)
            }
            forEachExtra { number, entry, _ in
                guard number >= first, number < end else { return }
                put64(UInt64(entry.offset), &blocks[number - first])
                put32(UInt32(truncatingIfNeeded: entry.length), &blocks[number - first])
                put32(UInt32(truncatingIfNeeded: entry.seq), &blocks[number - first])
            }
            for n in first..<end {
                let block = blocks[n - first]
                guard block.count == counts[n] * 16 else { return .damaged }
                checksums.append(checksum(block, from: 0, count: block.count))
                guard sink.write(block, at: positions[n]) else { return .failed }
            }
            first = end
        }

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

        // The id table, a range of buckets at a time: the extra lines' ids of the range, gathered
        // in one pass over them, each bucket sorted and merged with the base's.
        let shift = UInt64(64 - bucketBits)
        var bucketCounts = [Int](repeating: 0, count: bucketCount)
        forEachExtra { _, _, idHash in bucketCounts[Int(idHash >> shift)] += 1 }
        var buckets: [UInt8] = []
        buckets.reserveCapacity(bucketDirectorySize)
        var dataPosition = idPosition + bucketDirectorySize
        var written = 0
        var firstBucket = 0
        while firstBucket < bucketCount {
            var end = firstBucket + 1
            var lines = bucketCounts[firstBucket]
            while end < bucketCount, lines + bucketCounts[end] <= linesPerPass {
                lines += bucketCounts[end]
                end += 1
            }
            var extra: [[(hash: UInt64, offset: Int)]] = (firstBucket..<end).map { b in
                var pairs: [(hash: UInt64, offset: Int)] = []
                pairs.reserveCapacity(bucketCounts[b])
                return pairs
            }
            forEachExtra { _, entry, idHash in
                let b = Int(idHash >> shift)
                if b >= firstBucket && b < end { extra[b - firstBucket].append((idHash, entry.offset)) }
            }
            for b in firstBucket..<end {
                guard let storedPairs = stored.bucket(b) else { return .damaged }
                var pairs = extra[b - firstBucket]
                extra[b - firstBucket] = []
                pairs.sort(by: LogIndexStorage.precedes)
                var data: [UInt8] = []
                data.reserveCapacity((storedPairs.count + pairs.count) * 16)
                var i = 0
                var j = 0
                while i < storedPairs.count || j < pairs.count {
                    let pair: (hash: UInt64, offset: Int)
                    let takeStored = j == pairs.count || (i < storedPairs.count && LogIndexStorage.precedes(storedPairs[i], pairs[j]))
                    if takeStored {
                        pair = storedPairs[i]
                        i += 1
                    } else {
                        pair = pairs[j]
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
            firstBucket = end
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
}
