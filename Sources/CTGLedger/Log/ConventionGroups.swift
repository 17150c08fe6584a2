/// One value per convention of a log, in order of first appearance: what a pass over a whole log
/// keeps for each convention (a digest, the offsets of its lines, its events). Conventions are
/// told apart by their bytes (`ExactID`).
struct ConventionGroups<Value> {
    /// The conventions, in order of first appearance.
    private(set) var conventions: [String] = []
    /// Their values, in the same order.
    private(set) var values: [Value] = []
    /// The hash of each convention (`hash(_:)`), in the same order.
    private var hashes: [UInt64] = []
    /// An open-addressing table of the conventions' numbers plus one (0: an empty slot), placed by
    /// the top bits of their hashes, at most half full. Every line of a log is looked up here: the
    /// standard dictionary would hash each key again with SipHash.
    private var slots: [Int32] = []

    /// A convention id's hash, computed once per lookup (`ByteWords.wordHash`): ids compare by
    /// their bytes (`ExactID`), as the sidecar index files them.
    private static func hash(_ id: String) -> UInt64 { ByteWords.wordHash(id).hash }

    /// Changes the value of `convention` with `update`, after making it with `make` the first time.
    mutating func update(_ convention: String, make: (String) -> Value, _ update: (inout Value) -> Void) {
        let hash = Self.hash(convention)
        if (conventions.count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var position = Int(truncatingIfNeeded: hash >> 32) & mask
        while case let slot = slots[position], slot != 0 {
            let number = Int(slot) - 1
            if hashes[number] == hash, conventions[number].hasSameBytes(as: convention) {
                update(&values[number])
                return
            }
            position = (position + 1) & mask
        }
        slots[position] = Int32(conventions.count + 1)
        conventions.append(convention)
        hashes.append(hash)
        var value = make(convention)
        update(&value)
        values.append(value)
    }

    /// Doubles the table (or makes it) and places every convention again by its hash.
    private mutating func grow() {
        let size = max(64, slots.count * 2)
        slots = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for (number, hash) in hashes.enumerated() {
            var position = Int(truncatingIfNeeded: hash >> 32) & mask
            while slots[position] != 0 { position = (position + 1) & mask }
            slots[position] = Int32(number + 1)
        }
    }

    /// The conventions and values, leaving the groups empty (their lookup table is freed).
    mutating func take() -> (conventions: [String], values: [Value]) {
        defer { self = ConventionGroups() }
        return (conventions, values)
    }
}
