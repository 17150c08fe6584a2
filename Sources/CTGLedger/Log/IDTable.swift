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
/// Reading a file, an id is kept as 12 bytes in a flat open-addressing table: the top 32 bits of
/// its 64-bit FNV-1a hash and the byte offset of its line. A match of those bits is confirmed by
/// reading that line again (`LineSource`) and comparing the real ids, so answers are exact: two ids
/// whose hashes collide are never taken for one. Without a file (events built in memory), ids are
/// kept whole.
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
    var hash: @Sendable (String) -> UInt64 = IDTable.fnv1a
    /// Where lines are read back from; `nil`: ids are kept whole in `memory`.
    let source: LineSource?
    /// The top 32 bits of each id's hash (the slot is chosen by the top bits, so growing needs no id).
    private var hashes: [UInt32] = []
    /// Each slot's line offset plus one; 0 marks an empty slot.
    private var offsets: [UInt64] = []
    private var shift: UInt32 = 32
    private var memory: [String: Known] = [:]
    /// The number of ids held.
    private(set) var count = 0

    /// An empty table whose ids are confirmed by reading the lines of `source`, or kept whole when `nil`.
    init(source: LineSource?) {
        self.source = source
    }

    /// The 64-bit FNV-1a hash of an id (the hash the sidecar index stores too).
    @Sendable static func fnv1a(_ id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// Records `event` (read at `offset`) unless its id is already held.
    ///
    /// - Returns: the first event with the same id, when there is one (then nothing is recorded).
    mutating func insert(_ event: Event, offset: Int) -> Known? {
        guard source != nil else {
            if let first = memory[event.id] { return first }
            memory[event.id] = Known(convention: event.convention, type: event.type, seq: event.seq)
            count += 1
            return nil
        }
        if (count + 1) * 4 > offsets.count * 3 { grow() }
        let top = UInt32(truncatingIfNeeded: hash(event.id) >> 32)
        var position = Int(top >> shift)
        let mask = offsets.count - 1
        while offsets[position] != 0 {
            if hashes[position] == top, let first = confirmed(event.id, at: position) { return first }
            position = (position + 1) & mask
        }
        hashes[position] = top
        offsets[position] = UInt64(offset) + 1
        count += 1
        return nil
    }

    /// The first event recorded with this id, if any.
    func first(_ id: String) -> Known? {
        guard source != nil else { return memory[id] }
        guard count > 0 else { return nil }
        let top = UInt32(truncatingIfNeeded: hash(id) >> 32)
        var position = Int(top >> shift)
        let mask = offsets.count - 1
        while offsets[position] != 0 {
            if hashes[position] == top, let first = confirmed(id, at: position) { return first }
            position = (position + 1) & mask
        }
        return nil
    }

    /// The event of the line a slot names, when its id is `id`.
    private func confirmed(_ id: String, at position: Int) -> Known? {
        let offset = Int(offsets[position] - 1)
        guard let event = source?.event(at: offset), event.id == id else { return nil }
        return Known(convention: event.convention, type: event.type, seq: event.seq, offset: offset)
    }

    /// Doubles the table (or makes the first one); entries move by their stored hash bits alone.
    private mutating func grow() {
        let oldHashes = hashes
        let oldOffsets = offsets
        let size = max(1024, oldOffsets.count * 2)
        shift = UInt32(32 - size.trailingZeroBitCount)
        hashes = [UInt32](repeating: 0, count: size)
        offsets = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        for (top, offset) in zip(oldHashes, oldOffsets) where offset != 0 {
            var position = Int(top >> shift)
            while offsets[position] != 0 { position = (position + 1) & mask }
            hashes[position] = top
            offsets[position] = offset
        }
    }
}
