import Testing

@testable import CTGLedger

/// The compact list of line places gives back what was appended.
@Suite struct OffsetListTests {
    @Test(arguments: [[], [0], [0, 0, 1], [5, 127, 128, 16_383, 16_384, 1 << 40, (1 << 62) + 3]])
    func roundTrip(offsets: [Int]) {
        var list = OffsetList()
        // Lengths of every size class, zero included, paired with the offsets.
        let places = offsets.enumerated().map { LinePlace(offset: $1, length: [0, 1, 127, 128, 70_000, 1 << 33][$0 % 6]) }
        for place in places { list.append(place) }
        #expect(Array(list) == places)
        #expect(list.count == offsets.count)
        #expect(list.isEmpty == offsets.isEmpty)
    }
}

/// A line read back at a known place is read whole, and refused when the file no longer has a
/// line there (a long pass must then not take other bytes for it).
@Suite struct LineReadBackTests {
    @Test func readsExactlyTheLineAndRefusesAMovedOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let lines = ["\u{FEFF}{\"a\":1}", "{\"b\":\"é\"}", "", String(repeating: "x", count: 10_000)]
        let log = try dir.write("log.jsonl", lines.joined(separator: "\n") + "\n")
        let source = try #require(LineSource(path: log))
        let reader = LineReadBack()
        var offset = 0
        for line in lines {
            let place = LinePlace(offset: offset, length: line.utf8.count)
            let read = try #require(reader.bytes(at: place, in: source))
            // The byte order mark of the file's first line is not part of it, as in every read.
            #expect(Array(read) == Array(line.utf8.dropFirst(offset == 0 ? 3 : 0)))
            #expect(Array(read) == Array(try #require(reader.bytes(at: offset, in: source))))
            offset += line.utf8.count + 1
        }
        // One byte short (its `\n` is not where it was), one byte long, past the end.
        #expect(reader.bytes(at: LinePlace(offset: 0, length: lines[0].utf8.count - 1), in: source) == nil)
        #expect(reader.bytes(at: LinePlace(offset: 0, length: lines[0].utf8.count + 1), in: source) == nil)
        #expect(reader.bytes(at: LinePlace(offset: offset - 1, length: 5), in: source) == nil)
        // Two lines taken for one: the first `\n` comes before the place's end.
        #expect(reader.bytes(at: LinePlace(offset: 0, length: lines[0].utf8.count + 1 + lines[1].utf8.count), in: source) == nil)
    }

    /// A registration read back for its status without its elements: the line with `[]` where the
    /// elements were, read in two parts; refused when the line no longer ends where it did or the
    /// gap does not lie inside it.
    @Test func readsARegistrationWithoutItsElements() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let registration = try #require(DecodeDetailTests.lines.first { String(decoding: $0, as: UTF8.self).contains("\"elements\":[{") })
        let other = Array("{\"a\":1}".utf8)
        let log = try dir.write("log.jsonl", String(decoding: other + [0x0A] + registration + [0x0A], as: UTF8.self))
        let source = try #require(LineSource(path: log))
        let reader = LineReadBack()
        let envelope = try #require(registration.withUnsafeBytes { FastLineCheck.check($0) })
        let gap = try #require(envelope.elements)
        let place = LinePlace(offset: other.count + 1, length: registration.count)
        let read = Array(try #require(reader.bytes(at: place, in: source, emptyArrayAt: gap)))
        #expect(read == Array(registration[..<gap.lowerBound]) + Array("[]".utf8) + Array(registration[gap.upperBound...]))
        // What a status reads of it is what it reads of the whole line.
        let whole = try #require(source.event(at: place, leavingOut: nil, detail: .status, reader: reader))
        let part = try #require(source.event(at: place, leavingOut: gap, detail: .status, reader: reader))
        #expect(part.payload == whole.payload)
        #expect(part.id == whole.id && part.seq == whole.seq && part.convention == whole.convention)
        // A place one byte short, a gap past the line's end, a gap at its first byte.
        #expect(reader.bytes(at: LinePlace(offset: place.offset, length: place.length - 1), in: source, emptyArrayAt: gap) == nil)
        #expect(reader.bytes(at: place, in: source, emptyArrayAt: gap.lowerBound..<(place.length + 1)) == nil)
        #expect(reader.bytes(at: place, in: source, emptyArrayAt: 0..<gap.upperBound) == nil)
    }
}
