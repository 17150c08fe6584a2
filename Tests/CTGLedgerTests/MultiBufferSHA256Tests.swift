import Testing

@testable import CTGLedger

/// The multi-buffer hasher against the scalar `SHA256` (itself checked against FIPS 180-4 in
/// `SHA256Tests`): every digest must be the same, whatever the lengths and however the messages
/// are grouped into calls.
@Suite struct MultiBufferSHA256Tests {
    /// Hashes `messages` through the public pointer API, as slices of one shared buffer placed at
    /// an odd offset (like the lines of a chunk).
    private static func hashInPlace(_ messages: [[UInt8]]) -> [SHA256Digest] {
        var joined: [UInt8] = [0x5A]
        var ranges: [Range<Int>] = []
        for message in messages {
            ranges.append(joined.count..<(joined.count + message.count))
            joined += message
            joined.append(0x0A)
        }
        return joined.withUnsafeBytes { bytes in
            let buffers = ranges.map { UnsafeRawBufferPointer(rebasing: bytes[$0]) }
            return [SHA256Digest](unsafeUninitializedCapacity: messages.count) { digests, initialized in
                buffers.withUnsafeBufferPointer { MultiBufferSHA256.hash($0, into: digests.baseAddress!) }
                initialized = messages.count
            }
        }
    }

    /// Checks one group of messages every way the hasher can take it against the scalar digests.
    private static func expectSameAsScalar(_ messages: [[UInt8]], sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = messages.map { SHA256.hash($0) }
        #expect(MultiBufferSHA256.hash(messages) == expected, sourceLocation: sourceLocation)
        #expect(MultiBufferSHA256.hash(messages, scalarLast: false) == expected, sourceLocation: sourceLocation)
        #expect(hashInPlace(messages) == expected, sourceLocation: sourceLocation)
    }

    private static func randomBytes(_ count: Int, using random: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    /// FIPS 180-4 / NIST known answers and the padding boundaries of `SHA256Tests`, all in one
    /// group (so in lanes side by side), then each alone.
    @Test func knownAnswers() {
        let vectors: [(String, String)] =
            SHA256Tests.fipsVectors + [
                (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
                (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
                (String(repeating: "a", count: 63), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
                (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
                (String(repeating: "a", count: 65), "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
            ]
        let messages = vectors.map { Array($0.0.utf8) }
        let expected = vectors.map(\.1)
        #expect(MultiBufferSHA256.hash(messages).map(\.hex) == expected)
        #expect(MultiBufferSHA256.hash(messages, scalarLast: false).map(\.hex) == expected)
        #expect(Self.hashInPlace(messages).map(\.hex) == expected)
        #expect(MultiBufferSHA256.hash(messages.reversed()).map(\.hex) == expected.reversed())
        for (message, digest) in zip(messages, expected) {
            #expect(MultiBufferSHA256.hash([message]).map(\.hex) == [digest])
            #expect(MultiBufferSHA256.hash([message], scalarLast: false).map(\.hex) == [digest])
        }
    }

    /// One million "a" (FIPS 180-4), hashed in a lane while short messages come and go in the others.
    @Test func oneMillionAInALane() {
        let long = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        let messages = [Array("abc".utf8), long] + (0..<20).map { [UInt8](repeating: UInt8($0), count: 100 * $0) }
        let digests = MultiBufferSHA256.hash(messages, scalarLast: false)
        #expect(digests[1].hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(digests == messages.map { SHA256.hash($0) })
    }

    /// Every length from 0 to 300 (the padding boundaries 55/56/64 and their multiples of 64), and
    /// every length from 1 960 to 2 000, in one group, in reverse, and one length per group of four.
    @Test func everyLengthAroundThePaddingBoundaries() {
        var random = SplitMix64(seed: 56)
        let messages = Array(0...300).map { Self.randomBytes($0, using: &random) } + Array(1960...2000).map { Self.randomBytes($0, using: &random) }
        Self.expectSameAsScalar(messages)
        Self.expectSameAsScalar(messages.reversed())
        for length in [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1975, 1976, 1984, 1985] {
            // Four lanes with the same length finish together; with one more, the fifth waits for a lane.
            let same = (0..<5).map { _ in Self.randomBytes(length, using: &random) }
            Self.expectSameAsScalar(Array(same.prefix(4)))
            Self.expectSameAsScalar(same)
        }
    }

    /// Random messages of 0 to 2 000 bytes, in random groups of 0 to 13 messages (and now and then 60).
    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func randomMessagesInRandomGroups(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var remaining = 160
        while remaining > 0 {
            let size = min(remaining, Int.random(in: 0...10, using: &random) == 0 ? 60 : Int.random(in: 0...13, using: &random))
            remaining -= max(size, 1)
            let messages = (0..<size).map { _ in
                // Mostly any length; a quarter of them just around a padding boundary.
                let length =
                    Bool.random(using: &random) || Bool.random(using: &random)
                    ? Int.random(in: 0...2000, using: &random)
                    : 64 * Int.random(in: 0...30, using: &random) + Int.random(in: 53...66, using: &random)
                return Self.randomBytes(length, using: &random)
            }
            Self.expectSameAsScalar(messages)
        }
    }

    @Test func noMessages() {
        #expect(MultiBufferSHA256.hash([]).isEmpty)
        #expect(MultiBufferSHA256.hash([], scalarLast: false).isEmpty)
        [UnsafeRawBufferPointer]().withUnsafeBufferPointer { MultiBufferSHA256.hash($0, into: UnsafeMutablePointer(bitPattern: 8)!) }
    }
}
