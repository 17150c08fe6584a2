/// One value per convention of a log, in order of first appearance: what a pass over a whole log
/// keeps for each convention (a digest, the offsets of its lines, its events).
struct ConventionGroups<Value> {
    /// The conventions, in order of first appearance.
    private(set) var conventions: [String] = []
    /// Their values, in the same order.
    private(set) var values: [Value] = []
    private var slots: [Key: Int] = [:]

    /// A convention id hashed once with FNV-1a (every line of a log is looked up: the standard
    /// hasher would hash the whole id with SipHash each time). Ids compare as `String`s
    /// (canonical equivalence): one that is not plain ASCII is hashed by the standard hasher, which
    /// agrees with that; an ASCII id is equivalent only to itself.
    private struct Key: Hashable {
        let id: String
        let hash: UInt64
        init(_ id: String) {
            self.id = id
            let fnv = ByteWords.fnv1a(id)
            hash = fnv.isASCII ? fnv.hash : UInt64(truncatingIfNeeded: id.hashValue)
        }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
        static func == (a: Key, b: Key) -> Bool { a.hash == b.hash && a.id == b.id }
    }

    /// Changes the value of `convention` with `update`, after making it with `make` the first time.
    mutating func update(_ convention: String, make: (String) -> Value, _ update: (inout Value) -> Void) {
        let key = Key(convention)
        if let slot = slots[key] {
            update(&values[slot])
        } else {
            slots[key] = values.count
            conventions.append(convention)
            var value = make(convention)
            update(&value)
            values.append(value)
        }
    }

    /// The conventions and values, leaving the groups empty (their lookup table is freed).
    mutating func take() -> (conventions: [String], values: [Value]) {
        defer { self = ConventionGroups() }
        return (conventions, values)
    }
}
