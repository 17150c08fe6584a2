import Foundation
import Testing

@testable import CTGLedger

/// The tape parser is the only JSON parser: these pin what it accepts, what it builds, and the
/// exact column, message and member of each refusal (the table was taken from the tree-building
/// parser it replaced, so log findings and append refusals read as before).
@Suite struct JSONTapeTests {
    static let malformedText: [(String, Int, String, String?)] = [
        ("", 1, "unexpected end of line, expected a value", nil),
        ("   ", 4, "unexpected end of line, expected a value", nil),
        ("{", 2, "unexpected end of line, expected a member name in quotes", nil),
        ("}", 1, "unexpected character \'}\', expected a value", nil),
        ("[", 2, "unexpected end of line, expected a value", nil),
        ("]", 1, "unexpected character \']\', expected a value", nil),
        ("{\"a\"", 5, "unexpected end of line, expected \':\' after member \"a\"", nil),
        ("{\"a\":", 6, "unexpected end of line, expected a value", nil),
        ("{\"a\":1", 7, "unexpected end of line, expected \',\' or \'}\'", nil),
        ("{\"a\":1,", 8, "unexpected end of line, expected a member name in quotes", nil),
        ("{\"a\" 1}", 6, "unexpected character \'1\', expected \':\' after member \"a\"", nil),
        ("{\"a\":1 \"b\":2}", 8, "unexpected character \'\"\', expected \',\' or \'}\'", nil),
        ("{1:2}", 2, "unexpected character \'1\', expected a member name in quotes", nil),
        ("{\"a\":1,}", 8, "unexpected character \'}\', expected a member name in quotes", nil),
        ("[1,]", 4, "unexpected character \']\', expected a value", nil),
        ("[1 2]", 4, "unexpected character \'2\', expected \',\' or \']\'", nil),
        ("[,1]", 2, "unexpected character \',\', expected a value", nil),
        ("tru", 1, "unexpected end of line in \'true\'", nil),
        ("true x", 6, "unexpected character \'x\' after the end of the JSON value", nil),
        ("nul", 1, "unexpected end of line in \'null\'", nil),
        ("nulL", 4, "unexpected character \'L\', expected \'null\'", nil),
        ("falsy", 5, "unexpected character \'y\', expected \'false\'", nil),
        ("-", 2, "a number needs a digit after \'-\'", nil),
        ("-a", 2, "a number needs a digit after \'-\'", nil),
        ("01", 2, "a number may not have a leading zero", nil),
        ("1.", 3, "a number needs digits after \'.\'", nil),
        ("1.e5", 3, "a number needs digits after \'.\'", nil),
        ("1e", 3, "a number needs digits in its exponent", nil),
        ("1e+", 4, "a number needs digits in its exponent", nil),
        ("--1", 2, "a number needs a digit after \'-\'", nil),
        ("+1", 1, "unexpected character \'+\', expected a value", nil),
        ("1 2", 3, "unexpected character \'2\' after the end of the JSON value", nil),
        (".5", 1, "unexpected character \'.\', expected a value", nil),
        ("\"abc", 1, "unterminated string", nil),
        ("\"a\\", 1, "unterminated string", nil),
        ("\"\\x\"", 2, "invalid escape \'\\x\' in a string", nil),
        ("\"\\u12\"", 4, "a \\u escape needs four hex digits", nil),
        ("\"\\u12g4\"", 6, "a \\u escape needs four hex digits", nil),
        ("\"\\ud800\"", 8, "a high surrogate \\u escape must be followed by a low surrogate", nil),
        ("\"\\ud800\\u0041\"", 14, "invalid low surrogate in \\u escape", nil),
        ("\"\\udc00\"", 8, "a lone low surrogate in \\u escape", nil),
        ("\"\\ud800x\"", 8, "a high surrogate \\u escape must be followed by a low surrogate", nil),
        ("\"a\tb\"", 3, "control character byte 0x9 inside a string; write it escaped", nil),
        ("{\"a\":1,\"a\":2}", 8, "duplicate member \"a\"", "a"),
        ("{\"a\":1,\"\\u0061\":2}", 8, "duplicate member \"a\"", "a"),
        ("{\"é\":1,\"\\u00e9\":2}", 9, "duplicate member \"é\"", "é"),
        ("{\"x\":{\"y\":1,\"y\":2}}", 13, "duplicate member \"y\"", "y"),
        ("{\"a\":1,\"b\":{\"a\":2},\"b\":3}", 20, "duplicate member \"b\"", "b"),
        (
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", 65,
            "nesting deeper than 64 levels", nil
        ),
        (
            "{\"a\":11111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111}", 6,
            "a number longer than 100 characters", nil
        ),
        ("{\"a\":\"x\"}}", 10, "unexpected character \'}\' after the end of the JSON value", nil),
        ("[1]]", 4, "unexpected character \']\' after the end of the JSON value", nil),
        ("{\"a\":[1,2,{\"b\":null}],\"c\":\"\\n\"} ,", 33, "unexpected character \',\' after the end of the JSON value", nil),
    ]

    @Test(arguments: malformedText)
    func refusesMalformedTextWithTheSameColumnAndMessage(_ text: String, column: Int, message: String, member: String?) {
        #expect(throws: JSONSyntaxError(column: column, message: message, member: member)) { try JSONParser.parse(text) }
    }

    static let malformedBytes: [([UInt8], Int, String, String?)] = [
        ([34, 195, 40, 34], 3, "invalid UTF-8 (character \'(\')", nil),
        ([34, 237, 160, 128, 34], 3, "invalid UTF-8 (byte 0xA0)", nil),
        ([34, 192, 175, 34], 2, "invalid UTF-8 (byte 0xC0)", nil),
        ([34, 226, 130], 2, "invalid UTF-8: truncated sequence", nil),
        ([34, 244, 144, 128, 128, 34], 3, "invalid UTF-8 (byte 0x90)", nil),
        ([34, 255, 34], 2, "invalid UTF-8 (byte 0xFF)", nil),
        ([123, 34, 97, 34, 58, 0, 125], 6, "unexpected NUL byte, expected a value", nil),
        ([34, 65, 233, 34], 3, "invalid UTF-8: truncated sequence", nil),
        ([34, 240, 159, 152, 34], 5, "invalid UTF-8 (character \'\"\')", nil),
    ]

    @Test(arguments: malformedBytes)
    func refusesInvalidUTF8WithTheSameColumnAndMessage(_ bytes: [UInt8], column: Int, message: String, member: String?) {
        #expect(throws: JSONSyntaxError(column: column, message: message, member: member)) { try JSONParser.parse(bytes) }
    }

    /// Every line of the shipped logs: parse, write, parse again gives the same value, and the
    /// compact lines the ledger writes come back byte for byte.
    @Test func parseWriteParseIsTheIdentityOnTheShippedLogs() throws {
        let directory = Fixtures.repositoryRoot + "/Events"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".jsonl") }
        #expect(!names.isEmpty)
        for name in names {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            for line in bytes.split(separator: 0x0A) {
                let value = try JSONParser.parse(Array(line))
                let written = JSONWriter.string(value)
                #expect(try JSONParser.parse(written) == value)
                #expect(Array(written.utf8) == Array(line))
            }
        }
    }

    @Test(arguments: [
        #"{"b":1,"a":[true,false,null,-0.5e3,{}],"é":"l'\u00e9t\u00E9 \"ok\" \ud83d\ude00","e":[],"s":"\/\b\f\n\r\t\u0000"}"#,
        #"[1,"x",[[[]]],{"k":{"k":{"k":null}}}]"#, #""""#, "0", "-0", "1E+2", "  true  ", #"{"":""}"#,
        #"{"a b":"ü€𝄞 and a long text of more than eight bytes \u20ac","\u0061":2}"#,
    ])
    func roundTrips(_ text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(try JSONParser.parse(JSONWriter.string(value)) == value)
    }

    @Test func nodesReadMembersElementsAndScalarsWithoutBuildingTheTree() throws {
        let text = Array(
            #"{"seq":12,"\u0069d":"a\"b","n":-9223372036854775808,"big":9223372036854775808,"f":1.5,"e":1e3,"t":true,"z":null,"arr":[1,[2],{"x":3}],"hash":"h"}"#
                .utf8)
        let tape = JSONTape(capacity: 1)
        try text.withUnsafeBytes { bytes in
            let root = try tape.parse(bytes)
            #expect(root.kind == .object)
            #expect(root.member("seq")?.int == 12)
            #expect(root.member("id")?.string == "a\"b")
            #expect(root["id"]?.string == "a\"b")
            #expect(root.member("n")?.int == Int.min)
            #expect(root.member("big")?.int == nil)
            #expect(root.member("f")?.int == nil && root.member("e")?.int == nil)
            #expect(root.member("t")?.bool == true && root.member("z")?.isNull == true)
            #expect(root.member("missing") == nil && root.member("seq")?.member("x") == nil)
            let array = try #require(root.member("arr"))
            #expect(array.elements.map(\.typeName) == ["a number", "an array", "an object"])
            #expect(Array(array.elements)[2].member("x")?.int == 3)
            #expect(root.members.map { $0.name.decodedString } == ["seq", "id", "n", "big", "f", "e", "t", "z", "arr", "hash"])
            #expect(root.hasLastMember(named: "hash") && !root.hasLastMember(named: "arr"))
            #expect(root.materialize() == (try JSONParser.parse(text)))
        }
        // The same tape parses a smaller text next, then one needing more tokens than it had.
        try Array(#"[]"#.utf8).withUnsafeBytes { bytes in
            let root = try tape.parse(bytes)
            #expect(root.kind == .array && root.isEmptyContainer)
        }
        let many = "[" + (0..<5000).map(String.init).joined(separator: ",") + "]"
        try Array(many.utf8).withUnsafeBytes { bytes in
            let root = try tape.parse(bytes)
            #expect(root.elements.reduce(0) { $0 + ($1.int ?? 0) } == 4999 * 5000 / 2)
        }
    }

    @Test func memberLookupsFindEveryMemberInAnyOrder() throws {
        let text = "{" + (0..<40).map { "\"m\($0)\":\($0)" }.joined(separator: ",") + ",\"e\":{}}"
        let tape = JSONTape()
        try Array(text.utf8).withUnsafeBytes { bytes in
            let root = try tape.parse(bytes)
            let order = Array(0..<40) + (0..<40).reversed() + [5, 5, 39, 0, 17, 3]
            for i in order { #expect(root["m\(i)"]?.int == i) }
            #expect(root["absent"] == nil && root["m40"] == nil && root["m39"]?.int == 39)
            #expect(root.member("e")?.member("x") == nil && root.member("e")?.isEmptyContainer == true)
        }
        // Names written with escapes, an empty name, and a name that is a prefix of the next: found
        // in order, out of order and again.
        let odd = #"{"\u0061":1,"":2,"ab":3,"abc":4,"a\"b":5}"#
        try Array(odd.utf8).withUnsafeBytes { bytes in
            let root = try tape.parse(bytes)
            for _ in 0..<2 {
                #expect(root["a"]?.int == 1 && root[""]?.int == 2 && root["ab"]?.int == 3 && root["abc"]?.int == 4)
                #expect(root["a\"b"]?.int == 5 && root["abc"]?.int == 4 && root["a"]?.int == 1 && root["b"] == nil)
            }
        }
        withExtendedLifetime(tape) {}
    }

    @Test func namesAreDuplicatesWhenTheirStringsAreEqual() {
        // Escapes, canonically equivalent spellings of the same length, and names that only share
        // their length and first and last bytes.
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(#"{"a\u0062c":1,"abc":2}"#) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{\"e\u{301}\u{323}\":1,\"e\u{323}\u{301}\":2}") }
        #expect(throws: Never.self) { try JSONParser.parse(#"{"abc":1,"axc":2,"ab":3,"abcd":4}"#) }
        #expect(throws: Never.self) { try JSONParser.parse("{\"\u{212A}\":1,\"K\":2}") }
        let names = (0..<200).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        #expect(throws: Never.self) { try JSONParser.parse("{" + names + "}") }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{" + names + ",\"k150\":0}") }
    }

    /// Reading statuses back skips a registration's elements and a signature's signatories: the
    /// parser finds the end of `data.elements` and `data.signatories` past brackets, braces and
    /// escaped quotes inside strings, reads each as an empty array, and reads every other member as
    /// a full parse does (such arrays elsewhere are parsed).
    @Test func skippingDataListsFindsTheirEndAndLeavesTheRestAlone() throws {
        let line =
            #"{"seq":1,"data":{"title":"T","elements":[{"id":"a","text":"[not] {an} \"array ] } \\"},{"id":"b","fields":{"x":"]"}},[[]]],"end":"2030-12-31","signatories":[{"name":"A \"]\" B","party":"p"}],"more":{"elements":[1,2],"signatories":[3]}},"hash":"h"}"#
        let tape = JSONTape()
        let bytes = Array(line.utf8)
        try bytes.withUnsafeBytes { buffer in
            let skipped = try tape.parse(buffer, skipping: .dataLists)
            let data = try #require(skipped["data"])
            for name: StaticString in ["elements", "signatories"] {
                let list = try #require(data.member(name))
                #expect(list.kind == .array && list.isEmptyContainer)
            }
            #expect(data["end"]?.string == "2030-12-31")
            #expect(data["more"]?["elements"]?.elements.map { $0.int } == [1, 2])
            #expect(data["more"]?["signatories"]?.elements.map { $0.int } == [3])
            #expect(skipped["hash"]?.string == "h")
            let full = try JSONParser.parse(line)
            var expected = full
            if case .object(var root) = full, case .object(var inner)? = root["data"] {
                inner["elements"] = .array([])
                inner["signatories"] = .array([])
                root["data"] = .object(inner)
                expected = .object(root)
            }
            #expect(skipped.materialize() == expected)
        }
        // Without the option, the same text is parsed whole; an unterminated skipped array fails.
        try bytes.withUnsafeBytes { buffer in
            let whole = try tape.parse(buffer)
            #expect(whole["data"]?["elements"]?.elements.map(\.kind) == [.object, .object, .array])
            #expect(whole["data"]?["signatories"]?.elements.map(\.kind) == [.object])
        }
        let torn = Array(#"{"data":{"elements":[{"id":"a"}"#.utf8)
        torn.withUnsafeBytes { buffer in
            #expect(throws: JSONSyntaxError.self) { try tape.parse(buffer, skipping: .dataLists) }
        }
    }
}
