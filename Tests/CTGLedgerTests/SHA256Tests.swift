import Testing

@testable import CTGLedger

/// Deterministic SplitMix64 generator, so failures reproduce.
@Suite struct SHA256Tests {
    /// FIPS 180-4 / NIST CAVP (SHAVS) published known answers (the multi-buffer hasher's tests use them too).
    static let fipsVectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ]

    /// FIPS 180-4 / NIST CAVP (SHAVS) published known answers.
    @Test(arguments: fipsVectors)
    func knownAnswers(message: String, expected: String) {
        #expect(SHA256.hash(Array(message.utf8)).hex == expected)
        #expect(SHA256.hash(message.utf8).hex == expected)
    }

    @Test func oneMillionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hash(message).hex == expected)
        var hasher = SHA256()
        for _ in 0..<10_000 {
            hasher.update(message[0..<100])
        }
        #expect(hasher.finalize().hex == expected)
    }

    /// Padding boundaries: n times "a"; expected values from Python's hashlib.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
    ])
    func paddingBoundaries(length: Int, expected: String) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        #expect(SHA256.hash(message).hex == expected)
        message.withUnsafeBytes { #expect(SHA256.hash(bytes: $0).hex == expected) }
        // Byte by byte, through the non-contiguous path.
        var hasher = SHA256()
        for byte in message {
            hasher.update(CollectionOfOne(byte))
        }
        #expect(hasher.finalize().hex == expected)
        #expect(SHA256.hash(message.lazy.map { $0 }).hex == expected)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func chunkedEqualsWhole(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let length = Int.random(in: 0...5_000, using: &random)
        let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
        let whole = SHA256.hash(data)

        var hasher = SHA256()
        var start = 0
        while start < length {
            let end = min(length, start + Int.random(in: 0...200, using: &random))
            if Bool.random(using: &random) {
                hasher.update(data[start..<end])
            } else {
                data[start..<end].withUnsafeBytes { hasher.update(bytes: $0) }
            }
            start = end
        }
        #expect(hasher.finalize() == whole)
        // The sequence path with a non-contiguous sequence.
        #expect(SHA256.hash(AnySequence(data)) == whole)
    }

    @Test func finalizeLeavesHasherUsable() {
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        let first = hasher.finalize()
        #expect(hasher.finalize() == first)
        #expect(first == SHA256.hash(Array("ab".utf8)))
        hasher.update(Array("c".utf8))
        #expect(hasher.finalize().hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hexRoundTrip() throws {
        let digest = SHA256.hash(Array("abc".utf8))
        #expect(digest.description == digest.hex)
        #expect(digest.hex.count == 64)
        #expect(try #require(SHA256Digest(hex: digest.hex)) == digest)
        #expect(SHA256Digest(hex: digest.hex.uppercased()) == digest)
        #expect(SHA256Digest(hex: digest.hex[...]) == digest)
        #expect(digest.bytes.count == 32)
        #expect(Array(digest.bytes.prefix(4)) == [0xba, 0x78, 0x16, 0xbf])
        #expect(digest.bytes.last == 0xad)
        #expect(SHA256Digest.zero.hex == String(repeating: "0", count: 64))
        #expect(SHA256Digest.zero.bytes == [UInt8](repeating: 0, count: 32))
        #expect(SHA256Digest(hex: String(repeating: "0", count: 64)) == .zero)
        #expect(digest != .zero)
    }

    @Test(arguments: [
        String(repeating: "a", count: 63),
        String(repeating: "a", count: 65),
        "",
        String(repeating: "a", count: 63) + "g",
        String(repeating: "a", count: 63) + " ",
        " " + String(repeating: "a", count: 63),
        String(repeating: "a", count: 62) + "é",
        "0x" + String(repeating: "a", count: 62),
    ])
    func rejectsInvalidHex(text: String) {
        #expect(SHA256Digest(hex: text) == nil)
    }
}
