import Testing

@testable import CTGLedger

/// A full pass groups lines by convention, comparing convention ids by their exact UTF-8 bytes.
@Suite struct ConventionGroupsTests {
    /// A composed and a decomposed "é" are two conventions (as the sidecar index files them).
    @Test func idsGroupByTheirBytes() {
        var groups = ConventionGroups<Int>()
        let composed = "ctg-vall\u{E9}e"
        let decomposed = "ctg-valle\u{301}e"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        for id in [composed, "ctg-a", decomposed, "ctg-b", "ctg-a", composed] {
            groups.update(id, make: { _ in 0 }) { $0 += 1 }
        }
        #expect(groups.conventions.map { Array($0.utf8) } == [composed, "ctg-a", decomposed, "ctg-b"].map { Array($0.utf8) })
        #expect(groups.values == [2, 2, 1, 1])
    }

    /// Many conventions (the table grows many times), each looked up again: every one keeps its own
    /// value and its order of first appearance, as a dictionary would.
    @Test func manyConventionsKeepTheirValuesInOrder() {
        var groups = ConventionGroups<Int>()
        var expected: [String: Int] = [:]
        var order: [String] = []
        var random = SplitMix64(seed: 1500)
        for _ in 0..<20_000 {
            let id = "ctg-\(Int.random(in: 0..<3_000, using: &random))-2026"
            if expected[id] == nil { order.append(id) }
            expected[id, default: 0] += 1
            groups.update(id, make: { _ in 0 }) { $0 += 1 }
        }
        #expect(groups.conventions == order)
        #expect(groups.values == order.map { expected[$0]! })
    }

    /// The word-at-a-time hash reads every byte (in whole words and in the tail), tells ASCII
    /// apart, and mixes in the length.
    @Test func wordHashReadsEveryByte() {
        for length in 1...40 {
            let base = String(repeating: "a", count: length)
            let hash = ByteWords.wordHash(base)
            #expect(hash.isASCII)
            for position in 0..<length {
                var bytes = Array(base.utf8)
                bytes[position] = UInt8(ascii: "b")
                #expect(ByteWords.wordHash(String(decoding: bytes, as: UTF8.self)).hash != hash.hash, "\(length) \(position)")
                bytes[position] = 0xC3
                bytes.insert(0xA9, at: position + 1)
                #expect(!ByteWords.wordHash(String(decoding: bytes, as: UTF8.self)).isASCII, "\(length) \(position)")
            }
            #expect(ByteWords.wordHash(base + "\u{0}").hash != hash.hash)
        }
        #expect(ByteWords.wordHash("").isASCII)
    }
}
