/// One value per convention of a log, in order of first appearance: what a pass over a whole log
/// keeps for each convention (a digest, the offsets of its lines, its events).
struct ConventionGroups<Value> {
    /// The conventions, in order of first appearance.
    private(set) var conventions: [String] = []
    /// Their values, in the same order.
    private(set) var values: [Value] = []
    private var slots: [String: Int] = [:]

    /// Changes the value of `convention` with `update`, after making it with `make` the first time.
    mutating func update(_ convention: String, make: (String) -> Value, _ update: (inout Value) -> Void) {
        if let slot = slots[convention] {
            update(&values[slot])
        } else {
            slots[convention] = values.count
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
