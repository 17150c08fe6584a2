// Interleaves the conventions of many territories in recorded-time order, the
// way a national register receives them, and writes exactly N events.

/// A min-heap entry: a territory waiting for its next convention, or a convention with events left.
private enum Pending {
    case territory(index: Int, generation: Int, start: Int, settled: Int)
    case convention(Convention)
}

private struct Entry {
    let time: Int64
    let order: Int
    let item: Pending
}

/// Binary min-heap ordered by (time, order); `order` is a unique insertion number, so ties are deterministic.
private struct Heap {
    private var items: [Entry] = []

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }

    private static func less(_ a: Entry, _ b: Entry) -> Bool {
        a.time != b.time ? a.time < b.time : a.order < b.order
    }

    mutating func push(_ entry: Entry) {
        items.append(entry)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if !Heap.less(items[i], items[parent]) { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Entry {
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count, Heap.less(items[l], items[m]) { m = l }
                if r < items.count, Heap.less(items[r], items[m]) { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}

struct GeneratorOptions {
    var events = 0
    var seed: UInt64 = 1
    var output: String?
    var sealed = true
    var territories: Int?
}

struct GeneratorStats {
    var events = 0
    var bytes = 0
    var conventions = 0
    var territories = 0
    var firstRecorded: Int64 = 0
    var lastRecorded: Int64 = 0
    var maxOpenConventions = 0
}

struct Generator {
    let options: GeneratorOptions

    /// Territories in the register: enough that about three successive conventions each fill
    /// N events (a convention averages some 110 events, so 1M events span roughly 2015-2031),
    /// capped to bound memory (beyond about 1.6M events, the timeline grows instead).
    static let maxTerritories = 5_000

    static func territoryCount(events: Int) -> Int {
        max(4, min(maxTerritories, events / 330))
    }

    func run(sink: Sink) -> GeneratorStats {
        let seed = options.seed
        let factory = TerritoryFactory(seed: seed)
        let territoryCount = min(options.territories ?? Generator.territoryCount(events: options.events), factory.capacity)
        var stats = GeneratorStats()
        stats.territories = territoryCount

        var heap = Heap()
        var order = 0
        var territories: [Int: Territory] = [:]
        var slugs = Set<String>()
        var openConventions = 0

        func registration(_ index: Int, _ generation: Int, start: Int) -> (settled: Int, at: Int64) {
            var rng = SplitMix64(seed: deriveSeed(seed, 0x5C4E, UInt64(index), UInt64(generation)))
            let settled = Days.workday(start - rng.int(45...150))
            let at = Int64(settled + rng.int(0...6)) * 86_400 + 8 * 3600 + Int64(rng.int(11 * 3600))
            return (settled, at)
        }
        func schedule(_ index: Int, _ generation: Int, start: Int) {
            let (settled, at) = registration(index, generation, start: start)
            heap.push(
                Entry(
                    time: at, order: order, item: .territory(index: index, generation: generation, start: start, settled: settled)))
            order += 1
        }

        for index in 0..<territoryCount {
            var rng = SplitMix64(seed: deriveSeed(seed, 0x1A17, UInt64(index)))
            let year = 2016 + rng.int(0...4)
            let month = [1, 7, 4, 9][rng.weighted([80, 8, 7, 5])]
            schedule(index, 0, start: Days.of(year, month, 1))
        }

        var line = JSONBytes(capacity: 1 << 20)
        var prev = String(repeating: "0", count: 64)
        var seq = 0
        while seq < options.events, !heap.isEmpty {
            let entry = heap.pop()
            switch entry.item {
            case .territory(let index, let generation, let start, let settled):
                let territory: Territory
                if let known = territories[index] {
                    territory = known
                } else {
                    territory = factory.territory(index)
                    territories[index] = territory
                    precondition(slugs.insert(territory.slug).inserted, "duplicate territory \(territory.slug)")
                }
                let conv = Planner.plan(
                    territory: territory, generation: generation, serial: stats.conventions, start: start,
                    settled: settled, registeredAt: entry.time, seed: seed)
                stats.conventions += 1
                openConventions += 1
                stats.maxOpenConventions = max(stats.maxOpenConventions, openConventions)
                precondition(conv.stubs[0].recorded == entry.time && conv.stubs[0].type == .registered)
                heap.push(Entry(time: entry.time, order: order, item: .convention(conv)))
                order += 1
                schedule(index, generation + 1, start: conv.nextStart)

            case .convention(let conv):
                // Write this convention's events while it stays the earliest.
                let stub = conv.stubs[conv.cursor]
                conv.cursor += 1
                seq += 1
                line.reset()
                Renderer.event(conv, stub, seq: seq, into: &line)
                if stub.type == .registered {
                    // Avenants carry their own copies of the elements they add or replace.
                    conv.elements = []
                }
                precondition(stub.recorded >= stats.lastRecorded, "recorded must not decrease")
                if options.sealed {
                    line.raw(",\"prev\":\"")
                    line.bytes.append(contentsOf: prev.utf8)
                    line.raw("\"")
                    prev = line.bytes.withUnsafeBytes { sealHash($0) }
                    line.raw(",\"hash\":\"")
                    line.bytes.append(contentsOf: prev.utf8)
                    line.raw("\"}\n")
                } else {
                    line.raw("}\n")
                }
                sink.write(line.bytes)
                stats.bytes += line.bytes.count
                if seq == 1 { stats.firstRecorded = stub.recorded }
                stats.lastRecorded = stub.recorded
                if conv.cursor < conv.stubs.count {
                    heap.push(Entry(time: conv.stubs[conv.cursor].recorded, order: order, item: .convention(conv)))
                    order += 1
                } else {
                    openConventions -= 1
                }
            }
        }
        stats.events = seq
        return stats
    }
}
