import Testing

@testable import CTGLedger

@Suite struct JSONParserTests {
    @Test func keepsMemberOrderNumbersAndText() throws {
        let value = try JSONParser.parse(#"{"b":1,"a":[true,false,null,-0.5e3],"é":"l'\u00e9t\u00E9 \"ok\" \ud83d\ude00"}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a", "é"])
        #expect(object["a"] == .array([.bool(true), .bool(false), .null, .number("-0.5e3")]))
        #expect(object["é"] == .string("l'été \"ok\" 😀"))
        #expect(JSONWriter.string(value) == #"{"b":1,"a":[true,false,null,-0.5e3],"é":"l'été \"ok\" 😀"}"#)
    }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "duplicate member"),
        (#"{"a":01}"#, "leading zero"),
        (#"{"a":"x"#, "unterminated"),
        (#"{"a":"\x"}"#, "invalid escape"),
        (#"{"a":1} x"#, "after the end"),
        (#"{"a":tru}"#, "expected 'true'"),
        ("{\"a\":\"\t\"}", "control character"),
        (#"{"a":"\udc00"}"#, "surrogate"),
        (#"[1,]"#, "expected a value"),
        (#"{"a":1,}"#, "member name"),
        ("", "expected a value"),
    ])
    func refusesInvalidJSON(text: String, message: String) {
        #expect {
            try JSONParser.parse(text)
        } throws: { error in
            (error as? JSONSyntaxError)?.message.contains(message) == true
        }
    }

    @Test func refusesInvalidUTF8AndDeepNesting() throws {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xED, 0xA0, 0x80, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xC0, 0xAF, 0x22]) }
        // Two-byte scalars, which strings check inline: the smallest and largest, and what is not one.
        #expect(try JSONParser.parse([0x22, 0xC2, 0x80, 0xDF, 0xBF, 0x22]) == .string("\u{80}\u{7FF}"))
        #expect(try JSONParser.parse([0x22, 0x61, 0xC3, 0xA9, 0x22]) == .string("aé"))
        for bad: [UInt8] in [[0xC1, 0xBF], [0xC2], [0xC3, 0xC3, 0xA9], [0xDF, 0x7F], [0xC2, 0xC0], [0x80], [0xBF]] {
            #expect(throws: JSONSyntaxError.self, "\(bad)") { try JSONParser.parse([0x22] + bad + [0x22]) }
        }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0x61, 0xC3]) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) }
        #expect(throws: Never.self) { try JSONParser.parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) }
    }

    @Test func writerEscapesWhatJSONRequires() throws {
        let text = "a\"b\\c\nd\u{01}é"
        let written = JSONWriter.string(.string(text))
        #expect(written == "\"a\\\"b\\\\c\\nd\\u0001é\"")
        #expect(try JSONParser.parse(written) == .string(text))
    }
}

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2025-12-19T10:00:00Z", "2025-12-19T10:00:00Z"),
        ("2025-12-19T11:00:00+01:00", "2025-12-19T10:00:00Z"),
        ("2025-12-19t10:00:00.250z", "2025-12-19T10:00:00.25Z"),
        ("2026-01-01T00:30:00+02:00", "2025-12-31T22:30:00Z"),
    ])
    func parsesRFC3339IntoUTC(text: String, expected: String) {
        #expect(Timestamp(rfc3339: text)?.description == expected)
    }

    @Test(arguments: ["2025-12-19", "2025-12-19T10:00:00", "2025-12-19 10:00:00Z", "2025-12-19T25:00:00Z", "2025-02-30T10:00:00Z", "2025-12-19T10:00:00+1:00"])
    func refusesOtherForms(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func aDateAsKMeansTheEndOfThatDay() throws {
        let k = try #require(Timestamp(query: "2026-03-01"))
        #expect(try #require(Timestamp(rfc3339: "2026-03-01T23:59:59Z")) < k)
        #expect(k < (try #require(Timestamp(rfc3339: "2026-03-02T00:00:00Z"))))
    }
}
