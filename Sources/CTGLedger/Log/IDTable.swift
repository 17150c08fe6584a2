#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The event ids read so far, each with where its first line is: what finds a repeated id, and the
/// event a correction targets, over a log of millions of lines (issue 5).
///
/// Reading a file, an id is kept as 12 bytes in flat open-addressing tables (64 of them, chosen by
/// the hash's first bits): the top 32 bits of its 64-bit hash (read alone while probing) and
/// the byte offset of its line. A match of those bits is confirmed by reading that line again
/// (`LineSource`) and comparing the real ids, so answers are exact: two ids whose hashes collide are
/// never taken for one. Without a file (events built in memory), ids are kept whole.
///
/// Either way ids are compared by their bytes (`ExactID`): a composed and a decomposed "é" make two ids.
struct IDTable {
    /// What is known of an id's first event.
    struct Known: Equatable {
        /// Its convention.
        var convention: String
        /// Its type.
        var type: EventType
        /// Its `seq`.
        var seq: Int
        /// The byte offset of its line (`nil` for events kept in memory).
        var offset: Int?
    }

    /// The hash of an id; replaceable so that tests can force collisions.
    var hash: @Sendable (String) -> UInt64 = IDTable.hashID
    /// Where lines are read back from; `nil`: ids are kept whole in `memory`.
    let source: LineSource?

    /// One part of the table, for the ids whose hash starts with its number: parts grow one at a
    /// time, so growing never holds two copies of the whole table.
    private struct Shard {
        /// The top 32 bits of each id's hash with the lowest set (`tag`); 0 marks an empty slot. The
        /// slot is chosen by the bits after the shard's, so growing needs no id; probes read only
        /// this array, four bytes a slot, and look at `offsets` only when a tag matches.
        var hashes: [UInt32] = []
        /// Each slot's line offset.
        var offsets: [UInt64] = []
        var shift: UInt32 = 32
        var count = 0
    }

    private static let shardBits: UInt32 = 6
    private var shards = [Shard](repeating: Shard(), count: 1 << Int(IDTable.shardBits))
    private var memory: [ExactID: Known] = [:]
    /// The number of ids held.
    private(set) var count = 0

    /// An empty table whose ids are confirmed by reading the lines of `source`, or kept whole when `nil`.
    init(source: LineSource?) {
        self.source = source
    }

    /// The 64-bit hash of an id (`ByteWords.wordHash`).
    @Sendable static func hashID(_ id: String) -> UInt64 { ByteWords.wordHash(id).hash }

    /// Records `event` (read at `offset`) unless its id is already held.
    ///
    /// - Returns: the first event with the same id, when there is one (then nothing is recorded).
    mutating func insert(_ event: Event, offset: Int) -> Known? {
        guard source != nil else {
            let id = ExactID(event.id)
            if let first = memory[id] { return first }
            memory[id] = Known(convention: event.convention, type: event.type, seq: event.seq)
            count += 1
            return nil
        }
        let top = Self.tag(hash(event.id))
        let s = Int(top >> (32 - IDTable.shardBits))
        if (shards[s].count + 1) * 4 > shards[s].hashes.count * 3 { grow(s) }
        let mask = shards[s].hashes.count - 1
        var position = Int((top << IDTable.shardBits) >> shards[s].shift)
        while case let held = shards[s].hashes[position], held != 0 {
            if held == top, let first = confirmed(event.id, at: shards[s].offsets[position]) { return first }
            position = (position + 1) & mask
        }
        shards[s].hashes[position] = top
        shards[s].offsets[position] = UInt64(offset)
        shards[s].count += 1
        count += 1
        return nil
    }

    /// The first event recorded with this id, if any.
    func first(_ id: String) -> Known? {
        guard source != nil else { return memory[ExactID(id)] }
        let top = Self.tag(hash(id))
        let shard = shards[Int(top >> (32 - IDTable.shardBits))]
        guard shard.count > 0 else { return nil }
        let mask = shard.hashes.count - 1
        var position = Int((top << IDTable.shardBits) >> shard.shift)
        while case let held = shard.hashes[position], held != 0 {
            if held == top, let first = confirmed(id, at: shard.offsets[position]) { return first }
            position = (position + 1) & mask
        }
        return nil
    }

    /// What a slot holds of a hash: its top 32 bits with the lowest set, so that no tag is 0 (an
    /// empty slot); inserts, lookups and growing all place an id by its tag.
    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash >> 32) | 1 }

    /// The event of the line at `offset`, when its id is `id`.
    private func confirmed(_ id: String, at line: UInt64) -> Known? {
        let offset = Int(line)
        guard let event = source?.event(at: offset), event.id.hasSameBytes(as: id) else { return nil }
        return Known(convention: event.convention, type: event.type, seq: event.seq, offset: offset)
    }

    /// Doubles one shard (or makes it); entries move by their stored hash bits alone.
    private mutating func grow(_ s: Int) {
        let old = shards[s]
        let size = max(64, old.hashes.count * 2)
        var shard = Shard()
        shard.shift = UInt32(32 - size.trailingZeroBitCount)
        shard.hashes = [UInt32](repeating: 0, count: size)
        shard.offsets = [UInt64](repeating: 0, count: size)
        shard.count = old.count
        shards[s] = Shard()
        let mask = size - 1
        for (top, offset) in zip(old.hashes, old.offsets) where top != 0 {
            var position = Int((top << IDTable.shardBits) >> shard.shift)
            while shard.hashes[position] != 0 { position = (position + 1) & mask }
            shard.hashes[position] = top
            shard.offsets[position] = offset
        }
        shards[s] = shard
    }
}
