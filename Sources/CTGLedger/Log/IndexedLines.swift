/// The lines added to a `LogIndex` in memory, in file order, 16 bytes each (issue 5): a full read
/// of a million-line log builds a million of them next to the scanner's id table.
///
/// Each line keeps its convention's number, its length and its id hash. Offsets and `seq`s are not
/// kept: lines follow each other (the next starts after the `\n` of the previous, with the next
/// `seq`), so they are counted from the last restart; a line that does not follow (never in a log
/// that passed the envelope checks) starts a restart. Lines are held in fixed-size chunks, so that
/// growing never copies (nor holds twice) what is already there.
struct IndexedLines {
    /// One line: its convention's number, its length without the `\n`, its id's FNV-1a hash.
    struct Line {
        var number: UInt32
        var length: UInt32
        var idHash: UInt64
    }

    private static let chunkSize = 1 << 16
    private var chunks: [[Line]] = []
    /// Where counting starts again: the line's index, its offset and its `seq`.
    private var restarts: [(index: Int, offset: Int, seq: Int)] = []
    private var nextOffset = 0
    private var nextSeq = 0
    /// The number of lines.
    private(set) var count = 0

    /// Adds a line at the end.
    mutating func append(number: Int, offset: Int, length: Int, seq: Int, idHash: UInt64) {
        if count == 0 || offset != nextOffset || seq != nextSeq { restarts.append((count, offset, seq)) }
        if count % IndexedLines.chunkSize == 0 {
            var chunk: [Line] = []
            chunk.reserveCapacity(IndexedLines.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(
            Line(number: UInt32(truncatingIfNeeded: number), length: UInt32(clamping: length), idHash: idHash))
        nextOffset = offset + length + 1
        nextSeq = seq + 1
        count += 1
    }

    /// Calls `body` with each line in file order: its index, convention number, entry and id hash.
    func forEach(_ body: (Int, Int, LogIndex.Entry, UInt64) -> Void) {
        var restart = 0
        var offset = 0
        var seq = 0
        var index = 0
        for chunk in chunks {
            for line in chunk {
                if restart < restarts.count, restarts[restart].index == index {
                    offset = restarts[restart].offset
                    seq = restarts[restart].seq
                    restart += 1
                }
                body(index, Int(line.number), LogIndex.Entry(offset: offset, length: Int(line.length), seq: seq), line.idHash)
                offset += Int(line.length) + 1
                seq += 1
                index += 1
            }
        }
    }
}
