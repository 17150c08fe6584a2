import Testing

@testable import CTGLedger

/// A full pass groups lines by convention as `String`s compare them.
@Suite struct ConventionGroupsTests {
    @Test func idsGroupAsStringsCompare() {
        var groups = ConventionGroups<Int>()
        let composed = "ctg-vallée"
        let decomposed = "ctg-valle\u{301}e"
        #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
        for id in [composed, "ctg-a", decomposed, "ctg-b", "ctg-a", composed] {
            groups.update(id, make: { _ in 0 }) { $0 += 1 }
        }
        #expect(groups.conventions == [composed, "ctg-a", "ctg-b"])
        #expect(groups.values == [3, 2, 1])
    }
}
