import Foundation
import Testing

@testable import CTGLedger

/// The fast paths that read a line without a tape (`FastLineCheck` for the passes that read only
/// envelopes, with the data checked or skipped over, `FastLineDecode` for the lines read back
/// without texts or for a status) say either
/// nothing or exactly what the decoders say: never a line the decoders refuse, never another value.
/// And on the lines `ctg` writes they do say something: otherwise they would only cost time.
@Suite struct FastPathTests {
    // MARK: The references: the decoders on a tape

    /// The decoders' verdict on a line at `DecodeDetail.check` (or `.envelope`, which skips the
    /// data): its event and whether `hash` is last.
    private static func checked(_ line: [UInt8], _ detail: DecodeDetail = .check) -> (event: Event, hashIsLast: Bool)? {
        line.withUnsafeBytes { bytes in
            let raw = RawLine(number: 1, offset: 0, bytes: bytes, terminated: true)
            let decoded = LogScanner.decode(raw, tape: JSONTape(), hashing: false, decoding: LineDecoding(keepsLines: false, detail: detail))
            guard case .event(let event, let hashIsLast) = decoded.outcome else { return nil }
            return (event, hashIsLast)
        }
    }

    /// The decoders' event for a line at `detail`, without the fast path.
    private static func decoded(_ line: [UInt8], _ detail: DecodeDetail) -> Event? {
        line.withUnsafeBytes { Event.read(line: $0, number: 7, keepingLine: false, detail: detail, fast: false) }
    }

    /// What two events hold, member by member, as text (an event is not `Equatable`).
    private static func describe(_ event: Event) -> String {
        "\(event.seq) \(event.id) \(event.convention) \(event.type) \(event.recorded) \(event.effective) v\(event.version) "
            + "\(event.line) \(String(describing: event.prevSeal)) \(String(describing: event.hashSeal)) \(event.object)"
    }

    // MARK: Agreement

    /// `FastLineCheck` on `line` (`check`, or `checkEnvelope` when `detail` is `.envelope`): `nil`,
    /// or the envelope the decoders read at `detail`. Returns whether it answered.
    @discardableResult
    private static func checkAgrees(_ line: [UInt8], _ comment: Comment? = nil, _ detail: DecodeDetail = .check) -> Bool {
        let fast = line.withUnsafeBytes { detail == .envelope ? FastLineCheck.checkEnvelope($0) : FastLineCheck.check($0) }
        guard let envelope = fast else { return false }
        guard let reference = checked(line, detail) else {
            Issue.record("the fast check accepts a line the decoders refuse: \(String(decoding: line, as: UTF8.self)) \(comment ?? "")")
            return true
        }
        let event = reference.event
        let text = { (range: Range<Int>) in String(decoding: line[range], as: UTF8.self) }
        #expect(envelope.seq == event.seq, "\(comment ?? "")")
        #expect(text(envelope.id) == event.id)
        #expect(text(envelope.convention) == event.convention)
        #expect(envelope.type == event.type)
        #expect(envelope.recorded == event.recorded)
        #expect(envelope.effective == event.effective)
        #expect(event.version == 1)
        #expect(envelope.prev == event.prevSeal)
        #expect(envelope.hash == event.hashSeal)
        #expect(envelope.hashIsLastMember == reference.hashIsLast)
        return true
    }

    /// `FastLineDecode` on `line` at `detail`: `nil`, or the event the decoders build. Returns whether it answered.
    @discardableResult
    private static func decodeAgrees(_ line: [UInt8], _ detail: DecodeDetail, _ comment: Comment? = nil) -> Bool {
        guard let fast = line.withUnsafeBytes({ FastLineDecode.event($0, number: 7, detail: detail, keepingLine: false) }) else { return false }
        guard let reference = decoded(line, detail) else {
            Issue.record("the fast decoder builds a line the decoders refuse: \(String(decoding: line, as: UTF8.self)) \(comment ?? "")")
            return true
        }
        #expect(describe(fast) == describe(reference), "\(comment ?? "")")
        #expect(fast.payload == reference.payload, "\(String(decoding: line, as: UTF8.self)) \(comment ?? "")")
        return true
    }

    // MARK: The lines ctg writes

    @Test func everyRealLineIsCheckedFastAndAlike() {
        #expect(DecodeDetailTests.lines.count > 500)
        var unsure = 0
        for line in DecodeDetailTests.lines where !Self.checkAgrees(line) || !Self.checkAgrees(line, nil, .envelope) { unsure += 1 }
        #expect(unsure == 0, "lines the fast check left to the decoders")
    }

    @Test(arguments: [DecodeDetail.withoutTexts, .status])
    func everyRealLineIsBuiltFastAndAlike(detail: DecodeDetail) {
        var unsure = 0
        for line in DecodeDetailTests.lines where !Self.decodeAgrees(line, detail) {
            // Corrections and annulments are left to the decoders.
            let type = Self.checked(line)?.event.type
            if type != .eventCorrected && type != .stipulationAnnulled { unsure += 1 }
        }
        #expect(unsure == 0, "lines the fast decoder left to the decoders")
    }

    // MARK: Damaged lines

    /// Every line of the corpus with a member anywhere (in `data` or the envelope) removed or given
    /// a value of another type or form: the fast paths agree or stay silent, and the damage is
    /// mostly refused (the comparison is not only between well-formed lines).
    @Test func damagedLinesAreJudgedAlike() throws {
        var random = SplitMix64(seed: 17)
        let replacements: [JSONValue] = [
            .null, .number("5"), .number("-1"), .number("0"), .number("1.5"), .number("1e2"), .number("12345678901234567890"), .string(""),
            .string("x"), .string("2025-02-30"), .string("2025-01-01"), .string("convention"), .string("avenant:0"), .string("123456789"),
            .array([.number("1")]), .array([]), .object(JSONObject()), .bool(true),
        ]
        var refused = 0
        var answered = 0
        for line in DecodeDetailTests.lines {
            guard case .object(let event) = try JSONParser.parse(line) else { continue }
            var paths: [[DecodeDetailTests.PathStep]] = []
            DecodeDetailTests.collectPaths(.object(event), [], into: &paths)
            for _ in 0..<6 {
                guard let path = paths.randomElement(using: &random) else { continue }
                var damaged = JSONValue.object(event)
                let replacement = Bool.random(using: &random) ? nil : replacements.randomElement(using: &random)
                DecodeDetailTests.replace(&damaged, at: path[...], with: replacement)
                var bytes: [UInt8] = []
                JSONWriter.write(damaged, into: &bytes)
                if Self.checked(bytes) == nil { refused += 1 }
                if Self.checkAgrees(bytes, "damaged at \(path)") { answered += 1 }
                Self.checkAgrees(bytes, "damaged at \(path)", .envelope)
                Self.decodeAgrees(bytes, .withoutTexts, "damaged at \(path)")
                Self.decodeAgrees(bytes, .status, "damaged at \(path)")
            }
        }
        #expect(refused > DecodeDetailTests.lines.count)
        #expect(answered > DecodeDetailTests.lines.count)
    }

    /// Lines made from a real one by replacing part of its text: each edge of the JSON grammar and
    /// of the contract the fast paths must not get wrong.
    @Test(arguments: FastPathTests.edits)
    func editedLinesAreJudgedAlike(edit: Edit) throws {
        var lines = 0
        for line in DecodeDetailTests.lines {
            let text = String(decoding: line, as: UTF8.self)
            guard text.contains(edit.from) else { continue }
            let edited = Array(text.replacingOccurrences(of: edit.from, with: edit.to).utf8)
            Self.checkAgrees(edited, "\(edit)")
            Self.checkAgrees(edited, "\(edit)", .envelope)
            Self.decodeAgrees(edited, .withoutTexts, "\(edit)")
            Self.decodeAgrees(edited, .status, "\(edit)")
            lines += 1
            if lines == 40 { break }
        }
        #expect(lines > 0, "no line holds \(edit.from)")
    }

    /// A replacement of `from` by `to` in a line's text.
    struct Edit: CustomTestStringConvertible, Sendable {
        let from: String
        let to: String
        var testDescription: String { "\(from) → \(to)" }
    }

    static let edits: [Edit] = [
        // The JSON grammar.
        Edit(from: #""seq":"#, to: #" "seq" : "#), Edit(from: #"","#, to: #"" , "#), Edit(from: #"":"#, to: "\":\t"),
        Edit(from: #"{"seq":"#, to: #"{"seq":1,"seq":"#), Edit(from: #""id":"#, to: #""i\u0064":"#), Edit(from: #""id":"#, to: #""\u0069d":"#),
        Edit(from: #""data":{"#, to: #""data":{"x":1,"x":2,"#), Edit(from: #""data":{"#, to: #""data":{"é":1,"#),
        Edit(from: #""data":{"#, to: #""data":{"\u00e9":[1,{"a":null}],"#), Edit(from: #""data":{"#, to: #""data":{"n":-0,"#),
        Edit(from: #""data":{"#, to: #""data":{"n":01,"#), Edit(from: #""data":{"#, to: #""data":{"n":1.,"#),
        Edit(from: #""data":{"#, to: #""data":{"n":1e,"#), Edit(from: #""data":{"#, to: #""data":{"n":-1.5E+3,"#),
        Edit(from: #""data":{"#, to: #""data":{"n":tru,"#), Edit(from: #""data":{"#, to: #""data":{"n":[1,],"#),
        Edit(from: #""data":{"#, to: #""data":{"n":{},"m":[],"#), Edit(from: #""data":{"#, to: #""data":{,"#),
        Edit(from: #""data":{"#, to: #""data":{"s":"a\nb\"c\\d\/e\tf\bg\fh\ri","#), Edit(from: #""data":{"#, to: #""data":{"s":"\x","#),
        Edit(from: #""data":{"#, to: #""data":{"s":"\ud83d\ude00","#), Edit(from: #""data":{"#, to: #""data":{"s":"\ud800","#),
        Edit(from: #""data":{"#, to: "\"data\":{\"s\":\"a\u{01}b\","), Edit(from: #""data":{"#, to: #""data":{"s":"ÿ€𝄞","#),
        Edit(from: #""data":{"#, to: #""data":{"deep":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"#),
        Edit(
            from: #""data":{"#,
            to:
                #""data":{"deep":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"#
        ),
        // The envelope.
        Edit(from: #""seq":"#, to: #""seq":0,"old_seq":"#), Edit(from: #""seq":"#, to: #""seq":9007199254740992,"old_seq":"#),
        Edit(from: #""seq":"#, to: #""seq":"1","old_seq":"#), Edit(from: #""seq":"#, to: #""seq":0"#),
        Edit(from: #""population":"#, to: #""population":0"#), Edit(from: #""in_office":"#, to: #""in_office":-"#),
        Edit(from: #""effective":"#, to: #""v":2,"effective":"#),
        Edit(from: #""effective":"#, to: #""v":1,"effective":"#), Edit(from: #""effective":"#, to: #""v":null,"effective":"#),
        Edit(from: #""effective":"#, to: #""v":"1","effective":"#), Edit(from: #""effective":"#, to: #""source":"doc","effective":"#),
        Edit(from: #""effective":"#, to: #""source":null,"effective":"#), Edit(from: #"Z","effective""#, to: #"+01:00","effective""#),
        Edit(from: #""type":"#, to: #""type":"Act.signed","former_type":"#), Edit(from: #""id":"#, to: #""id":"","former_id":"#),
        Edit(from: #""convention":"ctg"#, to: #""convention":"ctg\/"#), Edit(from: #"","hash":""#, to: #"","hash":"X"#),
        Edit(from: #""prev":""#, to: #""prev":null,"old_prev":""#), Edit(from: #"}}"#, to: "}} "), Edit(from: #"}}"#, to: "}}x"),
        // The data, type by type.
        Edit(from: #""act":"convention""#, to: #""act":"avenant:01""#), Edit(from: #""act":"convention""#, to: #""act":"avenant:1""#),
        Edit(from: #""act":"convention""#, to: #""act":"deliberation:""#), Edit(from: #""act":"convention""#, to: #""act":"deliberation:x""#),
        Edit(from: #""act":"convention""#, to: #""act":"conv\u0065ntion""#), Edit(from: #""decisions":"#, to: #""former_decisions":"#),
        Edit(from: #""unanimous":true"#, to: #""unanimous":1"#), Edit(from: #""members":{"#, to: #""members":{"in_office":-1,"x":"#),
        Edit(from: #""parties":["#, to: #""parties":[],"former_parties":["#), Edit(from: #""siren":""#, to: #""siren":"1"#),
        Edit(from: #""siren":""#, to: #""siren":"\u0031"#), Edit(from: #""kind":"commune""#, to: #""kind":"Commune""#),
        Edit(from: #""kind":"commune""#, to: #""kind":"commune ""#), Edit(from: #""start":"20"#, to: #""start":"30"#),
        Edit(from: #""fields":{"#, to: #""fields":{"axe":"a","axe":"b","#), Edit(from: #""fields":{"#, to: #""fields":{"n":1,"#),
        Edit(from: #""status":"done""#, to: #""status":"Done""#), Edit(from: #""kind":"denunciation""#, to: #""kind":"mutual""#),
        Edit(from: #""op":"add""#, to: #""op":"amend""#), Edit(from: #""op":"abrogate""#, to: #""op":"amend""#),
        Edit(from: #""op":"abrogate""#, to: #""op":"remove-party""#), Edit(from: #"{"op":"#, to: #"{"note":"n","op":"#),
        Edit(from: #""effective_from":"#, to: #""effective_until":"2000-01-01","effective_from":"#),
        Edit(from: #""signatories":["#, to: #""signatories":null,"former_signatories":["#),
        Edit(from: #""signatories":[{"#, to: #""signatories":[{"role":null,"#), Edit(from: #""summary":"#, to: #""summary":null,"s":"#),
    ]
}
