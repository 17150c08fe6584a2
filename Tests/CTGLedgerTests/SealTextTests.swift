import Testing

@testable import CTGLedger

/// `prev` and `hash` are kept as 32 bytes when they are 64 lowercase hex digits (issue 5): the
/// text reads back exactly as written, and two values are equal exactly when their texts are.
@Suite struct SealTextTests {
    static func randomHex(_ random: inout SplitMix64) -> String {
        String((0..<64).map { _ in "0123456789abcdef".randomElement(using: &random)! })
    }

    @Test func digitsParseAsTheGenericParser() {
        var random = SplitMix64(seed: 32)
        for _ in 0..<2_000 {
            let hex = Self.randomHex(&random)
            let fast = Array(hex.utf8).withUnsafeBytes { SHA256Digest(lowercaseHex: $0) }
            #expect(fast == SHA256Digest(hex: hex), "\(hex)")
            #expect(fast?.hex == hex)
        }
        // Every digit in every position.
        for digit in "0123456789abcdef" {
            for position in stride(from: 0, to: 64, by: 7) {
                var text = Array(repeating: Character("0"), count: 64)
                text[position] = digit
                let hex = String(text)
                #expect(Array(hex.utf8).withUnsafeBytes { SHA256Digest(lowercaseHex: $0) }?.hex == hex)
            }
        }
    }

    @Test func otherTextsAreKeptAsWritten() {
        let texts = [
            "", "abc", String(repeating: "A", count: 64), String(repeating: "0", count: 63), String(repeating: "0", count: 65),
            String(repeating: "g", count: 64), String(repeating: "0", count: 63) + "é", String(repeating: "0", count: 62) + "/:",
        ]
        for text in texts {
            let seal = SealText(text)
            #expect(!seal.isHex64, "\(text)")
            #expect(seal.description == text)
            #expect(Array(text.utf8).withUnsafeBytes { SealText(utf8: $0) } == seal)
            #expect(Array(text.utf8).withUnsafeBytes { SHA256Digest(lowercaseHex: $0) } == nil)
        }
    }

    @Test func equalExactlyWhenTheTextsAre() {
        var random = SplitMix64(seed: 64)
        let hex = Self.randomHex(&random)
        let other = Self.randomHex(&random)
        #expect(SealText(hex) == SealText(hex))
        #expect(SealText(hex).isHex64)
        #expect(SealText(hex) != SealText(other))
        #expect(SealText(hex) != SealText(hex.uppercased()))
        #expect(SealText(hex.uppercased()) == SealText(hex.uppercased()))
        #expect(SealText(String(repeating: "0", count: 64)) == SealText.zero)
        #expect(SealText(SHA256Digest(hex: hex)!) == SealText(hex))
    }

    /// Through an event: the members read back as written, whatever they hold.
    @Test func eventsGiveBackTheirMembers() throws {
        var random = SplitMix64(seed: 128)
        let hex = Self.randomHex(&random)
        for (prev, hash) in [(hex, String(repeating: "0", count: 64)), ("not a hash", hex.uppercased())] {
            let line =
                #"{"seq":1,"id":"a","convention":"c","type":"review.held","recorded":"2026-01-01T00:00:00Z","effective":"2026-01-01","data":{"kind":"copil","date":"2026-01-01"},"prev":"\#(prev)","hash":"\#(hash)"}"#
            let event = Array(line.utf8).withUnsafeBytes { Event.read(line: $0, number: 1, detail: .check) }
            #expect(event != nil)
            #expect(event?.prev == prev)
            #expect(event?.hash == hash)
        }
    }
}
