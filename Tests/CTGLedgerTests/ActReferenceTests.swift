import Testing

@testable import CTGLedger

/// `act` members (`convention`, `avenant:N`, `deliberation:<id>`) are parsed from a line's bytes
/// when written as plain ASCII (issue 5): the byte parsers must accept and refuse exactly what the
/// `String` parsers do, and give the same act.
@Suite struct ActReferenceTests {
    /// Texts at the edges of the grammar: signs, leading zeros, overflow, empty parts, near misses.
    static let edges = [
        "convention", "Convention", "convention ", "conventio", "conventions", "avenant:1", "avenant:12", "avenant:0", "avenant:01",
        "avenant:+1", "avenant:-1", "avenant:", "avenant", "avenant:1a", "avenant: 1", "avenant:9223372036854775807",
        "avenant:9223372036854775808", "avenant:99999999999999999999", "Avenant:2", "deliberation:", "deliberation:x",
        "deliberation:cc-2025-01", "deliberation:deliberation:1", "deliberation", "Deliberation:x", "deliberation :x", "",
        "avenant:1:2", "convention:1",
    ]

    static func both<T: Equatable>(_ text: String, _ ascii: (UnsafeRawBufferPointer) -> T?, _ string: (String) -> T?) -> (T?, T?) {
        var bytes = Array(text.utf8)
        return (bytes.withUnsafeMutableBytes { ascii(UnsafeRawBufferPointer($0)) }, string(text))
    }

    @Test func edgesParseAsTheirStrings() {
        for text in Self.edges {
            let act = Self.both(text, { ActReference(ascii: $0) }, { ActReference($0) })
            #expect(act.0 == act.1, "ActReference \"\(text)\"")
            let transmitted = Self.both(text, { TransmittedAct(ascii: $0) }, { TransmittedAct($0) })
            #expect(transmitted.0 == transmitted.1, "TransmittedAct \"\(text)\"")
        }
        #expect(ActReference(ascii: UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
    }

    /// Random printable ASCII texts: a prefix of the grammar, then its pieces or any character.
    @Test func randomTextsParseAsTheirStrings() {
        var random = SplitMix64(seed: 641)
        let pieces = ["convention", "avenant:", "0", "1", "9", "12", "7", "3", ":", "-", "+", " ", "a", "x-1", "99999999999"]
        var accepted = 0
        for _ in 0..<20_000 {
            var text = ["convention", "avenant:", "deliberation:", ""].randomElement(using: &random)!
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                text +=
                    Bool.random(using: &random)
                    ? pieces.randomElement(using: &random)!
                    : String(UnicodeScalar(UInt8.random(in: 0x20...0x7E, using: &random)))
            }
            let act = Self.both(text, { ActReference(ascii: $0) }, { ActReference($0) })
            #expect(act.0 == act.1, "ActReference \"\(text)\"")
            let transmitted = Self.both(text, { TransmittedAct(ascii: $0) }, { TransmittedAct($0) })
            #expect(transmitted.0 == transmitted.1, "TransmittedAct \"\(text)\"")
            if transmitted.1 != nil { accepted += 1 }
        }
        // The texts reach both sides of the grammar.
        #expect(accepted > 1_000 && accepted < 19_000)
    }

    /// Through the decoder: a plain member, the same member written with escapes (read through its
    /// `String`), and a bad one named with its value.
    @Test func decodedFromALine() throws {
        func act(_ json: String) throws(LedgerError) -> TransmittedAct {
            let bytes = Array(json.utf8)
            let result: Result<TransmittedAct, LedgerError> = try! bytes.withUnsafeBytes { buffer in
                try JSONTape.withRoot(buffer) { (root: JSONNode) throws(LedgerError) in
                    try TransmittedAct.decode(FieldReader(object: root, path: MemberPath("")), "act")
                }
            }
            return try result.get()
        }
        #expect(try act(#"{"act":"avenant:3"}"#) == .act(.avenant(3)))
        #expect(try act(#"{"act":"avenant\u003a3"}"#) == .act(.avenant(3)))
        #expect(try act(#"{"act":"deliberation:cc-1"}"#) == .deliberation("cc-1"))
        #expect(try act(#"{"act":"deliberation:cc-é"}"#) == .deliberation("cc-é"))
        #expect(throws: LedgerError.self) { try act(#"{"act":"avenant:03"}"#) }
        do {
            _ = try act(#"{"act":"avenant:0"}"#)
            Issue.record("avenant:0 was accepted")
        } catch {
            #expect(error.member == "act")
            #expect(error.message.contains("\"avenant:0\""))
        }
    }
}
