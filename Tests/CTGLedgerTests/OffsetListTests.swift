import Testing

@testable import CTGLedger

/// The compact list of line offsets gives back what was appended.
@Suite struct OffsetListTests {
    @Test(arguments: [[], [0], [0, 0, 1], [5, 127, 128, 16_383, 16_384, 1 << 40, (1 << 62) + 3]])
    func roundTrip(offsets: [Int]) {
        var list = OffsetList()
        for offset in offsets { list.append(offset) }
        #expect(Array(list) == offsets)
        #expect(list.count == offsets.count)
        #expect(list.isEmpty == offsets.isEmpty)
    }
}
